//go:build !linux

package instance

// Forward reports false: on Windows and macOS Wails' single-instance lock passes the command
// line on itself, before the webview starts, and ends the second launch with its own exit
// status (0 in Wails v2.9.2).
func Forward(uniqueID string, args []string) (forwarded bool, err error) {
	return false, nil
}
