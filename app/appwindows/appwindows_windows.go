//go:build windows

package appwindows

import (
	"sync"

	"golang.org/x/sys/windows"
)

var (
	// mu guards found, which the one enumeration callback fills: Windows allows a process only
	// so many callbacks, so it is made once.
	mu     sync.Mutex
	found  []windows.HWND
	onEach = windows.NewCallback(func(w windows.HWND, _ uintptr) uintptr {
		var pid uint32
		if _, err := windows.GetWindowThreadProcessId(w, &pid); err == nil && pid == windows.GetCurrentProcessId() && windows.IsWindowVisible(w) {
			found = append(found, w)
		}
		return 1 // go on
	})
)

// Visible are the app's visible top-level windows (a hidden one has no taskbar button).
func Visible() []windows.HWND {
	mu.Lock()
	defer mu.Unlock()
	found = found[:0]
	if err := windows.EnumWindows(onEach, nil); err != nil {
		return nil
	}
	return append([]windows.HWND(nil), found...)
}
