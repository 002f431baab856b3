package update

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/windows"
)

// Apply installs a verified download once this process has ended, and starts the app again:
// a hidden PowerShell waits for this process (the installer cannot replace a running .exe),
// runs the NSIS installer silently into the folder exe is in (/S, and /D=, which NSIS wants
// last and unquoted, spaces and all) and starts exe. The caller quits right after.
func Apply(installer, exe string) error {
	quote := func(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
	script := "Wait-Process -Id " + strconv.Itoa(os.Getpid()) + " -ErrorAction SilentlyContinue; " +
		"Start-Process -Wait -FilePath " + quote(installer) + " -ArgumentList '/S'," + quote("/D="+filepath.Dir(exe)) + "; " +
		"Remove-Item -LiteralPath " + quote(installer) + "; " +
		"Start-Process -FilePath " + quote(exe)
	cmd := exec.Command("powershell.exe", "-NoProfile", "-NonInteractive", "-WindowStyle", "Hidden", "-Command", script)
	cmd.SysProcAttr = &syscall.SysProcAttr{HideWindow: true, CreationFlags: windows.DETACHED_PROCESS | windows.CREATE_NEW_PROCESS_GROUP}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("cannot start the update's installer: %w", err)
	}
	return cmd.Process.Release()
}
