package hotkey

import (
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// X delivers a grabbed key within about a millisecond; these bound how long a test waits for
// something that must happen, and how long it watches for something that must not.
const (
	pressTimeout = 5 * time.Second
	quietPeriod  = 300 * time.Millisecond
)

func TestEveryKeyHasAnX11Keysym(t *testing.T) {
	for _, key := range allKeys() {
		t.Run(key, func(t *testing.T) {
			_, ok := x11Keysym(key)
			assert.True(t, ok)
		})
	}
}

func TestX11KeysymsMatchXlib(t *testing.T) {
	tests := []struct {
		key  string
		want xproto.Keysym
	}{
		{"J", 0x006a}, // XK_j
		{"5", 0x0035}, // XK_5
		{"F1", 0xffbe},
		{"F24", 0xffd5},
		{"PageUp", 0xff55}, // XK_Prior
		{"Enter", 0xff0d},  // XK_Return
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			got, ok := x11Keysym(tt.key)
			require.True(t, ok)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestPressingTheShortcutCallsOnPressOnce(t *testing.T) {
	requireDisplay(t)
	tests := []struct {
		name  string
		locks []string // xdotool key names toggled on before the press and off after
		mask  uint16   // the modifier the server must then report
	}{
		{"no locks", nil, 0},
		{"CapsLock on", []string{"Caps_Lock"}, xproto.ModMaskLock},
		{"NumLock on", []string{"Num_Lock"}, x11NumLock},
		{"CapsLock and NumLock on", []string{"Caps_Lock", "Num_Lock"}, xproto.ModMaskLock | x11NumLock},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			presses := listen(t, "Ctrl+Alt+J")
			other := connect(t)
			for _, lock := range tt.locks {
				xdotool(t, "key", lock)
				t.Cleanup(func() { xdotool(t, "key", lock) })
			}
			require.Equal(t, tt.mask, other.modifierState(t)&(xproto.ModMaskLock|x11NumLock), "the lock keys are in the state the case is about")

			xdotool(t, "key", "ctrl+alt+j")
			waitPress(t, presses)
			// Not on the key's release either.
			requireNoPress(t, presses)
		})
	}
}

func TestHoldingTheShortcutDownCallsOnPressOnce(t *testing.T) {
	requireDisplay(t)
	presses := listen(t, "Ctrl+Alt+J")

	xdotool(t, "keydown", "ctrl+alt+j")
	t.Cleanup(func() { xdotool(t, "keyup", "ctrl+alt+j") })
	// Longer than the X server's auto-repeat delay (660 ms by default), so repeats are sent.
	time.Sleep(time.Second)
	xdotool(t, "keyup", "ctrl+alt+j")

	waitPress(t, presses)
	requireNoPress(t, presses)
}

func TestRebindingHandsTheOldShortcutBackAndTakesTheNewOne(t *testing.T) {
	requireDisplay(t)
	presses := make(chan struct{}, 16)
	l := newListener(t, presses)
	require.NoError(t, l.Bind(mustParse(t, "Ctrl+Alt+J")))
	require.NoError(t, l.Bind(mustParse(t, "Ctrl+Alt+K")))

	// Another program can now take the old shortcut, and its keys go there: X hands a key to
	// one grab only, so the listener cannot have seen this press.
	other := connect(t)
	require.NoError(t, other.grab(t, "Ctrl+Alt+J"))
	xdotool(t, "key", "ctrl+alt+j")
	other.waitKeyPress(t)

	xdotool(t, "key", "ctrl+alt+k")
	waitPress(t, presses)
	assert.Empty(t, presses, "one press of the new shortcut, nothing from the old one")
}

func TestBindReportsAShortcutTakenByAnotherProgram(t *testing.T) {
	requireDisplay(t)
	tests := []struct {
		name string
		// held is the X modifier variant the other program holds: a grab of only the NumLock
		// variant makes the listener fail after it has taken the first variants.
		held uint16
	}{
		{"the plain combination", 0},
		{"only its NumLock variant", x11NumLock},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newListener(t, make(chan struct{}, 16))
			require.NoError(t, l.Bind(mustParse(t, "Ctrl+Alt+K")))
			other := connect(t)
			require.NoError(t, other.grabVariant(t, "Ctrl+Alt+J", tt.held))

			err := l.Bind(mustParse(t, "Ctrl+Alt+J"))
			require.ErrorIs(t, err, ErrTaken)
			assert.Contains(t, err.Error(), "Ctrl+Alt+J")

			// Nothing stays held: neither the old shortcut nor part of the new one.
			require.NoError(t, other.ungrabVariant(t, "Ctrl+Alt+J", tt.held))
			third := connect(t)
			assert.NoError(t, third.grab(t, "Ctrl+Alt+K"))
			assert.NoError(t, third.grab(t, "Ctrl+Alt+J"))
		})
	}
}

func TestReleasingTheShortcutFreesItForOtherPrograms(t *testing.T) {
	requireDisplay(t)
	tests := []struct {
		name    string
		release func(Listener) error
	}{
		{"bind no shortcut", func(l Listener) error { return l.Bind(Shortcut{}) }},
		{"close", func(l Listener) error { return l.Close() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newListener(t, make(chan struct{}, 16))
			require.NoError(t, l.Bind(mustParse(t, "Ctrl+Alt+J")))

			require.NoError(t, tt.release(l))

			assert.NoError(t, connect(t).grab(t, "Ctrl+Alt+J"))
		})
	}
}

func TestCloseIsFinal(t *testing.T) {
	requireDisplay(t)
	l := newListener(t, make(chan struct{}, 16))
	require.NoError(t, l.Close())
	assert.NoError(t, l.Close(), "closing twice is harmless")
	assert.Error(t, l.Bind(mustParse(t, "Ctrl+Alt+J")))
}

func TestBindRefusesAKeyMissingFromTheKeyboard(t *testing.T) {
	requireDisplay(t)
	l := newListener(t, make(chan struct{}, 16))
	// Xvfb's default keyboard stops at F12.
	err := l.Bind(mustParse(t, "Ctrl+Alt+F24"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "not on the current keyboard layout")
}

func requireDisplay(t *testing.T) {
	t.Helper()
	if os.Getenv("DISPLAY") == "" {
		t.Skip("needs an X display: run under xvfb-run -a -s \"-screen 0 1280x800x24\"")
	}
	if os.Getenv("WAYLAND_DISPLAY") != "" && os.Getenv("XDG_SESSION_TYPE") == "wayland" {
		t.Skip("a Wayland session has no global X grab; run under xvfb-run with WAYLAND_DISPLAY unset")
	}
	_, err := exec.LookPath("xdotool")
	require.NoError(t, err, "the X tests press keys with xdotool (apt-get install xdotool)")
	keepServer.Do(func() { _, keepServerErr = xgb.NewConn() })
	require.NoError(t, keepServerErr)
}

// keepServer holds one connection open for the whole test run: Xvfb resets (and refuses
// connections for a moment) whenever its last client leaves, which happens between tests.
var (
	keepServer    sync.Once
	keepServerErr error
)

func mustParse(t *testing.T, s string) Shortcut {
	t.Helper()
	sc, err := Parse(s)
	require.NoError(t, err)
	return sc
}

func newListener(t *testing.T, presses chan struct{}) Listener {
	t.Helper()
	l, err := New(func() { presses <- struct{}{} })
	require.NoError(t, err)
	t.Cleanup(func() { assert.NoError(t, l.Close()) })
	return l
}

// listen binds shortcut on a new listener and returns the channel its presses arrive on.
func listen(t *testing.T, shortcut string) chan struct{} {
	t.Helper()
	presses := make(chan struct{}, 16)
	require.NoError(t, newListener(t, presses).Bind(mustParse(t, shortcut)))
	return presses
}

func waitPress(t *testing.T, presses chan struct{}) {
	t.Helper()
	select {
	case <-presses:
	case <-time.After(pressTimeout):
		require.FailNow(t, "onPress was not called")
	}
}

// requireNoPress watches for a press that must not come; only waiting can show that.
func requireNoPress(t *testing.T, presses chan struct{}) {
	t.Helper()
	select {
	case <-presses:
		require.FailNow(t, "onPress was called again")
	case <-time.After(quietPeriod):
	}
}

func xdotool(t *testing.T, args ...string) {
	t.Helper()
	out, err := exec.Command("xdotool", args...).CombinedOutput()
	require.NoError(t, err, "xdotool %v: %s", args, out)
}

// otherProgram is a second X client, standing in for another program on the same display.
type otherProgram struct {
	conn       *xgb.Conn
	setup      *xproto.SetupInfo
	root       xproto.Window
	keyPresses chan xproto.KeyPressEvent
}

func connect(t *testing.T) *otherProgram {
	t.Helper()
	conn, err := xgb.NewConn()
	require.NoError(t, err)
	setup := xproto.Setup(conn)
	p := &otherProgram{conn: conn, setup: setup, root: setup.DefaultScreen(conn).Root, keyPresses: make(chan xproto.KeyPressEvent, 16)}
	go func() {
		for {
			ev, xerr := conn.WaitForEvent()
			if ev == nil && xerr == nil {
				return
			}
			if press, ok := ev.(xproto.KeyPressEvent); ok {
				p.keyPresses <- press
			}
		}
	}()
	t.Cleanup(conn.Close)
	return p
}

func (p *otherProgram) keycode(t *testing.T, s Shortcut) xproto.Keycode {
	t.Helper()
	sym, ok := x11Keysym(s.key)
	require.True(t, ok)
	keycode, err := keycodeOf(p.conn, p.setup, sym)
	require.NoError(t, err)
	return keycode
}

// grab takes every lock variant of shortcut, as the listener does.
func (p *otherProgram) grab(t *testing.T, shortcut string) error {
	t.Helper()
	for _, lock := range lockVariants {
		if err := p.grabVariant(t, shortcut, lock); err != nil {
			return err
		}
	}
	return nil
}

func (p *otherProgram) grabVariant(t *testing.T, shortcut string, lock uint16) error {
	t.Helper()
	s := mustParse(t, shortcut)
	return xproto.GrabKeyChecked(p.conn, false, p.root, x11Mask(s.mods)|lock, p.keycode(t, s), xproto.GrabModeAsync, xproto.GrabModeAsync).Check()
}

func (p *otherProgram) ungrabVariant(t *testing.T, shortcut string, lock uint16) error {
	t.Helper()
	s := mustParse(t, shortcut)
	return xproto.UngrabKeyChecked(p.conn, p.keycode(t, s), p.root, x11Mask(s.mods)|lock).Check()
}

func (p *otherProgram) waitKeyPress(t *testing.T) {
	t.Helper()
	select {
	case <-p.keyPresses:
	case <-time.After(pressTimeout):
		require.FailNow(t, "the other program did not get the key press")
	}
}

// modifierState is the keyboard's modifier state as the X server reports it.
func (p *otherProgram) modifierState(t *testing.T) uint16 {
	t.Helper()
	reply, err := xproto.QueryPointer(p.conn, p.root).Reply()
	require.NoError(t, err)
	return reply.Mask
}
