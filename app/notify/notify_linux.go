package notify

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/godbus/dbus/v5"
)

const (
	serverName  = "org.freedesktop.Notifications"
	serverPath  = dbus.ObjectPath("/org/freedesktop/Notifications")
	callTimeout = 5 * time.Second
	// defaultAction is the action the protocol runs when the notification itself is clicked.
	defaultAction = "default"
)

// Notifier shows notifications and calls back when one is clicked. Its methods are safe for
// concurrent use.
type Notifier struct {
	conn       *dbus.Conn
	appName    string
	appIcon    string
	onActivate func()
	markup     bool
	signals    chan *dbus.Signal
	stopped    chan struct{}

	send sync.Mutex // one Notify at a time, so each replaces the one before
	last uint32

	mu   sync.Mutex
	ours map[uint32]bool
}

// New connects to the session bus's notification server, starting it if it is installed but
// not running, and returns ErrNoServer when there is none. appName and appIcon (the installed
// icon's and desktop file's name) say whose notifications these are. onActivate runs, on the notifier's
// own goroutine, each time the user clicks one of its notifications; it should not block.
func New(appName, appIcon string, onActivate func()) (*Notifier, error) {
	// No auto-start: godbus would otherwise launch a private bus with dbus-launch and leave it
	// running, and no notification server would be on that bus either.
	conn, err := dbus.SessionBusPrivateNoAutoStartup()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNoServer, err)
	}
	n := &Notifier{
		conn:       conn,
		appName:    appName,
		appIcon:    appIcon,
		onActivate: onActivate,
		signals:    make(chan *dbus.Signal, 16),
		stopped:    make(chan struct{}),
		ours:       map[uint32]bool{},
	}
	if err := n.connect(); err != nil {
		conn.Close()
		return nil, err
	}
	go n.listen()
	return n, nil
}

func (n *Notifier) connect() error {
	if err := n.conn.Auth(nil); err != nil {
		return fmt.Errorf("%w: authenticate on the session bus: %w", ErrNoServer, err)
	}
	if err := n.conn.Hello(); err != nil {
		return fmt.Errorf("%w: greet the session bus: %w", ErrNoServer, err)
	}
	// Matching the server's well-known name lets the bus drop look-alike signals from others.
	err := n.conn.AddMatchSignal(dbus.WithMatchSender(serverName), dbus.WithMatchObjectPath(serverPath),
		dbus.WithMatchInterface(serverName))
	if err != nil {
		return fmt.Errorf("listen for clicks on notifications: %w", err)
	}
	n.conn.Signal(n.signals)
	var name, vendor, version, spec string
	if err := n.call("GetServerInformation").Store(&name, &vendor, &version, &spec); err != nil {
		return fmt.Errorf("%w: %w", ErrNoServer, err)
	}
	var caps []string
	if err := n.call("GetCapabilities").Store(&caps); err != nil {
		return fmt.Errorf("ask the notification server (%s) what it shows: %w", name, err)
	}
	// A server without body-markup shows the body as it is, entities and all.
	n.markup = slices.Contains(caps, "body-markup")
	return nil
}

func (n *Notifier) call(method string, args ...any) *dbus.Call {
	ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
	defer cancel()
	return n.conn.Object(serverName, serverPath).CallWithContext(ctx, serverName+"."+method, 0, args...)
}

// Notify shows summary and body, both as plain text, the body shortened to fit a popup. It
// replaces the notifier's previous notification, so unread messages do not pile up on screen.
// keep asks the server to leave it up until it is clicked or withdrawn (no expiry, resident),
// where the server does such things.
func (n *Notifier) Notify(summary, body string, keep bool) (uint32, error) {
	text := shorten(body)
	if n.markup {
		text = markupEscaper.Replace(text)
	}
	n.send.Lock()
	defer n.send.Unlock()
	// The desktop-entry hint lets servers group and configure the app's notifications.
	hints := map[string]dbus.Variant{"category": dbus.MakeVariant("im.received"), "desktop-entry": dbus.MakeVariant(n.appIcon)}
	// -1: the server's own timeout.
	expire := int32(-1)
	if keep {
		hints["resident"] = dbus.MakeVariant(true)
		expire = 0
	}
	var id uint32
	err := n.call("Notify", n.appName, n.last, n.appIcon, clean(summary), text, []string{defaultAction, "Open"}, hints, expire).Store(&id)
	if err != nil {
		return 0, fmt.Errorf("show a notification: %w", err)
	}
	n.last = id
	n.mu.Lock()
	n.ours[id] = true
	n.mu.Unlock()
	return id, nil
}

// Withdraw takes the notifier's notification off the screen, if it is still there: its replies
// were read.
func (n *Notifier) Withdraw() error {
	n.send.Lock()
	defer n.send.Unlock()
	n.mu.Lock()
	up := n.ours[n.last]
	n.mu.Unlock()
	if !up {
		return nil
	}
	if err := n.call("CloseNotification", n.last).Err; err != nil {
		return fmt.Errorf("withdraw a notification: %w", err)
	}
	return nil
}

// listen runs onActivate for clicks on our notifications, closes the clicked one and forgets
// the closed ones. It ends when the connection closes.
func (n *Notifier) listen() {
	defer close(n.stopped)
	for sig := range n.signals {
		if sig.Path != serverPath || len(sig.Body) < 2 {
			continue
		}
		id, _ := sig.Body[0].(uint32)
		switch sig.Name {
		case serverName + ".ActionInvoked":
			n.mu.Lock()
			ours := n.ours[id]
			n.mu.Unlock()
			if action, _ := sig.Body[1].(string); ours && action == defaultAction {
				n.onActivate()
				// Servers should take a clicked notification down themselves, yet dunst leaves
				// it up when the click comes from dunstctl or a shortcut. It may be gone
				// already, so a failure here means nothing.
				n.call("CloseNotification", id)
			}
		case serverName + ".NotificationClosed":
			n.mu.Lock()
			delete(n.ours, id)
			n.mu.Unlock()
		}
	}
}

// Close disconnects; onActivate is not called once Close has returned. Notifications already
// on screen stay there, but clicking them does nothing.
func (n *Notifier) Close() error {
	err := n.conn.Close()
	<-n.stopped
	return err
}
