//go:build !linux

package applog

import (
	"os"
	"path/filepath"
)

// Dir is where the log lives: the user's cache folder (%LocalAppData%, ~/Library/Caches).
func Dir() (string, error) {
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(cache, "jedidesk-desktop"), nil
}
