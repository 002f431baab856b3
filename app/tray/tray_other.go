//go:build !linux && !windows

package tray

// Tray is never started here: on macOS the tray library and Wails both define the Cocoa app
// delegate and the binary does not link, so the app keeps a normal window.
type Tray struct{}

// Start reports ErrUnsupported.
func Start(Identity, Actions, Labels, State) (*Tray, error) { return nil, ErrUnsupported }

// Update does nothing.
func (*Tray) Update(State) {}

// Stop does nothing.
func (*Tray) Stop() {}

// SetLabels does nothing.
func (*Tray) SetLabels(Labels) {}
