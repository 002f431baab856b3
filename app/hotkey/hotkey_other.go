//go:build !linux && !windows

package hotkey

import "fmt"

// New always fails here: holding a global shortcut on macOS needs Carbon through cgo, which
// this app does not build with yet.
func New(onPress func()) (Listener, error) {
	return nil, fmt.Errorf("%w on this system yet; use the command-line flags (jedidesk-desktop --toggle) from your system's own keyboard shortcut settings", ErrUnsupported)
}
