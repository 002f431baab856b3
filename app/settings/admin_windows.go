package settings

import (
	"fmt"
	"path/filepath"

	"golang.org/x/sys/windows"
)

// systemAdminPath is %ProgramData%\<id>\settings.json: users cannot change a file an
// administrator put there.
func systemAdminPath(id string) (string, error) {
	data, err := windows.KnownFolderPath(windows.FOLDERID_ProgramData, 0)
	if err != nil {
		return "", fmt.Errorf("cannot find the ProgramData folder for the administrator's settings: %w", err)
	}
	return filepath.Join(data, id, "settings.json"), nil
}
