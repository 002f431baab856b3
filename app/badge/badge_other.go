//go:build !linux

package badge

// none shows nothing: Windows' taskbar overlay icon and macOS's dock badge need the window's
// native handle from the main thread, which the app does not reach yet.
type none struct{}

func newLauncher(string) (launcher, error) { return none{}, nil }

func (none) show(int) error { return nil }
func (none) close() error   { return nil }
