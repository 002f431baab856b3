//go:build e2e

package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/test/sniwatcher"
)

// startWatcher stands in for a desktop panel: the app's tray item registers with it.
func startWatcher(t *testing.T) *sniwatcher.Watcher {
	t.Helper()
	w, err := sniwatcher.Start()
	require.NoError(t, err)
	t.Cleanup(func() { w.Close() })
	return w
}

func trayItem(t *testing.T, w *sniwatcher.Watcher) string {
	t.Helper()
	require.Eventually(t, func() bool { return len(w.Items()) == 1 }, startTimeout, 50*time.Millisecond, "the tray item registers")
	return w.Items()[0]
}

func clickTray(t *testing.T, w *sniwatcher.Watcher, item, label string) {
	t.Helper()
	menu, err := w.Menu(item)
	require.NoError(t, err)
	for _, m := range menu {
		if m.Label == label {
			require.True(t, m.Enabled, "%q is enabled", label)
			require.NoError(t, w.Click(item, m.ID))
			return
		}
	}
	t.Fatalf("no tray menu item %q in %+v", label, menu)
}

// closeWindow asks the window to close, as a window manager's close button does.
func closeWindow(t *testing.T, window string) {
	t.Helper()
	conn, err := xgb.NewConn()
	require.NoError(t, err)
	defer conn.Close()
	atom := func(name string) xproto.Atom {
		reply, err := xproto.InternAtom(conn, false, uint16(len(name)), name).Reply()
		require.NoError(t, err)
		return reply.Atom
	}
	id, err := strconv.ParseUint(window, 10, 32)
	require.NoError(t, err)
	ev := xproto.ClientMessageEvent{Format: 32, Window: xproto.Window(id), Type: atom("WM_PROTOCOLS"),
		Data: xproto.ClientMessageDataUnionData32New([]uint32{uint32(atom("WM_DELETE_WINDOW")), 0, 0, 0, 0})}
	require.NoError(t, xproto.SendEventChecked(conn, false, xproto.Window(id), 0, string(ev.Bytes())).Check())
}

func TestTheTrayMenuDrivesTheChatAndTheWindow(t *testing.T) {
	w := startWatcher(t)
	h := newHome(t)
	h.writeProfile(t, `{"name": "Tray Taras"}`)
	s := startStandIn(t)
	a := startApp(t, h, "--widget-url", s.URL)
	item := trayItem(t, w)
	waitRecords(t, s, startTimeout, "the widget to mount", countCalls("customerData", 1))
	require.Eventually(t, func() bool {
		menu, _ := w.Menu(item)
		for _, m := range menu {
			if m.Label == "Close chat" {
				return !m.Enabled
			}
		}
		return false
	}, stepTimeout, 50*time.Millisecond, "Close chat is disabled while the chat is closed")

	clickTray(t, w, item, "Open chat")
	waitRecords(t, s, stepTimeout, "openWidget from the tray", countCalls("openWidget", 1))
	clickTray(t, w, item, "Close chat")
	waitRecords(t, s, stepTimeout, "closeWidget from the tray", countCalls("closeWidget", 1))
	clickTray(t, w, item, "Send my details")
	waitRecords(t, s, stepTimeout, "customerData from the tray", countCalls("customerData", 2))
	require.Eventually(t, func() bool {
		tip, _ := w.Tooltip(item)
		return strings.Contains(tip, "Details go to support when a chat starts")
	}, stepTimeout, 50*time.Millisecond, "the tooltip says the details wait for a chat, not that they were sent")

	// A left click on the icon hides and shows the window.
	require.NoError(t, w.Activate(item))
	require.Eventually(t, func() bool { return !a.visible() }, stepTimeout, 50*time.Millisecond, "the window hides")
	require.NoError(t, w.Activate(item))
	require.Eventually(t, a.visible, stepTimeout, 50*time.Millisecond, "the window shows again")

	// With a tray, closing the window hides it and the chat keeps running.
	closeWindow(t, a.window())
	require.Eventually(t, func() bool { return !a.visible() }, stepTimeout, 50*time.Millisecond, "closing hides to the tray")
	assert.Nil(t, a.cmd.ProcessState, "the app still runs")
	clickTray(t, w, item, "Quit")
	assert.Equal(t, 0, a.waitExit(stepTimeout))
}

func dunstctl(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command("dunstctl", args...).CombinedOutput()
	require.NoError(t, err, "dunstctl %v: %s", args, out)
	return strings.TrimSpace(string(out))
}

func startDunst(t *testing.T) {
	t.Helper()
	cmd := exec.Command("dunst")
	cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+t.TempDir())
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	require.Eventually(t, func() bool { return exec.Command("dunstctl", "count").Run() == nil }, stepTimeout, 50*time.Millisecond, "dunst is up")
}

func TestRepliesWhileHiddenAreCountedInTheTrayAndNotified(t *testing.T) {
	startDunst(t)
	w := startWatcher(t)
	h := newHome(t)
	s := startStandIn(t)
	a := startOnStandIn(t, h, s, "--hidden")
	item := trayItem(t, w)

	require.NoError(t, s.Drive(map[string]string{"do": "agentMessage", "text": "Hello <b>Olena</b> & welcome"}))
	require.NoError(t, s.Drive(map[string]string{"do": "agentMessage", "text": "Second reply"}))
	require.Eventually(t, func() bool {
		tip, _ := w.Tooltip(item)
		return strings.Contains(tip, "2 new messages")
	}, stepTimeout, 50*time.Millisecond, "the tooltip counts the unread replies")

	require.Eventually(t, func() bool { return strings.Contains(dunstctl(t, "count", "displayed"), "1") }, stepTimeout, 50*time.Millisecond,
		"one notification is up: each reply replaces the last")
	screenshot(t, "tray-notification")

	// Clicking the notification shows the window with the chat open; the count resets.
	dunstctl(t, "action", "0")
	waitRecords(t, s, stepTimeout, "openWidget from the notification", countCalls("openWidget", 1))
	// Clicked, it is closed and lands in dunst's history, where its text can be read.
	require.Eventually(t, func() bool { return strings.Contains(dunstctl(t, "history"), "Second reply") }, stepTimeout, 50*time.Millisecond)
	history := dunstctl(t, "history")
	assert.Contains(t, history, "Support replied")
	assert.NotContains(t, a.stderr.String(), "Second reply", "message text never reaches the log")
	require.Eventually(t, a.visible, stepTimeout, 50*time.Millisecond)
	require.Eventually(t, func() bool {
		tip, _ := w.Tooltip(item)
		return !strings.Contains(tip, "new message")
	}, stepTimeout, 50*time.Millisecond, "opening the chat resets the count")
}

func TestWithoutATrayTheAppSaysSoAndClosingQuits(t *testing.T) {
	h := newHome(t)
	s := startStandIn(t)
	a := startOnStandIn(t, h, s)
	a.waitOutput("There is no system tray on this desktop", stepTimeout)
	closeWindow(t, a.window())
	assert.Equal(t, 0, a.waitExit(stepTimeout), "with nowhere to hide, closing the window quits")
}

func TestTheWindowOpensWhereAndAsBigAsItWasLeft(t *testing.T) {
	h := newHome(t)
	a := startApp(t, h)
	a.waitOutput("widget ready", startTimeout)
	w := a.window()
	run(t, "xdotool", "windowsize", "--sync", w, "700", "660")
	run(t, "xdotool", "windowmove", "--sync", w, "50", "40")
	a.press("ctrl+q")
	require.Equal(t, 0, a.waitExit(stepTimeout))
	saved, err := os.ReadFile(filepath.Join(h.appDir(), "settings.json"))
	require.NoError(t, err)
	assert.Contains(t, string(saved), `"width": 700`)

	b := startApp(t, h)
	b.waitOutput("widget ready", startTimeout)
	geo := geometry(t, b.window())
	assert.Equal(t, "700", geo["WIDTH"])
	assert.Equal(t, "660", geo["HEIGHT"])
	assert.Equal(t, "50", geo["X"])
	assert.Equal(t, "40", geo["Y"])
}
