package hotkey

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/godbus/dbus/v5"
)

// The desktop portal's names, from the XDG desktop portal specification.
const (
	portalName     = "org.freedesktop.portal.Desktop"
	portalPath     = dbus.ObjectPath("/org/freedesktop/portal/desktop")
	shortcutsIface = "org.freedesktop.portal.GlobalShortcuts"
	requestIface   = "org.freedesktop.portal.Request"
	sessionIface   = "org.freedesktop.portal.Session"
)

const (
	// toggleID names the app's one shortcut to the desktop, which keeps the keys the user
	// confirmed under it: changing it would make every user confirm them again.
	toggleID          = "toggle-chat"
	toggleDescription = "Open or close the JediDesk chat"
	// callTimeout bounds how long the portal may take to answer a method call. The user's
	// answer to the desktop's dialog comes later, in a Response signal, and is not bounded.
	callTimeout = 30 * time.Second
)

// Portal response codes (org.freedesktop.portal.Request.Response).
const (
	responseSuccess   = 0
	responseCancelled = 1
)

// portalUnsupported is the end of every message that sends the user to the desktop's own
// shortcut settings.
const portalUnsupported = "in your desktop's keyboard settings, add a shortcut that runs \"jedidesk-desktop --toggle\""

var errPortalClosed = errors.New("the global shortcut listener is already closed")

// portalShortcut is one entry of the portal's shortcut lists, D-Bus type (sa{sv}).
type portalShortcut struct {
	ID      string
	Options map[string]dbus.Variant
}

type portalAnswer struct {
	code    uint32
	results map[string]dbus.Variant
}

// portalListener holds the shortcut through the desktop's org.freedesktop.portal.GlobalShortcuts:
// one portal session per bound shortcut, toggled by the portal's Activated signal.
type portalListener struct {
	conn *dbus.Conn
	obj  dbus.BusObject
	// sender is this connection's unique name as request and session paths spell it.
	sender  string
	presses dispatcher
	changes chan string
	closing chan struct{}

	// binding lets one Bind or Close at a time talk to the portal; Close first closes closing,
	// so a Bind waiting for the user's answer gives up and lets it in.
	binding   sync.Mutex
	closed    bool
	asked     bool
	closeOnce sync.Once

	mu      sync.Mutex
	session dbus.ObjectPath
	trigger string
	waiting map[dbus.ObjectPath]chan portalAnswer
	tokens  int
}

// newPortal connects to the desktop's portal on the session bus. A bus without the portal, or
// a portal without GlobalShortcuts, is ErrUnsupported.
func newPortal(onPress func()) (Listener, error) {
	// A connection of its own: Close ends it, and with it every session, without touching the
	// shared connection the single-instance lock and the tray use.
	conn, err := dbus.SessionBusPrivate()
	if err != nil {
		return nil, fmt.Errorf("%w: there is no session bus to reach the desktop portal (%v); %s", ErrUnsupported, err, portalUnsupported)
	}
	if err := conn.Auth(nil); err != nil {
		conn.Close()
		return nil, fmt.Errorf("%w: the session bus refused the app (%v); %s", ErrUnsupported, err, portalUnsupported)
	}
	if err := conn.Hello(); err != nil {
		conn.Close()
		return nil, fmt.Errorf("%w: the session bus refused the app (%v); %s", ErrUnsupported, err, portalUnsupported)
	}
	l := &portalListener{
		conn:    conn,
		obj:     conn.Object(portalName, portalPath),
		sender:  strings.ReplaceAll(strings.TrimPrefix(conn.Names()[0], ":"), ".", "_"),
		changes: make(chan string, 1),
		closing: make(chan struct{}),
		waiting: map[dbus.ObjectPath]chan portalAnswer{},
	}
	if err := l.probe(); err != nil {
		conn.Close()
		return nil, err
	}
	// Subscribed before any call, so no answer can come before the app listens for it.
	matches := [][]dbus.MatchOption{
		{dbus.WithMatchInterface(requestIface), dbus.WithMatchMember("Response"),
			dbus.WithMatchPathNamespace(dbus.ObjectPath("/org/freedesktop/portal/desktop/request/" + l.sender))},
		{dbus.WithMatchObjectPath(portalPath), dbus.WithMatchInterface(shortcutsIface), dbus.WithMatchMember("Activated")},
		{dbus.WithMatchObjectPath(portalPath), dbus.WithMatchInterface(shortcutsIface), dbus.WithMatchMember("ShortcutsChanged")},
	}
	for _, m := range matches {
		if err := conn.AddMatchSignal(m...); err != nil {
			conn.Close()
			return nil, fmt.Errorf("cannot listen to the desktop portal: %w", err)
		}
	}
	signals := make(chan *dbus.Signal, 16)
	conn.Signal(signals)
	l.presses = startDispatcher(onPress)
	go l.route(signals)
	return l, nil
}

// probe asks the portal for its GlobalShortcuts version: reading a property starts the portal
// if the desktop has one, and the answer tells whether it offers global shortcuts.
func (l *portalListener) probe() error {
	ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
	defer cancel()
	var version dbus.Variant
	err := l.obj.CallWithContext(ctx, "org.freedesktop.DBus.Properties.Get", 0, shortcutsIface, "version").Store(&version)
	if err == nil {
		return nil
	}
	var dbusErr dbus.Error
	if errors.As(err, &dbusErr) {
		switch dbusErr.Name {
		case "org.freedesktop.DBus.Error.ServiceUnknown", "org.freedesktop.DBus.Error.NameHasNoOwner",
			"org.freedesktop.DBus.Error.Spawn.ServiceNotFound":
			return fmt.Errorf("%w: this Wayland desktop has no XDG desktop portal, and Wayland lets no app take a global shortcut by itself; %s", ErrUnsupported, portalUnsupported)
		case "org.freedesktop.DBus.Error.InvalidArgs", "org.freedesktop.DBus.Error.UnknownInterface",
			"org.freedesktop.DBus.Error.UnknownProperty", "org.freedesktop.DBus.Error.UnknownObject",
			"org.freedesktop.DBus.Error.UnknownMethod", "org.freedesktop.DBus.Properties.Error.InterfaceNotFound",
			"org.freedesktop.DBus.Properties.Error.PropertyNotFound":
			return fmt.Errorf("%w: this desktop's portal offers no global shortcuts (KDE Plasma 5.27+, GNOME 48+ and Hyprland do); %s", ErrUnsupported, portalUnsupported)
		}
	}
	// Anything else (no answer, access denied) is no proof either way: Bind finds out, reports
	// a refusal in words, and a later Bind may succeed.
	return nil
}

// route handles the portal's signals until the connection closes.
func (l *portalListener) route(signals chan *dbus.Signal) {
	defer func() {
		l.presses.stop()
		close(l.changes)
	}()
	for sig := range signals {
		switch sig.Name {
		case requestIface + ".Response":
			var a portalAnswer
			if dbus.Store(sig.Body, &a.code, &a.results) != nil {
				continue
			}
			l.mu.Lock()
			answer, ok := l.waiting[sig.Path]
			l.mu.Unlock()
			if ok {
				select {
				case answer <- a:
				default: // a second answer to one request: the first one counts
				}
			}
		case shortcutsIface + ".Activated":
			var (
				session dbus.ObjectPath
				id      string
				stamp   uint64
				options map[string]dbus.Variant
			)
			if dbus.Store(sig.Body, &session, &id, &stamp, &options) == nil && id == toggleID && l.isSession(session) {
				l.presses.press()
			}
		case shortcutsIface + ".ShortcutsChanged":
			var (
				session   dbus.ObjectPath
				shortcuts []portalShortcut
			)
			if dbus.Store(sig.Body, &session, &shortcuts) != nil || !l.isSession(session) {
				continue
			}
			trigger, _ := toggleTrigger(shortcuts)
			l.mu.Lock()
			l.trigger = trigger
			l.mu.Unlock()
			// Only the latest keys matter to whoever reads them late.
			select {
			case <-l.changes:
			default:
			}
			l.changes <- trigger
		}
	}
}

func (l *portalListener) isSession(session dbus.ObjectPath) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.session != "" && session == l.session
}

// Bind closes the current session and, for a shortcut, opens a new one and proposes s in it:
// the desktop lets an app bind its shortcuts once per session. The first Bind takes the keys
// the desktop kept from an earlier run instead, so a restart does not ask the user again.
func (l *portalListener) Bind(s Shortcut) error {
	l.binding.Lock()
	defer l.binding.Unlock()
	if l.closed {
		return errPortalClosed
	}
	if err := l.release(); err != nil {
		return err
	}
	if s.IsZero() {
		return nil
	}
	session, err := l.createSession()
	if err != nil {
		return fmt.Errorf("cannot use %s as the global shortcut: %w", s, err)
	}
	first := !l.asked
	l.asked = true
	if first {
		if trigger, ok := l.remembered(session); ok {
			l.hold(session, trigger)
			return nil
		}
	}
	shortcuts, err := l.request("BindShortcuts", map[string]dbus.Variant{}, session, []portalShortcut{{
		ID: toggleID,
		Options: map[string]dbus.Variant{
			"description":       dbus.MakeVariant(toggleDescription),
			"preferred_trigger": dbus.MakeVariant(xdgTrigger(s)),
		},
	}}, "")
	if err != nil {
		l.closeSession(session)
		return fmt.Errorf("cannot use %s as the global shortcut: %w", s, err)
	}
	trigger, _ := toggleTrigger(shortcutList(shortcuts))
	l.hold(session, trigger)
	return nil
}

// remembered lists the session's shortcuts. A failed list only means asking the user: Bind
// reports what goes wrong then.
func (l *portalListener) remembered(session dbus.ObjectPath) (string, bool) {
	results, err := l.request("ListShortcuts", map[string]dbus.Variant{}, session)
	if err != nil {
		return "", false
	}
	return toggleTrigger(shortcutList(results))
}

func (l *portalListener) hold(session dbus.ObjectPath, trigger string) {
	l.mu.Lock()
	l.session, l.trigger = session, trigger
	l.mu.Unlock()
}

func (l *portalListener) createSession() (dbus.ObjectPath, error) {
	results, err := l.request("CreateSession", map[string]dbus.Variant{"session_handle_token": dbus.MakeVariant(l.token())})
	if err != nil {
		return "", err
	}
	// The specification types session_handle as a string; some portals send an object path.
	switch handle := results["session_handle"].Value().(type) {
	case string:
		return dbus.ObjectPath(handle), nil
	case dbus.ObjectPath:
		return handle, nil
	}
	return "", fmt.Errorf("%w: the desktop portal created a session without a handle", ErrRefused)
}

// request calls a portal method that answers through a Request object, and waits for the
// answer. options is the method's last argument; request adds the handle_token to it.
func (l *portalListener) request(method string, options map[string]dbus.Variant, args ...any) (map[string]dbus.Variant, error) {
	select {
	case <-l.closing:
		return nil, errPortalClosed
	default:
	}
	token := l.token()
	options["handle_token"] = dbus.MakeVariant(token)
	expected := dbus.ObjectPath("/org/freedesktop/portal/desktop/request/" + l.sender + "/" + token)
	answers := make(chan portalAnswer, 2)
	l.expect(expected, answers)
	defer l.forget(expected)

	ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
	var handle dbus.ObjectPath
	err := l.obj.CallWithContext(ctx, shortcutsIface+"."+method, 0, append(args, options)...).Store(&handle)
	cancel()
	if err != nil {
		return nil, fmt.Errorf("%w: the desktop portal answered %s with an error: %w", ErrRefused, method, err)
	}
	if handle != expected {
		// Portals before version 0.9 of the specification chose the request path themselves.
		l.expect(handle, answers)
		defer l.forget(handle)
	}
	select {
	case a := <-answers:
		switch a.code {
		case responseSuccess:
			return a.results, nil
		case responseCancelled:
			return nil, fmt.Errorf("%w: its dialog was cancelled", ErrRefused)
		default:
			return nil, fmt.Errorf("%w: the desktop declined %s", ErrRefused, method)
		}
	case <-l.closing:
		return nil, errPortalClosed
	}
}

func (l *portalListener) expect(path dbus.ObjectPath, answers chan portalAnswer) {
	l.mu.Lock()
	l.waiting[path] = answers
	l.mu.Unlock()
}

func (l *portalListener) forget(path dbus.ObjectPath) {
	l.mu.Lock()
	delete(l.waiting, path)
	l.mu.Unlock()
}

// token is a fresh request or session token: unique on this connection, which is all the
// portal asks, and a valid object path element.
func (l *portalListener) token() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.tokens++
	return "jedidesk" + strconv.Itoa(l.tokens)
}

// release closes the current session, which unbinds its shortcut. The caller holds binding.
func (l *portalListener) release() error {
	l.mu.Lock()
	session := l.session
	l.session, l.trigger = "", ""
	l.mu.Unlock()
	if session == "" {
		return nil
	}
	if err := l.closeSession(session); err != nil {
		return fmt.Errorf("cannot release the global shortcut: the desktop portal did not close its session: %w", err)
	}
	return nil
}

func (l *portalListener) closeSession(session dbus.ObjectPath) error {
	ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
	defer cancel()
	return l.conn.Object(portalName, session).CallWithContext(ctx, sessionIface+".Close", 0).Err
}

func (l *portalListener) Trigger() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.trigger
}

func (l *portalListener) Changes() <-chan string { return l.changes }

func (l *portalListener) Close() error {
	l.closeOnce.Do(func() { close(l.closing) })
	l.binding.Lock()
	defer l.binding.Unlock()
	if l.closed {
		return nil
	}
	l.closed = true
	err := l.release()
	// Closing the connection ends route, which stops the presses and closes Changes.
	l.conn.Close()
	return err
}

// shortcutList reads the "shortcuts" result of BindShortcuts and ListShortcuts; a result
// without it lists none.
func shortcutList(results map[string]dbus.Variant) []portalShortcut {
	var list []portalShortcut
	if v, ok := results["shortcuts"]; ok && v.Store(&list) == nil {
		return list
	}
	return nil
}

// toggleTrigger finds the app's shortcut in a portal list: its trigger description ("" when
// the desktop assigned no keys) and whether it is there at all.
func toggleTrigger(shortcuts []portalShortcut) (string, bool) {
	for _, s := range shortcuts {
		if s.ID == toggleID {
			trigger, _ := s.Options["trigger_description"].Value().(string)
			return trigger, true
		}
	}
	return "", false
}

// xdgKeyNames are the XKB keysym names the XDG shortcuts specification uses for the canonical
// key names that are not letters, digits or F-keys.
var xdgKeyNames = map[string]string{
	"Space":        "space",
	"Enter":        "Return",
	"Escape":       "Escape",
	"Tab":          "Tab",
	"Backspace":    "BackSpace",
	"Home":         "Home",
	"End":          "End",
	"PageUp":       "Page_Up",
	"PageDown":     "Page_Down",
	"Insert":       "Insert",
	"Delete":       "Delete",
	"Up":           "Up",
	"Down":         "Down",
	"Left":         "Left",
	"Right":        "Right",
	"Comma":        "comma",
	"Period":       "period",
	"Slash":        "slash",
	"Minus":        "minus",
	"Equal":        "equal",
	"Semicolon":    "semicolon",
	"Quote":        "apostrophe",
	"Backquote":    "grave",
	"BracketLeft":  "bracketleft",
	"BracketRight": "bracketright",
	"Backslash":    "backslash",
}

// xdgTrigger spells s as the XDG shortcuts specification does, the form the portal's
// preferred_trigger takes: "CTRL+ALT+j".
func xdgTrigger(s Shortcut) string {
	var b strings.Builder
	for _, m := range []struct {
		mod  modifiers
		name string
	}{{modCtrl, "CTRL"}, {modAlt, "ALT"}, {modShift, "SHIFT"}, {modSuper, "LOGO"}} {
		if s.mods&m.mod != 0 {
			b.WriteString(m.name)
			b.WriteByte('+')
		}
	}
	switch name, named := xdgKeyNames[s.key]; {
	case named:
		b.WriteString(name)
	case len(s.key) == 1:
		// Letters by their unshifted keysym, as a layout's plain key types them.
		b.WriteString(strings.ToLower(s.key))
	default:
		b.WriteString(s.key) // F1–F24 are spelled alike
	}
	return b.String()
}
