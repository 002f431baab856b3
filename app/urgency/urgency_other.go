//go:build !linux || !cgo

package urgency

// Set does nothing here: Windows' FlashWindowEx and macOS's requestUserAttention need the
// window's native handle, which Wails v2 does not give the app.
func Set(bool) {}
