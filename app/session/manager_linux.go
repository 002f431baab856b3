package session

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"

	"github.com/godbus/dbus/v5"
)

const (
	gnomeName   = "org.gnome.SessionManager"
	gnomePath   = dbus.ObjectPath("/org/gnome/SessionManager")
	clientIface = "org.gnome.SessionManager.ClientPrivate"

	logindName  = "org.freedesktop.login1"
	logindPath  = dbus.ObjectPath("/org/freedesktop/login1")
	logindIface = "org.freedesktop.login1.Manager"

	// callTimeout bounds each call to a session service, so one that hangs cannot hold up the
	// app's start or its exit.
	callTimeout = 3 * time.Second
)

// managers are the session services the app listens to: GNOME's session manager (a logout)
// and logind (a shutdown or reboot). Either may be missing; the signals then do their work.
type managers struct {
	ready  chan struct{}
	gnome  *gnomeClient
	logind *logind
}

// listenToManager connects on its own goroutine, so a slow bus never delays the window.
func listenToManager(end func(reason string), log io.Writer) io.Closer {
	m := &managers{ready: make(chan struct{})}
	go func() {
		defer close(m.ready)
		var err error
		if m.gnome, err = registerWithGnome(end); err != nil {
			fmt.Fprintln(log, "jedidesk-desktop: the session manager cannot tell the app when you log out:", err)
		}
		if m.logind, err = listenToLogind(end); err != nil {
			fmt.Fprintln(log, "jedidesk-desktop: logind cannot tell the app when the computer shuts down:", err)
		}
	}()
	return m
}

func (m *managers) Close() error {
	<-m.ready
	var err error
	if m.gnome != nil {
		err = m.gnome.Close()
	}
	if m.logind != nil {
		err = errors.Join(err, m.logind.Close())
	}
	return err
}

// gnomeClient is the app's registration with org.gnome.SessionManager (GNOME, and desktops that
// speak its D-Bus interface).
type gnomeClient struct {
	conn *dbus.Conn
	path dbus.ObjectPath
	// owed: the session manager announced the end of the session and waits for the app's
	// answer, which Close gives once the app has cleaned up.
	owed atomic.Bool
}

// registerWithGnome registers the app as a client of the session manager; with no session bus
// or no session manager on it there is nothing to do and no error.
func registerWithGnome(end func(reason string)) (*gnomeClient, error) {
	conn, err := dbus.SessionBusPrivateNoAutoStartup()
	if err != nil {
		return nil, nil
	}
	if err := greet(conn); err != nil {
		conn.Close()
		return nil, err
	}
	if owner(conn, gnomeName) == "" {
		conn.Close()
		return nil, nil
	}
	// The session manager gives an autostarted app its id in the environment; it belongs to
	// this process alone, not to the browser or anything else the app starts.
	startupID := os.Getenv("DESKTOP_AUTOSTART_ID")
	os.Unsetenv("DESKTOP_AUTOSTART_ID")
	c := &gnomeClient{conn: conn}
	ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
	defer cancel()
	if err := conn.Object(gnomeName, gnomePath).CallWithContext(ctx, gnomeName+".RegisterClient", 0, AppID, startupID).Store(&c.path); err != nil {
		conn.Close()
		return nil, fmt.Errorf("cannot register with %s: %w", gnomeName, err)
	}
	err = conn.AddMatchSignal(dbus.WithMatchSender(gnomeName), dbus.WithMatchObjectPath(c.path), dbus.WithMatchInterface(clientIface))
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("cannot listen to %s: %w", gnomeName, err)
	}
	signals := make(chan *dbus.Signal, 8)
	conn.Signal(signals)
	go c.listen(signals, end)
	return c, nil
}

// listen ends when the connection closes, which closes signals.
func (c *gnomeClient) listen(signals <-chan *dbus.Signal, end func(reason string)) {
	for sig := range signals {
		if sig.Path != c.path || sig.Sender != owner(c.conn, gnomeName) {
			continue
		}
		switch sig.Name {
		case clientIface + ".QueryEndSession":
			// Every change is saved as it is made, so the app never holds up a logout.
			_ = c.respond()
		case clientIface + ".EndSession":
			c.owed.Store(true)
			end("the session is ending")
		case clientIface + ".Stop":
			end("the session manager asked the app to stop")
		}
	}
}

func (c *gnomeClient) respond() error {
	ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
	defer cancel()
	return c.conn.Object(gnomeName, c.path).CallWithContext(ctx, clientIface+".EndSessionResponse", 0, true, "").Err
}

// Close answers an end of session, or else leaves the session so that the session manager
// does not take the quit for a crash.
func (c *gnomeClient) Close() error {
	defer c.conn.Close()
	if c.owed.Load() {
		return c.respond()
	}
	ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
	defer cancel()
	return c.conn.Object(gnomeName, gnomePath).CallWithContext(ctx, gnomeName+".UnregisterClient", 0, c.path).Err
}

// logind is the app's ear on logind, and its delay lock: logind holds a shutdown back until the
// app, having heard PrepareForShutdown, has cleaned up and let go of the lock (or until its
// InhibitDelayMaxSec, 5 s by default, has passed).
type logind struct {
	conn *dbus.Conn
	lock *os.File
}

// listenToLogind listens for logind's PrepareForShutdown on the system bus; with no system bus
// (a container) or no logind there is nothing to do and no error.
func listenToLogind(end func(reason string)) (*logind, error) {
	conn, err := dbus.SystemBusPrivate()
	if err != nil {
		return nil, nil
	}
	if err := greet(conn); err != nil {
		conn.Close()
		return nil, err
	}
	if owner(conn, logindName) == "" {
		conn.Close()
		return nil, nil
	}
	err = conn.AddMatchSignal(dbus.WithMatchSender(logindName), dbus.WithMatchObjectPath(logindPath),
		dbus.WithMatchInterface(logindIface), dbus.WithMatchMember("PrepareForShutdown"))
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("cannot listen to %s: %w", logindName, err)
	}
	signals := make(chan *dbus.Signal, 4)
	conn.Signal(signals)
	go func() {
		for sig := range signals {
			// true: the shutdown starts; false: it was called off.
			if sig.Name == logindIface+".PrepareForShutdown" && len(sig.Body) == 1 && sig.Body[0] == true &&
				sig.Sender == owner(conn, logindName) {
				end("the computer is shutting down")
			}
		}
	}()
	l := &logind{conn: conn}
	ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
	defer cancel()
	var fd dbus.UnixFD
	// Without the lock (a policy may refuse it) the shutdown's SIGTERM still ends the app.
	if conn.Object(logindName, logindPath).CallWithContext(ctx, logindIface+".Inhibit", 0,
		"shutdown", "JediDesk", "Remembering where the window is", "delay").Store(&fd) == nil {
		l.lock = os.NewFile(uintptr(fd), "logind delay lock")
	}
	return l, nil
}

// Close lets the shutdown go on.
func (l *logind) Close() error {
	var err error
	if l.lock != nil {
		err = l.lock.Close()
	}
	return errors.Join(err, l.conn.Close())
}

func greet(conn *dbus.Conn) error {
	if err := conn.Auth(nil); err != nil {
		return fmt.Errorf("cannot sign in to the bus: %w", err)
	}
	if err := conn.Hello(); err != nil {
		return fmt.Errorf("cannot join the bus: %w", err)
	}
	return nil
}

// owner is the unique bus name that owns name, or "" when none does. Signals are checked
// against it because any client can send one under another service's interface.
func owner(conn *dbus.Conn, name string) string {
	ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
	defer cancel()
	var unique string
	if err := conn.BusObject().CallWithContext(ctx, "org.freedesktop.DBus.GetNameOwner", 0, name).Store(&unique); err != nil {
		return ""
	}
	return unique
}
