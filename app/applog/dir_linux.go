package applog

import (
	"os"
	"path/filepath"
)

// Dir is where the log of the app called app lives: the XDG state folder, which is meant for
// logs.
func Dir(app string) (string, error) {
	if state := os.Getenv("XDG_STATE_HOME"); filepath.IsAbs(state) {
		return filepath.Join(state, app), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".local", "state", app), nil
}
