package autostart

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
)

// entryPath is the per-user LaunchAgent, named for the app's bundle id so that launchd and
// System Settings show whose it is.
func entryPath(app App) (string, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("start at login: cannot find your home folder (set HOME): %w", err)
	}
	return filepath.Join(home, "Library", "LaunchAgents", app.ID+".plist"), nil
}

func entry(app App, exe string) []byte {
	var path bytes.Buffer
	_ = xml.EscapeText(&path, []byte(exe)) // writing to a bytes.Buffer cannot fail
	return []byte(`<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>Label</key>
	<string>` + app.ID + `</string>
	<key>ProgramArguments</key>
	<array>
		<string>` + path.String() + `</string>
		<string>` + HiddenFlag + `</string>
	</array>
	<key>RunAtLoad</key>
	<true/>
</dict>
</plist>
`)
}

// entryActive is always true: macOS keeps the user's Login Items switch in its own database,
// not in the plist.
func entryActive([]byte) bool { return true }
