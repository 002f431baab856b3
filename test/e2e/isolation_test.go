//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/test/launch"
	"jedidesk-desktop/test/standin"
)

var hostileWidgetDir = filepath.Join(launch.Root, "test", "e2e", "testdata", "hostile-widget")

// attacks are what the hostile widget recorded: each attempt's name and what it got.
func attacks(records []standin.Record) map[string]string {
	out := map[string]string{}
	for _, r := range ofType(records, "attack") {
		var result struct {
			Outcome string `json:"outcome"`
		}
		_ = json.Unmarshal(r.Result, &result)
		out[r.Name] = result.Outcome
	}
	return out
}

func TestAHostileWidgetCannotReachTheAppsPowers(t *testing.T) {
	h := newHome(t)
	h.writeProfile(t, `{"name": "Olena"}`)
	settingsPath := filepath.Join(h.appDir(), "settings.json")
	profilePath := filepath.Join(h.appDir(), "profile.json")
	autostartEntry := filepath.Join(h.config, "autostart", "jedidesk-desktop.desktop")
	profileBefore, err := os.ReadFile(profilePath)
	require.NoError(t, err)

	s, err := standin.Start(hostileWidgetDir, 0)
	require.NoError(t, err)
	t.Cleanup(s.Close)
	a := startApp(t, h, "--widget-url", s.URL)
	records := waitRecords(t, s, startTimeout, "the hostile widget's attempts", func(r []standin.Record) bool { return attacks(r)["done"] != "" })
	got := attacks(records)

	// Nothing of the app's is in the widget's realm, and the page's is out of reach.
	assert.Equal(t, "undefined", got["window.go"])
	assert.Equal(t, "undefined", got["window.runtime"])
	assert.Equal(t, "undefined", got["window.wails"])
	assert.Equal(t, "threw SecurityError", got["parent.go"])
	assert.Equal(t, "threw SecurityError", got["parent.document"])
	assert.Equal(t, "threw SecurityError", got["parent.localStorage"])
	assert.NotEqual(t, "navigated", got["top.location"], "the frame may not navigate the window")

	// The raw channel into Go is there (WebKit gives it to every frame), but the gate refuses
	// every message that lacks the page's key, and says so.
	a.waitOutput("refused a call to app.PreferencesAPI.SaveSettings from outside the app's page", stepTimeout)
	for _, method := range []string{"PreferencesAPI.SetStartAtLogin", "PreferencesAPI.SaveProfile", "ChatAPI.OpenExternal"} {
		assert.Contains(t, a.stderr.String(), "refused a call to app."+method+" from outside the app's page")
	}
	assert.Contains(t, a.stderr.String(), "refused the message Q… from outside the app's page")
	// The page drops what the frame posts outside its contract, and says so once per kind.
	a.waitOutput("ignored a message from the widget's frame posing as the app's own", stepTimeout)
	a.waitOutput("ignored a message from the widget's frame that is not in the app's contract", stepTimeout)

	// Afterwards: the files, the autostart entry and the window are as they were.
	time.Sleep(time.Second) // anything that got through would have landed by now
	assert.NoFileExists(t, settingsPath, "the settings were never written")
	profileAfter, err := os.ReadFile(profilePath)
	require.NoError(t, err)
	assert.Equal(t, string(profileBefore), string(profileAfter))
	assert.NoFileExists(t, autostartEntry)
	assert.Nil(t, a.cmd.ProcessState, "the app still runs")
	assert.True(t, a.visible(), "the window is still shown")
	assert.Equal(t, "en", query(t, s, "html").Lang, "the window is still the app's page")
	screenshot(t, "hostile-widget")
}

func TestClicksOutsideTheWidgetReachTheAppPage(t *testing.T) {
	h := newHome(t)
	h.writeProfile(t, `{"name": "Olena"}`)
	s := startStandIn(t)
	a := startOnStandIn(t, h, s)
	a.waitOutput("widget ready", stepTimeout)

	// With the chat open, the panel covers the right of the window; the app's buttons stay
	// clickable, with a real pointer, everywhere else.
	a.press("ctrl+o")
	waitRecords(t, s, stepTimeout, "the chat to open", countCalls("openWidget", 1))
	a.click(t, s, "#edit-profile")
	waitQuery(t, s, "#editor", func(e Element) bool { return !e.Hidden })
	a.press("Escape")
	waitQuery(t, s, "#editor", func(e Element) bool { return e.Hidden })

	// Closed, the widget's frame is just the launcher: a click at the page's bottom left, where
	// the open panel never is, reaches the page too.
	a.press("ctrl+shift+w")
	waitRecords(t, s, stepTimeout, "the chat to close", countCalls("closeWidget", 1))
	a.click(t, s, "#edit-settings")
	waitQuery(t, s, "#settings", func(e Element) bool { return !e.Hidden })
}

// click moves the real pointer to the middle of selector's element and clicks it.
func (a *app) click(t *testing.T, s *standin.Server, selector string) {
	t.Helper()
	el := reveal(t, s, selector)
	require.NotNil(t, el.Rect, "%s has no box", selector)
	geo := geometry(t, a.window())
	width, _ := strconv.Atoi(geo["WIDTH"])
	height, _ := strconv.Atoi(geo["HEIGHT"])
	x0, _ := strconv.Atoi(geo["X"])
	y0, _ := strconv.Atoi(geo["Y"])
	// The webview fills the window below the menu bar.
	top := y0 + height - el.Viewport.Height
	left := x0 + width - el.Viewport.Width
	x := left + int(el.Rect.X+el.Rect.Width/2)
	y := top + int(el.Rect.Y+el.Rect.Height/2)
	run(t, "xdotool", "mousemove", "--sync", fmt.Sprint(x), fmt.Sprint(y))
	run(t, "xdotool", "click", "1")
}
