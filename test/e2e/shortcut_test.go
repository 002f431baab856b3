//go:build e2e

package e2e

import (
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/test/standin"
)

// visible reports whether the app has a mapped window.
func (a *app) visible() bool {
	out, _ := exec.Command("xdotool", "search", "--onlyvisible", "--pid", strconv.Itoa(a.cmd.Process.Pid)).Output()
	return strings.TrimSpace(string(out)) != ""
}

// otherClient maps a window of another X client and puts the pointer (and so, with no window
// manager, the keyboard focus) on it.
func otherClient(t *testing.T) {
	conn, err := xgb.NewConn()
	require.NoError(t, err)
	t.Cleanup(conn.Close)
	screen := xproto.Setup(conn).DefaultScreen(conn)
	win, err := xproto.NewWindowId(conn)
	require.NoError(t, err)
	require.NoError(t, xproto.CreateWindowChecked(conn, screen.RootDepth, win, screen.Root, 1000, 600, 200, 150, 0,
		xproto.WindowClassInputOutput, screen.RootVisual, xproto.CwBackPixel, []uint32{screen.WhitePixel}).Check())
	require.NoError(t, xproto.MapWindowChecked(conn, win).Check())
	run(t, "xdotool", "mousemove", "1100", "675")
}

func (a *app) pressAnywhere(keys ...string) {
	a.t.Helper()
	for _, k := range keys {
		run(a.t, "xdotool", "key", "--clearmodifiers", k)
	}
}

// waitShortcutHeld waits until the app holds Ctrl+Alt+<sym>: until another client's grab of it
// is refused. The app grabs its shortcut after the page loads, on its own goroutine, so a key
// pressed as soon as the widget mounts could reach no one.
func waitShortcutHeld(t *testing.T, sym xproto.Keysym) {
	t.Helper()
	conn, err := xgb.NewConn()
	require.NoError(t, err)
	defer conn.Close()
	root := xproto.Setup(conn).DefaultScreen(conn).Root
	keycode := keycodeFor(t, conn, sym)
	mods := uint16(xproto.ModMaskControl | xproto.ModMask1)
	require.Eventually(t, func() bool {
		if xproto.GrabKeyChecked(conn, true, root, mods, keycode, xproto.GrabModeAsync, xproto.GrabModeAsync).Check() != nil {
			return true
		}
		_ = xproto.UngrabKeyChecked(conn, keycode, root, mods).Check()
		return false
	}, stepTimeout, 50*time.Millisecond, "the app grabs its global shortcut")
}

// focusWindow puts the pointer (and so, with no window manager, the keyboard focus) on the
// app's window until its page has the focus: a window just shown may still be moving to where
// it was left, away from the pointer.
func (a *app) focusWindow(s *standin.Server) {
	a.t.Helper()
	require.Eventually(a.t, func() bool {
		run(a.t, "xdotool", "mousemove", "--window", a.window(), "300", "300")
		return query(a.t, s, "html").PageFocused
	}, stepTimeout, 200*time.Millisecond, "the app's page gets the keyboard focus")
}

func TestTheGlobalShortcutBringsTheChatFromAnywhereAndClosesItInFront(t *testing.T) {
	h := newHome(t)
	s := startStandIn(t)
	a := startApp(t, h, "--hidden", "--widget-url", s.URL)
	waitRecords(t, s, startTimeout, "the hidden window's widget to mount", mounted)
	require.False(t, a.visible(), "--hidden starts without a window")
	waitShortcutHeld(t, 'j')

	otherClient(t)
	a.pressAnywhere("ctrl+alt+j")
	waitRecords(t, s, stepTimeout, "openWidget from the global shortcut", countCalls("openWidget", 1))
	require.Eventually(t, a.visible, stepTimeout, 50*time.Millisecond, "the window is shown")

	// With the app in front (the pointer gives it the focus), the shortcut closes the chat.
	a.focusWindow(s)
	a.pressAnywhere("ctrl+alt+j")
	records := waitRecords(t, s, stepTimeout, "closeWidget from the global shortcut", countCalls("closeWidget", 1))
	assert.Len(t, calls(records, "openWidget"), 1, "the menu's accelerators and the global shortcut never double-fire")
}

func TestRebindingTheShortcutInSettingsMovesItAtOnce(t *testing.T) {
	h := newHome(t)
	s := startStandIn(t)
	a := startOnStandIn(t, h, s)
	a.waitOutput("widget ready", stepTimeout)

	a.press("ctrl+comma")
	waitQuery(t, s, "#s-token", func(e Element) bool { return e.Focused })
	a.press("Tab", "Tab")
	waitQuery(t, s, "#s-shortcut", func(e Element) bool { return e.Focused })
	a.press("ctrl+alt+k")
	waitQuery(t, s, "#s-shortcut", func(e Element) bool { return e.Value != nil && *e.Value == "Ctrl+Alt+K" })
	a.press("Return")
	waitQuery(t, s, "#settings", func(e Element) bool { return e.Hidden })
	onDisk, err := os.ReadFile(h.appDir() + "/settings.json")
	require.NoError(t, err)
	jsonEqual(t, `{"shortcut":"Ctrl+Alt+K"}`, onDisk)
	waitShortcutHeld(t, 'k')

	otherClient(t)
	// The old combination does nothing; the new one's openWidget is the barrier that shows it.
	a.pressAnywhere("ctrl+alt+j", "ctrl+alt+k")
	records := waitRecords(t, s, stepTimeout, "openWidget from the new shortcut", countCalls("openWidget", 1))
	assert.Len(t, calls(records, "openWidget"), 1)
	assert.Empty(t, calls(records, "closeWidget"))
}

func TestAShortcutTakenByAnotherProgramIsReported(t *testing.T) {
	conn, err := xgb.NewConn()
	require.NoError(t, err)
	defer conn.Close()
	screen := xproto.Setup(conn).DefaultScreen(conn)
	keycode := keycodeFor(t, conn, 'j')
	for _, lock := range []uint16{0, xproto.ModMaskLock, xproto.ModMask2, xproto.ModMaskLock | xproto.ModMask2} {
		require.NoError(t, xproto.GrabKeyChecked(conn, true, screen.Root, xproto.ModMaskControl|xproto.ModMask1|lock, keycode,
			xproto.GrabModeAsync, xproto.GrabModeAsync).Check())
	}

	h := newHome(t)
	s := startStandIn(t)
	a := startApp(t, h, "--widget-url", s.URL)
	a.waitOutput("already taken", startTimeout)
	waitRecords(t, s, startTimeout, "the widget to mount", mounted)
	notice := waitQuery(t, s, "#notices", func(e Element) bool { return e.Text != "" })
	assert.Contains(t, notice.Text, "Ctrl+Alt+J")
	a.press("ctrl+comma")
	status := waitQuery(t, s, "#s-shortcut-status", func(e Element) bool { return e.Text != "" })
	assert.Equal(t, "Ctrl+Alt+J is already taken by another program: choose another.", status.Text)
	screenshot(t, "shortcut-taken")
}

func keycodeFor(t *testing.T, conn *xgb.Conn, sym xproto.Keysym) xproto.Keycode {
	setup := xproto.Setup(conn)
	count := byte(setup.MaxKeycode - setup.MinKeycode + 1)
	mapping, err := xproto.GetKeyboardMapping(conn, setup.MinKeycode, count).Reply()
	require.NoError(t, err)
	per := int(mapping.KeysymsPerKeycode)
	for i := 0; i < int(count); i++ {
		for j := 0; j < per; j++ {
			if mapping.Keysyms[i*per+j] == sym {
				return setup.MinKeycode + xproto.Keycode(i)
			}
		}
	}
	t.Fatalf("no keycode for keysym %#x", sym)
	return 0
}

func TestASecondLaunchHandsItsActionToTheRunningAppAndExits(t *testing.T) {
	h := newHome(t)
	s := startStandIn(t)
	startApp(t, h, "--widget-url", s.URL)
	waitRecords(t, s, startTimeout, "the widget to mount", mounted)

	second := func(args ...string) {
		t.Helper()
		cmd := exec.Command(binary, args...)
		cmd.Env = h.env()
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "a second launch exits 0: %s", out)
	}
	second("--toggle")
	waitRecords(t, s, stepTimeout, "openWidget from --toggle", countCalls("openWidget", 1))
	second("--close")
	waitRecords(t, s, stepTimeout, "closeWidget from --close", countCalls("closeWidget", 1))
	second("--send-profile")
	assert.Equal(t, 1, appProcesses(t, h), "exactly one app process")
}

// appProcesses counts the app's processes of this test's user (its XDG_CONFIG_HOME): other
// programs on the machine may run the app too.
func appProcesses(t *testing.T, h home) int {
	t.Helper()
	out, err := exec.Command("pgrep", "-x", "jedidesk-deskto").Output()
	require.NoError(t, err)
	n := 0
	for _, pid := range strings.Fields(string(out)) {
		env, err := os.ReadFile("/proc/" + pid + "/environ")
		if err == nil && slices.Contains(strings.Split(string(env), "\x00"), "XDG_CONFIG_HOME="+h.config) {
			n++
		}
	}
	return n
}

func TestCloseAndQuitWithNothingRunningStartNothing(t *testing.T) {
	for _, flag := range []string{"--close", "--quit"} {
		t.Run(flag, func(t *testing.T) {
			h := newHome(t)
			cmd := exec.Command(binary, flag)
			cmd.Env = h.env()
			start := time.Now()
			out, err := cmd.CombinedOutput()
			require.NoError(t, err, "%s", out)
			assert.Empty(t, strings.TrimSpace(string(out)))
			_, statErr := os.Stat(h.appDir())
			assert.True(t, os.IsNotExist(statErr), "nothing started, nothing written (took %s)", time.Since(start))
		})
	}
}
