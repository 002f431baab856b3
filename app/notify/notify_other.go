//go:build !linux

package notify

// Notifier is never created here: Windows toasts and macOS notifications need an app identity
// (an AppUserModelID, a signed bundle) that the app does not have yet.
type Notifier struct{}

// New reports ErrUnsupported.
func New(string, string, func()) (*Notifier, error) { return nil, ErrUnsupported }

// Notify does nothing.
func (*Notifier) Notify(string, string, bool) (uint32, error) { return 0, ErrUnsupported }

// Withdraw does nothing.
func (*Notifier) Withdraw() error { return nil }

// Close does nothing.
func (*Notifier) Close() error { return nil }
