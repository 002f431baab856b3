//go:build !linux || !cgo

package netmonitor

// Watch does nothing here: the app's checks every few seconds are the only ones.
func Watch(func()) {}
