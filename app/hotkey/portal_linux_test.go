package hotkey

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/test/portal"
	"jedidesk-desktop/test/sniwatcher"
)

func TestXDGTriggersAreSpelledAsTheShortcutsSpecification(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Ctrl+Alt+J", "CTRL+ALT+j"},
		{"Shift+Super+F5", "SHIFT+LOGO+F5"},
		{"Ctrl+Alt+Shift+Super+5", "CTRL+ALT+SHIFT+LOGO+5"},
		{"Ctrl+Alt+PageUp", "CTRL+ALT+Page_Up"},
		{"Alt+Enter", "ALT+Return"},
		{"Ctrl+Alt+Comma", "CTRL+ALT+comma"},
		{"Super+Space", "LOGO+space"},
		{"Ctrl+Backquote", "CTRL+grave"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			assert.Equal(t, tt.want, xdgTrigger(mustParse(t, tt.in)))
		})
	}
}

func TestEveryNamedKeyHasAnXDGName(t *testing.T) {
	seen := map[string]bool{}
	for _, key := range namedKeys {
		if seen[key] {
			continue
		}
		seen[key] = true
		t.Run(key, func(t *testing.T) {
			assert.Contains(t, xdgKeyNames, key)
		})
	}
}

func TestNewChoosesTheDesktopPortalOnWaylandAndSaysWhyItCannot(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		// portal is the stand-in on the bus; nil for none.
		portal *portal.Options
		// message is in the error; "" means New gives a portal listener.
		message string
	}{
		{"wayland session with the portal", map[string]string{"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"},
			&portal.Options{}, ""},
		{"wayland display and no X display", map[string]string{"XDG_SESSION_TYPE": "", "WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ""},
			&portal.Options{}, ""},
		{"forced onto the portal on X11", map[string]string{backendSwitch: "portal", "XDG_SESSION_TYPE": "x11"},
			&portal.Options{}, ""},
		{"wayland session without a portal", map[string]string{"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"},
			nil, `no XDG desktop portal, and Wayland lets no app take a global shortcut by itself; in your desktop's keyboard settings, add a shortcut that runs "jedidesk-desktop --toggle"`},
		{"wayland session whose portal has no global shortcuts", map[string]string{"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"},
			&portal.Options{Mode: portal.WithoutGlobalShortcuts}, `this desktop's portal offers no global shortcuts`},
		{"an unknown switch value", map[string]string{backendSwitch: "kwin"},
			&portal.Options{}, `JEDIDESK_GLOBAL_SHORTCUT="kwin" is not understood`},
		{"no display at all", map[string]string{"XDG_SESSION_TYPE": "", "WAYLAND_DISPLAY": "", "DISPLAY": ""},
			&portal.Options{}, "DISPLAY is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sniwatcher.PrivateBus(t)
			if tt.portal != nil {
				startPortal(t, *tt.portal)
			}
			t.Setenv(backendSwitch, "")
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			l, err := New(func() {})
			if tt.message != "" {
				require.ErrorIs(t, err, ErrUnsupported)
				assert.Nil(t, l)
				assert.Contains(t, err.Error(), tt.message)
				return
			}
			require.NoError(t, err)
			t.Cleanup(func() { assert.NoError(t, l.Close()) })
			assert.Implements(t, (*DesktopAssigned)(nil), l)
		})
	}
}

func TestNewKeepsTheX11GrabOnAnX11Session(t *testing.T) {
	requireDisplay(t)
	sniwatcher.PrivateBus(t)
	startPortal(t, portal.Options{})
	t.Setenv(backendSwitch, "")
	t.Setenv("XDG_SESSION_TYPE", "x11")
	l := newListener(t, make(chan struct{}, 1))
	assert.IsType(t, &x11Listener{}, l)
}

func TestThePortalBindsTheToggleWithThePreferredTriggerAndReportsTheKeysGiven(t *testing.T) {
	tests := []struct {
		name    string
		assign  string
		trigger string
	}{
		{"the user confirms the proposed keys", "", "CTRL+ALT+j"},
		{"the user confirms other keys", "Super+J", "Super+J"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, l, _ := boundPortal(t, portal.Options{Assign: tt.assign})
			require.NoError(t, l.Bind(mustParse(t, "Ctrl+Alt+J")))

			bindings := p.Bindings()
			require.Len(t, bindings, 1)
			assert.Equal(t, "toggle-chat", bindings[0].ID)
			assert.Equal(t, "CTRL+ALT+j", bindings[0].PreferredTrigger)
			assert.Equal(t, "Open or close the JediDesk chat", bindings[0].Description)
			assert.Equal(t, tt.trigger, l.Trigger())
		})
	}
}

func TestAnActivationOfTheBoundShortcutCallsOnPressOnce(t *testing.T) {
	p, l, presses := boundPortal(t, portal.Options{})
	require.NoError(t, l.Bind(mustParse(t, "Ctrl+Alt+J")))

	require.NoError(t, p.Press("toggle-chat"))
	waitPress(t, presses)
	// Not on the Deactivated signal of the keys' release either.
	requireNoPress(t, presses)
}

func TestACancelledBindingIsRefusedAndHoldsNothing(t *testing.T) {
	p, l, _ := boundPortal(t, portal.Options{Mode: portal.CancelBind})

	err := l.Bind(mustParse(t, "Ctrl+Alt+J"))
	require.ErrorIs(t, err, ErrRefused)
	assert.Contains(t, err.Error(), "Ctrl+Alt+J")
	assert.Contains(t, err.Error(), "its dialog was cancelled")
	assert.Len(t, p.ClosedSessions(), 1, "the refused session is closed")
	assert.Error(t, p.Press("toggle-chat"), "no session holds the shortcut")
}

func TestRebindingClosesTheOldSessionAndProposesTheNewShortcut(t *testing.T) {
	p, l, presses := boundPortal(t, portal.Options{})
	require.NoError(t, l.Bind(mustParse(t, "Ctrl+Alt+J")))
	require.NoError(t, l.Bind(mustParse(t, "Ctrl+Alt+K")))

	bindings := p.Bindings()
	require.Len(t, bindings, 2, "a change asks the desktop again")
	assert.Equal(t, "CTRL+ALT+k", bindings[1].PreferredTrigger)
	assert.Equal(t, []string{string(bindings[0].Session)}, sessionStrings(p), "the first session is closed")
	assert.Equal(t, "CTRL+ALT+k", l.Trigger())

	require.NoError(t, p.Press("toggle-chat"))
	waitPress(t, presses)
	requireNoPress(t, presses)
}

func TestARestartTakesTheKeysTheDesktopKeptWithoutAskingAgain(t *testing.T) {
	p, first, _ := boundPortal(t, portal.Options{Assign: "Super+J"})
	require.NoError(t, first.Bind(mustParse(t, "Ctrl+Alt+J")))
	require.NoError(t, first.Close())

	presses := make(chan struct{}, 16)
	second, err := New(func() { presses <- struct{}{} })
	require.NoError(t, err)
	t.Cleanup(func() { assert.NoError(t, second.Close()) })
	require.NoError(t, second.Bind(mustParse(t, "Ctrl+Alt+J")))

	assert.Len(t, p.Bindings(), 1, "no second dialog")
	assert.Equal(t, "Super+J", second.(DesktopAssigned).Trigger())
	require.NoError(t, p.Press("toggle-chat"))
	waitPress(t, presses)
}

func TestBindingNoShortcutClosesTheSession(t *testing.T) {
	p, l, _ := boundPortal(t, portal.Options{})
	require.NoError(t, l.Bind(mustParse(t, "Ctrl+Alt+J")))

	require.NoError(t, l.Bind(Shortcut{}))

	assert.Len(t, p.ClosedSessions(), 1)
	assert.Error(t, p.Press("toggle-chat"), "no session holds the shortcut")
	assert.Empty(t, l.Trigger())
}

func TestKeysChangedInTheDesktopsSettingsAreReported(t *testing.T) {
	p, l, _ := boundPortal(t, portal.Options{})
	require.NoError(t, l.Bind(mustParse(t, "Ctrl+Alt+J")))

	require.NoError(t, p.ChangeTrigger("toggle-chat", "Ctrl+Shift+J"))

	select {
	case trigger := <-l.Changes():
		assert.Equal(t, "Ctrl+Shift+J", trigger)
	case <-time.After(pressTimeout):
		require.FailNow(t, "no change reported")
	}
	assert.Equal(t, "Ctrl+Shift+J", l.Trigger())
}

func TestClosingThePortalListenerEndsItsChanges(t *testing.T) {
	_, l, _ := boundPortal(t, portal.Options{})
	require.NoError(t, l.Bind(mustParse(t, "Ctrl+Alt+J")))

	require.NoError(t, l.Close())

	select {
	case _, open := <-l.Changes():
		assert.False(t, open)
	case <-time.After(pressTimeout):
		require.FailNow(t, "Changes stays open")
	}
	assert.NoError(t, l.Close(), "closing twice is harmless")
	assert.Error(t, l.Bind(mustParse(t, "Ctrl+Alt+J")))
}

func TestClosingGivesUpABindingStillWaitingForTheUser(t *testing.T) {
	p, l, _ := boundPortal(t, portal.Options{Mode: portal.Unanswered})
	shortcut := mustParse(t, "Ctrl+Alt+J")
	bound := make(chan error, 1)
	go func() { bound <- l.Bind(shortcut) }()
	require.Eventually(t, func() bool { return len(p.Bindings()) == 1 }, pressTimeout, 10*time.Millisecond, "the desktop's dialog is open")

	require.NoError(t, l.Close())

	select {
	case err := <-bound:
		assert.Error(t, err)
	case <-time.After(pressTimeout):
		require.FailNow(t, "Bind still waits after Close")
	}
	assert.Len(t, p.ClosedSessions(), 1, "the session of the abandoned binding is closed")
}

func startPortal(t *testing.T, opts portal.Options) *portal.Portal {
	t.Helper()
	p, err := portal.Start(opts)
	require.NoError(t, err)
	t.Cleanup(func() { p.Close() })
	return p
}

// boundPortal starts a stand-in portal on a private bus and a listener forced onto it.
func boundPortal(t *testing.T, opts portal.Options) (*portal.Portal, DesktopAssigned, chan struct{}) {
	t.Helper()
	sniwatcher.PrivateBus(t)
	p := startPortal(t, opts)
	t.Setenv(backendSwitch, "portal")
	presses := make(chan struct{}, 16)
	l, err := New(func() { presses <- struct{}{} })
	require.NoError(t, err)
	t.Cleanup(func() { _ = l.Close() })
	require.Implements(t, (*DesktopAssigned)(nil), l)
	return p, l.(DesktopAssigned), presses
}

func sessionStrings(p *portal.Portal) []string {
	var out []string
	for _, s := range p.ClosedSessions() {
		out = append(out, string(s))
	}
	return out
}
