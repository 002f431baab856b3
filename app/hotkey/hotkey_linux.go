package hotkey

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// The X modifier bits for Alt, NumLock and Super are the ones every current X server and
// distribution assigns by default (Mod1, Mod2, Mod4).
const (
	x11Alt     = xproto.ModMask1
	x11NumLock = xproto.ModMask2
	x11Super   = xproto.ModMask4
	// x11AllMods leaves out the pointer-button bits that key events also carry.
	x11AllMods = xproto.ModMaskShift | xproto.ModMaskLock | xproto.ModMaskControl | xproto.ModMask1 |
		xproto.ModMask2 | xproto.ModMask3 | xproto.ModMask4 | xproto.ModMask5
)

// lockVariants are grabbed alongside the shortcut because X matches modifiers exactly: without
// them the shortcut would stop working whenever CapsLock or NumLock is on.
var lockVariants = []uint16{0, xproto.ModMaskLock, x11NumLock, xproto.ModMaskLock | x11NumLock}

// repeatWindow is how close a press must follow a release of the same key to be X's auto-repeat
// (which sends a release and a press at the same moment) rather than a second press by a hand.
const repeatWindow = 20 // milliseconds

var x11NamedKeys = map[string]xproto.Keysym{
	"Space":        0x0020,
	"Enter":        0xff0d,
	"Escape":       0xff1b,
	"Tab":          0xff09,
	"Backspace":    0xff08,
	"Home":         0xff50,
	"End":          0xff57,
	"PageUp":       0xff55,
	"PageDown":     0xff56,
	"Insert":       0xff63,
	"Delete":       0xffff,
	"Up":           0xff52,
	"Down":         0xff54,
	"Left":         0xff51,
	"Right":        0xff53,
	"Comma":        0x002c,
	"Period":       0x002e,
	"Slash":        0x002f,
	"Minus":        0x002d,
	"Equal":        0x003d,
	"Semicolon":    0x003b,
	"Quote":        0x0027,
	"Backquote":    0x0060,
	"BracketLeft":  0x005b,
	"BracketRight": 0x005d,
	"Backslash":    0x005c,
}

// x11Keysym is the keysym of a canonical key name (see Shortcut.key).
func x11Keysym(key string) (xproto.Keysym, bool) {
	if sym, ok := x11NamedKeys[key]; ok {
		return sym, true
	}
	if n, ok := functionKey(strings.ToLower(key)); ok {
		return 0xffbe + xproto.Keysym(n-1), true // XK_F1 onwards
	}
	if len(key) == 1 {
		// Letters are looked up by their unshifted (lower-case) keysym, which equals ASCII.
		return xproto.Keysym(strings.ToLower(key)[0]), true
	}
	return 0, false
}

func x11Mask(m modifiers) uint16 {
	var mask uint16
	if m&modCtrl != 0 {
		mask |= xproto.ModMaskControl
	}
	if m&modAlt != 0 {
		mask |= x11Alt
	}
	if m&modShift != 0 {
		mask |= xproto.ModMaskShift
	}
	if m&modSuper != 0 {
		mask |= x11Super
	}
	return mask
}

type x11Listener struct {
	conn    *xgb.Conn
	root    xproto.Window
	setup   *xproto.SetupInfo
	presses dispatcher

	mu          sync.Mutex
	closed      bool
	bound       Shortcut
	keycode     xproto.Keycode
	mask        uint16
	lastRelease xproto.Timestamp
}

// backendSwitch is the environment variable that makes New use the desktop portal whatever the
// session, so tests and bug reports can try the Wayland path on an X server.
const backendSwitch = "JEDIDESK_GLOBAL_SHORTCUT"

// errXwayland means the X display is Xwayland, whose grabs only see keys typed into X windows:
// the shortcut would look bound and never fire.
var errXwayland = errors.New("the X display is Xwayland, inside a Wayland session")

// New picks who holds the shortcut from the session: on X11 the app grabs it from the X server;
// on Wayland, where no app may, the desktop's GlobalShortcuts portal holds it for the app.
// ErrUnsupported says neither can.
func New(onPress func()) (Listener, error) {
	switch v := os.Getenv(backendSwitch); v {
	case "":
	case "portal":
		return newPortal(onPress)
	default:
		return nil, fmt.Errorf("%w: %s=%q is not understood (only \"portal\" is)", ErrUnsupported, backendSwitch, v)
	}
	if os.Getenv("XDG_SESSION_TYPE") == "wayland" {
		return newPortal(onPress)
	}
	l, err := newX11(onPress)
	if errors.Is(err, errXwayland) || err != nil && os.Getenv("WAYLAND_DISPLAY") != "" {
		return newPortal(onPress)
	}
	return l, err
}

// newX11 takes the X display's keyboard for the shortcut.
func newX11(onPress func()) (Listener, error) {
	display := os.Getenv("DISPLAY")
	if display == "" {
		return nil, fmt.Errorf("%w: no X display is set (DISPLAY is empty); run \"jedidesk-desktop --toggle\" from your desktop's shortcut settings instead", ErrUnsupported)
	}
	conn, err := xgb.NewConnDisplay(display)
	if err != nil {
		return nil, fmt.Errorf("cannot reach the X display %s for the global shortcut: %w", display, err)
	}
	if xwayland, err := xproto.QueryExtension(conn, uint16(len("XWAYLAND")), "XWAYLAND").Reply(); err == nil && xwayland.Present {
		conn.Close()
		return nil, errXwayland
	}
	setup := xproto.Setup(conn)
	l := &x11Listener{
		conn:    conn,
		root:    setup.DefaultScreen(conn).Root,
		setup:   setup,
		presses: startDispatcher(onPress),
	}
	go l.listen()
	return l, nil
}

func (l *x11Listener) Bind(s Shortcut) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return errors.New("the global shortcut listener is already closed")
	}
	if err := l.release(); err != nil {
		return err
	}
	if s.IsZero() {
		return nil
	}
	sym, ok := x11Keysym(s.key)
	if !ok {
		return fmt.Errorf("%s: the key %s has no X11 keysym", s, s.key)
	}
	keycode, err := keycodeOf(l.conn, l.setup, sym)
	if err != nil {
		return fmt.Errorf("cannot use %s as the global shortcut: %w", s, err)
	}
	mask := x11Mask(s.mods)
	for i, lock := range lockVariants {
		err := xproto.GrabKeyChecked(l.conn, false, l.root, mask|lock, keycode, xproto.GrabModeAsync, xproto.GrabModeAsync).Check()
		if err == nil {
			continue
		}
		for _, taken := range lockVariants[:i] {
			// Best effort: the grab that failed is what the user needs to hear about.
			_ = xproto.UngrabKeyChecked(l.conn, keycode, l.root, mask|taken).Check()
		}
		if errors.As(err, new(xproto.AccessError)) {
			return fmt.Errorf("cannot use %s as the global shortcut: %w; choose another shortcut or free it in that program", s, ErrTaken)
		}
		return fmt.Errorf("cannot use %s as the global shortcut: %w", s, err)
	}
	l.bound, l.keycode, l.mask, l.lastRelease = s, keycode, mask, 0
	return nil
}

func (l *x11Listener) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return nil
	}
	l.closed = true
	// Ungrabbing before disconnecting, rather than leaving it to the server's clean-up of the
	// connection, means the keys are free for other programs as soon as Close returns.
	err := l.release()
	l.conn.Close()
	return err
}

// release ungrabs the current shortcut. The caller holds mu.
func (l *x11Listener) release() error {
	if l.bound.IsZero() {
		return nil
	}
	s := l.bound
	l.bound = Shortcut{}
	var errs []error
	for _, lock := range lockVariants {
		errs = append(errs, xproto.UngrabKeyChecked(l.conn, l.keycode, l.root, l.mask|lock).Check())
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("cannot release the global shortcut %s: %w", s, err)
	}
	return nil
}

// keycodeOf finds the key that types sym in the current keyboard layout, preferring a key
// that types it without Shift.
func keycodeOf(conn *xgb.Conn, setup *xproto.SetupInfo, sym xproto.Keysym) (xproto.Keycode, error) {
	first, last := setup.MinKeycode, setup.MaxKeycode
	mapping, err := xproto.GetKeyboardMapping(conn, first, byte(last-first+1)).Reply()
	if err != nil {
		return 0, fmt.Errorf("cannot read the keyboard layout: %w", err)
	}
	perKey := int(mapping.KeysymsPerKeycode)
	for column := range perKey {
		for i := column; i < len(mapping.Keysyms); i += perKey {
			if mapping.Keysyms[i] == sym {
				return first + xproto.Keycode(i/perKey), nil
			}
		}
	}
	return 0, errors.New("the key is not on the current keyboard layout")
}

// listen reads X events until the connection closes.
func (l *x11Listener) listen() {
	defer l.presses.stop()
	for {
		ev, xerr := l.conn.WaitForEvent()
		if ev == nil && xerr == nil {
			return
		}
		switch e := ev.(type) {
		case xproto.KeyPressEvent:
			if l.isNewPress(e) {
				l.presses.press()
			}
		case xproto.KeyReleaseEvent:
			l.mu.Lock()
			if e.Detail == l.keycode {
				l.lastRelease = e.Time
			}
			l.mu.Unlock()
		}
	}
}

// isNewPress reports whether e is the bound shortcut pressed by hand: a press that arrives
// after a rebinding for the old shortcut, or X's auto-repeat of a held key, is not.
func (l *x11Listener) isNewPress(e xproto.KeyPressEvent) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.bound.IsZero() || e.Detail != l.keycode || e.State&x11AllMods&^(xproto.ModMaskLock|x11NumLock) != l.mask {
		return false
	}
	return l.lastRelease == 0 || e.Time-l.lastRelease > repeatWindow
}
