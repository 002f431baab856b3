package applog

import (
	"os"
	"path/filepath"
)

// Dir is where the log lives: the XDG state folder, which is meant for logs.
func Dir() (string, error) {
	if state := os.Getenv("XDG_STATE_HOME"); filepath.IsAbs(state) {
		return filepath.Join(state, "jedidesk-desktop"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".local", "state", "jedidesk-desktop"), nil
}
