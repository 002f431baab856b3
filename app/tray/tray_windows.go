package tray

import (
	_ "embed"
	"runtime"

	"fyne.io/systray"
)

// Windows loads tray icons from ICO files; each holds 16, 32, 48 and 64 px images, so the
// shell picks the one for the screen's scale.
var (
	//go:embed icons/tray.ico
	iconNormal []byte
	//go:embed icons/tray-unread.ico
	iconUnread []byte
)

// own picks the brand's icons in the format the shell takes.
func own(i Icons) (icon, badged []byte) { return i.ICO, i.ICOUnread }

// checkHost has nothing to check: the notification area is part of the Windows shell.
func checkHost() error { return nil }

// run gives the library a thread of its own: its hidden window gets messages only on the thread
// that created it, and Wails' loop runs on another.
func run(onReady func()) (end func()) {
	go func() {
		runtime.LockOSThread()
		systray.Run(onReady, nil)
	}()
	return systray.Quit
}
