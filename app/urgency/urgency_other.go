//go:build (!linux || !cgo) && !windows

package urgency

// Set does nothing here: macOS's dock bounce (requestUserAttention) is not built yet, and a
// Linux build without cgo has no GTK to reach the window through.
func Set(bool) {}
