// Package appwindows finds the app's own top-level windows on Windows, where Wails v2 does not
// hand the app its window's handle. Elsewhere the app reaches its window through GTK or not at
// all, so the package has nothing to offer there.
package appwindows
