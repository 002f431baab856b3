// Package autostart turns "start at login" on and off for the current user, the way each
// desktop expects it: an XDG autostart entry on Linux and other Unix desktops, a LaunchAgent on
// macOS, and the HKCU Run value on Windows (the same one the Windows installer writes). The app
// is started with HiddenFlag so that logging in does not throw a window in the user's face.
package autostart

// HiddenFlag is the command-line flag the login entry passes to the app.
const HiddenFlag = "--hidden"

// App names the app whose login entry this is; app/brand derives each name from the app id,
// so the entries of two installed brands never overwrite each other.
type App struct {
	// ID is reverse-DNS (com.acme.support): the macOS LaunchAgent's label and file name.
	ID string
	// Command names the XDG entry's file and icon, as the installed launcher's.
	Command string
	// Name is what the desktop's startup settings show.
	Name string
	// RunValue is the value's name under Windows' HKCU Run key.
	RunValue string
}
