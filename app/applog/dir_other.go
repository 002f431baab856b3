//go:build !linux

package applog

import (
	"os"
	"path/filepath"
)

// Dir is where the log of the app called app lives: the user's cache folder (%LocalAppData%,
// ~/Library/Caches).
func Dir(app string) (string, error) {
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(cache, app), nil
}
