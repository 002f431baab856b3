//go:build windows

package urgency

import (
	"sync"
	"unsafe"

	"golang.org/x/sys/windows"
)

var (
	user32            = windows.NewLazySystemDLL("user32.dll")
	procFlashWindowEx = user32.NewProc("FlashWindowEx")
)

// FLASHWINFO and its flags (winuser.h).
type flashInfo struct {
	size    uint32
	window  windows.HWND
	flags   uint32
	count   uint32
	timeout uint32
}

const (
	flashStop = 0
	// flashAll flashes the caption and the taskbar button; timerNoForeground keeps flashing
	// until the window comes to the foreground.
	flashAll          = 0x3
	timerNoForeground = 0xC
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

// Set flashes the app's window on the taskbar until it comes to the foreground, or stops.
// Wails v2 does not give the app its window's handle, so the app's visible top-level windows
// are looked up; a hidden window has no taskbar button to flash.
func Set(on bool) {
	flags := uint32(flashStop)
	if on {
		flags = flashAll | timerNoForeground
	}
	mu.Lock()
	defer mu.Unlock()
	found = found[:0]
	if err := windows.EnumWindows(onEach, nil); err != nil {
		return
	}
	for _, w := range found {
		info := flashInfo{window: w, flags: flags}
		info.size = uint32(unsafe.Sizeof(info))
		procFlashWindowEx.Call(uintptr(unsafe.Pointer(&info)))
	}
}
