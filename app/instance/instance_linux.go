package instance

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/wailsapp/wails/v2/pkg/options"
)

// callTimeout bounds the wait for a running app that has hung: reporting it beats a launch
// that never returns.
const callTimeout = 5 * time.Second

// Forward passes args to the copy of the app already running, if there is one, the way Wails'
// single-instance lock would: that copy's OnSecondInstanceLaunch receives them with this
// process's working directory. It reports whether there was a running copy to take them.
//
// Wails' own lock does the same but only after GTK and WebKit have started, and then exits
// with status 1; calling Forward first lets this launch end at once with status 0.
//
// Without a session bus Forward reports false and no error: Wails' lock, which needs the same
// bus, cannot find a running copy either. On an error forwarded is false, and the app can
// start as if it were alone.
func Forward(uniqueID string, args []string) (forwarded bool, err error) {
	// Not dbus.ConnectSessionBus: with no bus to find it runs dbus-launch, leaving a daemon
	// behind on every launch.
	conn, err := dbus.SessionBusPrivateNoAutoStartup()
	if err != nil {
		return false, nil
	}
	defer conn.Close()
	if err := conn.Auth(nil); err != nil {
		return false, fmt.Errorf("cannot sign in to the session bus to look for a running JediDesk: %w", err)
	}
	if err := conn.Hello(); err != nil {
		return false, fmt.Errorf("cannot join the session bus to look for a running JediDesk: %w", err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
	defer cancel()
	name, path := address(uniqueID)
	var running bool
	if err := conn.BusObject().CallWithContext(ctx, "org.freedesktop.DBus.NameHasOwner", 0, name).Store(&running); err != nil {
		return false, fmt.Errorf("cannot ask the session bus whether JediDesk is running: %w", err)
	}
	if !running {
		return false, nil
	}

	dir, err := os.Getwd()
	if err != nil {
		return false, fmt.Errorf("cannot pass this command to the running JediDesk, as the current folder cannot be read: %w", err)
	}
	// Wails sends os.Args[1:], never null.
	message, err := json.Marshal(options.SecondInstanceData{Args: append([]string{}, args...), WorkingDirectory: dir})
	if err != nil {
		return false, fmt.Errorf("cannot encode this command for the running JediDesk: %w", err)
	}
	err = conn.Object(name, path).CallWithContext(ctx, name+".SendMessage", dbus.FlagNoAutoStart, string(message)).Err
	var busErr dbus.Error
	if errors.As(err, &busErr) && (busErr.Name == "org.freedesktop.DBus.Error.ServiceUnknown" || busErr.Name == "org.freedesktop.DBus.Error.NameHasNoOwner") {
		// It quit between the two calls: this launch is now the only one.
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("cannot pass this command to the running JediDesk: %w", err)
	}
	return true, nil
}

// address is the bus name and object path where Wails v2.9.2's lock
// (internal/frontend/desktop/linux/single_instance.go) exports its SendMessage method, under an
// interface of the same name as the bus name.
func address(uniqueID string) (name string, path dbus.ObjectPath) {
	id := "wails_app_" + strings.NewReplacer("-", "_", ".", "_").Replace(uniqueID)
	return "org." + id + ".SingleInstance", dbus.ObjectPath("/org/" + id + "/SingleInstance")
}
