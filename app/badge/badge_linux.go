//go:build linux

package badge

import (
	"fmt"
	"hash/fnv"

	"github.com/godbus/dbus/v5"
)

const updateSignal = "com.canonical.Unity.LauncherEntry.Update"

// unity is the Unity launcher-entry protocol: a signal on the session bus that names the app by
// its desktop file. Launchers listen to it from anyone, so it is emitted whether or not one
// runs; nothing answers either way.
type unity struct {
	conn *dbus.Conn
	uri  string
	path dbus.ObjectPath
}

func newLauncher(desktopFile string) (launcher, error) {
	// No auto-start: godbus would otherwise launch a private bus with dbus-launch and leave it
	// running, where no launcher listens.
	conn, err := dbus.SessionBusPrivateNoAutoStartup()
	if err != nil {
		return nil, fmt.Errorf("connect to the session bus for the launcher badge: %w", err)
	}
	if err := conn.Auth(nil); err != nil {
		conn.Close()
		return nil, fmt.Errorf("authenticate on the session bus for the launcher badge: %w", err)
	}
	if err := conn.Hello(); err != nil {
		conn.Close()
		return nil, fmt.Errorf("greet the session bus for the launcher badge: %w", err)
	}
	uri := "application://" + desktopFile
	// Launchers read only the signal's arguments; a path of the app's own keeps two brands'
	// signals apart for anyone watching the bus.
	h := fnv.New32a()
	h.Write([]byte(uri))
	path := dbus.ObjectPath(fmt.Sprintf("/com/canonical/unity/launcherentry/%d", h.Sum32()))
	return &unity{conn: conn, uri: uri, path: path}, nil
}

func (u *unity) show(count int, _ string) error {
	props := map[string]dbus.Variant{
		"count":         dbus.MakeVariant(int64(count)),
		"count-visible": dbus.MakeVariant(count > 0),
	}
	if err := u.conn.Emit(u.path, updateSignal, u.uri, props); err != nil {
		return fmt.Errorf("show %d on the launcher badge: %w", count, err)
	}
	return nil
}

func (u *unity) close() error { return u.conn.Close() }
