//go:build !linux

package session

import "io"

// listenToManager hears nothing on Windows and macOS: the signals are what ends the app there.
// (Windows' end-of-session messages go to the window, which Wails v2 owns.)
func listenToManager(end func(reason string), log io.Writer) io.Closer { return noManager{} }

type noManager struct{}

func (noManager) Close() error { return nil }
