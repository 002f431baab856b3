//go:build !windows && !darwin

package autostart

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// entryPath is the XDG autostart entry: $XDG_CONFIG_HOME/autostart, ~/.config by default.
// The file name matches the installed .desktop file, so desktops that pair the two see one app.
func entryPath(app App) (string, error) {
	config, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("start at login: cannot find your config folder (set HOME or XDG_CONFIG_HOME): %w", err)
	}
	return filepath.Join(config, "autostart", app.Command+".desktop"), nil
}

func entry(app App, exe string) []byte {
	return []byte("[Desktop Entry]\n" +
		"Type=Application\n" +
		"Name=" + execStringEscaper.Replace(app.Name) + "\n" +
		"Comment=Starts " + execStringEscaper.Replace(app.Name) + " in the background when you log in\n" +
		"Exec=" + execArg(exe) + " " + HiddenFlag + "\n" +
		"Icon=" + app.Command + "\n" +
		"Terminal=false\n" +
		"X-GNOME-Autostart-enabled=true\n")
}

// entryActive is false when the user switched the entry off in their desktop's settings, which
// edit the file rather than delete it.
func entryActive(content []byte) bool {
	for _, line := range strings.Split(string(content), "\n") {
		key, value, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		key, value = strings.TrimSpace(key), strings.TrimSpace(value)
		if (key == "Hidden" && value == "true") || (key == "X-GNOME-Autostart-enabled" && value == "false") {
			return false
		}
	}
	return true
}

// Characters the Desktop Entry Specification reserves in an Exec argument.
const execReserved = " \t\n\"'\\><~|&;$*?#()`"

var (
	execQuoteEscaper  = strings.NewReplacer(`"`, `\"`, "`", "\\`", "$", `\$`, `\`, `\\`)
	execStringEscaper = strings.NewReplacer(`\`, `\\`, "\n", `\n`, "\t", `\t`, "\r", `\r`)
)

// execArg writes one Exec argument as the specification demands, so an app installed under a
// path with spaces or quotes still starts: % doubled, the argument quoted when it holds a
// reserved character, and then the string-level escapes every desktop file value gets.
func execArg(arg string) string {
	arg = strings.ReplaceAll(arg, "%", "%%")
	if strings.ContainsAny(arg, execReserved) {
		arg = `"` + execQuoteEscaper.Replace(arg) + `"`
	}
	return execStringEscaper.Replace(arg)
}
