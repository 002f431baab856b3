package tray

import (
	"context"
	_ "embed"
	"fmt"
	"time"

	"fyne.io/systray"
	"github.com/godbus/dbus/v5"
)

// Linux panels take one pixmap and scale it, so one large PNG serves every panel size.
var (
	//go:embed icons/tray.png
	iconNormal []byte
	//go:embed icons/tray-unread.png
	iconUnread []byte
)

const watcherName = "org.kde.StatusNotifierWatcher"

// own picks the brand's icons in the format panels take.
func own(i Icons) (icon, badged []byte) { return i.PNG, i.PNGUnread }

// checkHost looks for a tray host before the library starts: it would export the item anyway
// and wait, invisibly, for a panel that may never come.
func checkHost() error {
	// No auto-start: godbus would otherwise launch a private bus with dbus-launch and leave
	// it running, and no panel would be on that bus either.
	conn, err := dbus.SessionBusPrivateNoAutoStartup()
	if err != nil {
		return fmt.Errorf("%w: %w", ErrNoWatcher, err)
	}
	defer conn.Close()
	if err := conn.Auth(nil); err != nil {
		return fmt.Errorf("%w: authenticate on the session bus: %w", ErrNoWatcher, err)
	}
	if err := conn.Hello(); err != nil {
		return fmt.Errorf("%w: greet the session bus: %w", ErrNoWatcher, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var owned bool
	err = conn.BusObject().CallWithContext(ctx, "org.freedesktop.DBus.NameHasOwner", 0, watcherName).Store(&owned)
	if err != nil {
		return fmt.Errorf("%w: ask the session bus: %w", ErrNoWatcher, err)
	}
	if !owned {
		return ErrNoWatcher
	}
	return nil
}

// run starts the library beside Wails' GTK loop: on Linux the tray is plain D-Bus and needs no
// loop of its own. It returns once the item is on the bus.
func run(onReady func()) (end func()) {
	start, end := systray.RunWithExternalLoop(onReady, nil)
	start()
	return end
}
