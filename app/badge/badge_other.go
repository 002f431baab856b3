//go:build !linux && !windows

package badge

// none shows nothing: macOS's dock badge needs the app's NSApplication from the main thread,
// which the app does not reach yet.
type none struct{}

func newLauncher(string) (launcher, error) { return none{}, nil }

func (none) show(int, string) error { return nil }
func (none) close() error           { return nil }
