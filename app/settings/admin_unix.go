//go:build !windows && !darwin

package settings

import "path/filepath"

// systemAdminPath is /etc/<id>/settings.json: /etc is the administrator's.
func systemAdminPath(id string) (string, error) {
	return filepath.Join("/etc", id, "settings.json"), nil
}
