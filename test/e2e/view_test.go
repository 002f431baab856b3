//go:build e2e

package e2e

import (
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/test/standin"
)

// waitZoom waits until the page and the widget are both drawn at level percent: the page's
// viewport is the window's width in CSS pixels of that size, and the widget's viewport is as
// wide as its frame in the page's CSS pixels (were the widget not zoomed with the page, it would
// see its frame level/100 times wider).
func waitZoom(t *testing.T, a *app, s *standin.Server, windowWidth, level int) {
	t.Helper()
	want := int(math.Floor(float64(windowWidth) * 100 / float64(level)))
	waitQuery(t, s, "body", func(e Element) bool { return math.Abs(float64(e.Viewport.Width-want)) <= 1 })
	require.Eventually(t, func() bool {
		var layout pageLayout
		require.NoError(t, json.Unmarshal(ask(t, s, map[string]any{"do": "layout"}, "layout"), &layout))
		var widget panelView
		require.NoError(t, json.Unmarshal(ask(t, s, map[string]any{"do": "where", "selector": "body"}, "where"), &widget))
		return layout.Frame != nil && math.Abs(widget.Viewport.Width-layout.Frame.Width) < 1
	}, stepTimeout, 100*time.Millisecond, "the widget is drawn at %d %%", level)
}

func savedSettings(t *testing.T, h home) map[string]any {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(h.appDir(), "settings.json"))
	require.NoError(t, err)
	var s map[string]any
	require.NoError(t, json.Unmarshal(raw, &s))
	return s
}

// startZoomable starts the app with the stand-in widget in a 1100 px wide window at 100 %.
func startZoomable(t *testing.T) (home, *standin.Server, *app) {
	t.Helper()
	h := newHome(t)
	s := startStandIn(t)
	a := startOnStandIn(t, h, s)
	a.waitOutput("widget ready", stepTimeout)
	a.resize(t, 1100, 760)
	waitZoom(t, a, s, 1100, 100)
	return h, s, a
}

func TestZoomStepsThePageAndTheWidgetAndIsRemembered(t *testing.T) {
	h, s, a := startZoomable(t)

	a.press("ctrl+equal")
	waitZoom(t, a, s, 1100, 110)
	a.press("ctrl+minus", "ctrl+minus")
	waitZoom(t, a, s, 1100, 90)
	a.press("ctrl+0")
	waitZoom(t, a, s, 1100, 100)
	// Up to the top, and no further.
	for range 12 {
		a.press("ctrl+equal")
	}
	waitZoom(t, a, s, 1100, 200)
	assert.EqualValues(t, 200, savedSettings(t, h)["zoom"])
	a.press("ctrl+minus", "ctrl+minus")
	waitZoom(t, a, s, 1100, 150)
	a.press("ctrl+o")
	waitRecords(t, s, stepTimeout, "the chat to open", countCalls("openWidget", 1))
	_, panel := chatPanel(t, s)
	a.windowShot(t, "zoom-150-chat-open")
	assert.Greater(t, panel.Width, 0.0)

	// The next start opens at the same zoom.
	a.press("ctrl+q")
	require.Equal(t, 0, a.waitExit(stepTimeout))
	assert.EqualValues(t, 150, savedSettings(t, h)["zoom"])
	b := startApp(t, h, "--widget-url", s.URL)
	b.waitOutput("widget ready", startTimeout)
	geo := geometry(t, b.window())
	require.Equal(t, "1100", geo["WIDTH"])
	waitZoom(t, b, s, 1100, 150)
}

// Ctrl and "+" (Shift and = here) and the keypad's keys zoom as in a browser, also with the
// keyboard in the widget's chat.
func TestTheBrowsersZoomKeysZoomToo(t *testing.T) {
	h, s, a := startZoomable(t)

	a.press("ctrl+plus")
	waitZoom(t, a, s, 1100, 110)
	a.press("ctrl+KP_Add")
	waitZoom(t, a, s, 1100, 125)
	a.press("ctrl+KP_Subtract")
	waitZoom(t, a, s, 1100, 110)

	// The keyboard in the widget's frame.
	a.press("ctrl+o")
	waitRecords(t, s, stepTimeout, "the chat to open", countCalls("openWidget", 1))
	a.clickWidget(t, s, "#jedidesk .jdw-header", 1)
	a.press("ctrl+KP_0")
	waitZoom(t, a, s, 1100, 100)
	assert.EqualValues(t, 100, savedSettings(t, h)["zoom"])
}

// windowState is the window's _NET_WM_STATE, as a window manager sees it.
func windowState(t *testing.T, window string) string {
	t.Helper()
	out, err := exec.Command("xprop", "-id", window, "_NET_WM_STATE").Output()
	require.NoError(t, err)
	return string(out)
}

// startWindowManager runs openbox on the test's X server: keeping a window on top is a
// request to the window manager, and Xvfb has none.
func startWindowManager(t *testing.T) {
	t.Helper()
	cmd := exec.Command("openbox", "--sm-disable")
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	require.Eventually(t, func() bool {
		out, _ := exec.Command("xprop", "-root", "_NET_SUPPORTING_WM_CHECK").Output()
		return strings.Contains(string(out), "window id")
	}, stepTimeout, 100*time.Millisecond, "openbox started")
}

// menuKeys walks the menu bar with the keyboard, a key at a time: a menu opens a moment after
// its key.
func (a *app) menuKeys(keys ...string) {
	a.t.Helper()
	run(a.t, "xdotool", "mousemove", "--window", a.window(), "300", "300")
	run(a.t, "xdotool", append([]string{"key", "--delay", "300"}, keys...)...)
}

func TestKeepOnTopFromTheMenuAndTheSettingsIsRemembered(t *testing.T) {
	startWindowManager(t)
	h := newHome(t)
	s := startStandIn(t)
	a := startOnStandIn(t, h, s)
	a.waitOutput("widget ready", stepTimeout)
	w := a.window()
	assert.NotContains(t, windowState(t, w), "_NET_WM_STATE_ABOVE")

	// View → Keep on top, from the keyboard: F10 opens the menu bar.
	a.menuKeys("F10", "Right", "Up", "Return")
	require.Eventually(t, func() bool { return strings.Contains(windowState(t, w), "_NET_WM_STATE_ABOVE") },
		stepTimeout, 100*time.Millisecond, "the window is kept on top")
	assert.Equal(t, true, savedSettings(t, h)["always_on_top"])
	a.press("ctrl+comma")
	waitQuery(t, s, "#s-keep-on-top", func(e Element) bool { return !e.Hidden })
	assert.Equal(t, true, *query(t, s, "#s-keep-on-top").Checked, "the settings show it")
	screenshot(t, "keep-on-top-settings")

	// The settings' switch turns it off at once, and the menu's box follows.
	a.click(t, s, "#s-keep-on-top")
	require.Eventually(t, func() bool { return !strings.Contains(windowState(t, w), "_NET_WM_STATE_ABOVE") },
		stepTimeout, 100*time.Millisecond, "the window is no longer kept on top")
	_, ok := savedSettings(t, h)["always_on_top"]
	assert.False(t, ok)
	a.menuKeys("Escape", "F10", "Right", "Up")
	screenshot(t, "keep-on-top-menu-unchecked")
	a.menuKeys("Return")
	require.Eventually(t, func() bool { return strings.Contains(windowState(t, w), "_NET_WM_STATE_ABOVE") },
		stepTimeout, 100*time.Millisecond, "one click on the box turns it on again")

	// The next start is on top from the first moment.
	a.press("ctrl+q")
	require.Equal(t, 0, a.waitExit(stepTimeout))
	b := startApp(t, h, "--widget-url", s.URL)
	b.waitOutput("widget ready", startTimeout)
	assert.Contains(t, windowState(t, b.window()), "_NET_WM_STATE_ABOVE")
}
