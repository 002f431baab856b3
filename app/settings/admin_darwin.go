package settings

import "path/filepath"

// systemAdminPath is /Library/Application Support/<id>/settings.json, which only
// administrators can write (each user's own is under ~/Library).
func systemAdminPath(id string) (string, error) {
	return filepath.Join("/Library", "Application Support", id, "settings.json"), nil
}
