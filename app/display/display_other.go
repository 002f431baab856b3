//go:build !linux

package display

import "io"

// ExitWhenLost does nothing on Windows and macOS, where the display does not go away under a
// running app.
func ExitWhenLost(log io.Writer) {}
