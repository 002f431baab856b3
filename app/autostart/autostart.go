// Package autostart turns "start at login" on and off for the current user, the way each
// desktop expects it: an XDG autostart entry on Linux and other Unix desktops, a LaunchAgent on
// macOS, and the HKCU Run value on Windows (the same one the Windows installer writes). The app
// is started with HiddenFlag so that logging in does not throw a window in the user's face.
package autostart

// HiddenFlag is the command-line flag the login entry passes to the app.
const HiddenFlag = "--hidden"
