//go:build windows

package urgency

import (
	"unsafe"

	"golang.org/x/sys/windows"

	"jedidesk-desktop/app/appwindows"
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

// Set flashes the app's window on the taskbar until it comes to the foreground, or stops.
// Wails v2 does not give the app its window's handle, so the app's visible top-level windows
// are looked up; a hidden window has no taskbar button to flash.
func Set(on bool) {
	flags := uint32(flashStop)
	if on {
		flags = flashAll | timerNoForeground
	}
	for _, w := range appwindows.Visible() {
		info := flashInfo{window: w, flags: flags}
		info.size = uint32(unsafe.Sizeof(info))
		procFlashWindowEx.Call(uintptr(unsafe.Pointer(&info)))
	}
}
