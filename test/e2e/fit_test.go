//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/test/launch"
	"jedidesk-desktop/test/standin"
)

// rect is a box in CSS pixels.
type rect struct {
	X      float64 `json:"x"`
	Y      float64 `json:"y"`
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
}

type size struct {
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
}

// overlap is the area two boxes share; below half a pixel each way is rounding, not overlap.
func (r rect) overlaps(o rect) bool {
	w := min(r.X+r.Width, o.X+o.Width) - max(r.X, o.X)
	h := min(r.Y+r.Height, o.Y+o.Height) - max(r.Y, o.Y)
	return w > 0.5 && h > 0.5
}

func (r rect) inside(viewport size) bool {
	return r.X >= 0 && r.Y >= 0 && r.X+r.Width <= viewport.Width+0.5 && r.Y+r.Height <= viewport.Height+0.5
}

// pageLayout is what the app's page says of its layout (testProbe.ts describeLayout).
type pageLayout struct {
	Viewport size   `json:"viewport"`
	Frame    *rect  `json:"frame"`
	Mode     string `json:"mode"`
	Elements []struct {
		What string `json:"what"`
		Rect rect   `json:"rect"`
	} `json:"elements"`
}

// panelView is where the stand-in widget draws an element inside its frame (prelude.js).
type panelView struct {
	Rect     *rect `json:"rect"`
	Viewport size  `json:"viewport"`
}

// ask sends a control and returns the result of the first record of typ that answers it.
func ask(t *testing.T, s *standin.Server, control map[string]any, typ string) json.RawMessage {
	t.Helper()
	before := len(ofType(s.Records(), typ))
	require.NoError(t, s.Drive(control))
	records := waitRecords(t, s, stepTimeout, "an answer of type "+typ, func(r []standin.Record) bool { return len(ofType(r, typ)) > before })
	return ofType(records, typ)[before].Result
}

// chatPanel is the open chat panel's box in the page's viewport: the frame's box and, inside
// it, the panel's box as the widget draws it. It waits until the widget has laid itself out in
// the frame's present size.
func chatPanel(t *testing.T, s *standin.Server) (pageLayout, rect) {
	t.Helper()
	deadline := time.Now().Add(stepTimeout)
	for {
		var layout pageLayout
		require.NoError(t, json.Unmarshal(ask(t, s, map[string]any{"do": "layout"}, "layout"), &layout))
		var panel panelView
		require.NoError(t, json.Unmarshal(ask(t, s, map[string]any{"do": "where", "selector": "#jedidesk .jdw-panel"}, "where"), &panel))
		if layout.Frame != nil && panel.Rect != nil && math.Abs(panel.Viewport.Width-layout.Frame.Width) < 1 && math.Abs(panel.Viewport.Height-layout.Frame.Height) < 1 {
			r := *panel.Rect
			in := rect{X: layout.Frame.X + r.X, Y: layout.Frame.Y + r.Y, Width: r.Width, Height: r.Height}
			// The frame shows all of the panel (its viewport is whole pixels, the frame's box
			// may not be at a zoom level).
			f := *layout.Frame
			require.True(t, r.X >= 0 && r.Y >= 0 && r.X+r.Width <= f.Width+1 && r.Y+r.Height <= f.Height+1,
				"the widget's panel %+v is cut off by its frame %+v", r, f)
			return layout, in
		}
		if time.Now().After(deadline) {
			t.Fatalf("the widget never laid out its open panel in its frame: page %+v, widget %+v", layout, panel)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// requireScreen fails unless the X screen can hold a window of width×height.
func requireScreen(t *testing.T, width, height int) {
	t.Helper()
	out, err := execOutput("xdotool", "getdisplaygeometry")
	require.NoError(t, err)
	var w, h int
	_, err = fmt.Sscan(out, &w, &h)
	require.NoError(t, err)
	require.True(t, w >= width && h >= height, "the X screen is %dx%d; this test needs %dx%d (make test-e2e starts one)", w, h, width, height)
}

// windowShot keeps a picture of the app's window alone.
func (a *app) windowShot(t *testing.T, name string) {
	t.Helper()
	geo := geometry(t, a.window())
	require.NoError(t, os.MkdirAll(launch.Artifacts, 0o755))
	run(t, "import", "-window", "root", "-crop", fmt.Sprintf("%sx%s+%s+%s", geo["WIDTH"], geo["HEIGHT"], geo["X"], geo["Y"]),
		filepath.Join(launch.Artifacts, name+".png"))
}

// resize gives the window a size and puts it at the screen's top left.
func (a *app) resize(t *testing.T, width, height int) {
	t.Helper()
	w := a.window()
	run(t, "xdotool", "windowmove", "--sync", w, "0", "0")
	run(t, "xdotool", "windowsize", "--sync", w, strconv.Itoa(width), strconv.Itoa(height))
}

func TestTheOpenChatFitsBesideTheAppAtEverySize(t *testing.T) {
	requireScreen(t, 1920, 1080)
	h := newHome(t)
	h.writeProfile(t, `{"name": "Olena"}`)
	// A settings file the app cannot use: the window shows a notice, which must stay in view.
	require.NoError(t, os.WriteFile(filepath.Join(h.appDir(), "settings.json"), []byte("{not json"), 0o600))
	s := startStandIn(t)
	a := startOnStandIn(t, h, s)
	a.waitOutput("widget ready", stepTimeout)
	a.press("ctrl+o")
	waitRecords(t, s, stepTimeout, "the chat to open", countCalls("openWidget", 1))

	for _, tc := range []struct {
		width, height int
		mode          string
	}{
		{420, 640, "full"},
		{800, 600, "docked"},
		{1280, 800, "panel"},
		{1920, 1080, "panel"},
	} {
		t.Run(fmt.Sprintf("%dx%d", tc.width, tc.height), func(t *testing.T) {
			a.resize(t, tc.width, tc.height)
			waitQuery(t, s, "body", func(e Element) bool { return e.Viewport.Width == tc.width })
			layout, panel := chatPanel(t, s)
			assert.Equal(t, tc.mode, layout.Mode)
			assert.True(t, panel.inside(layout.Viewport), "the panel %+v lies inside the viewport %+v", panel, layout.Viewport)
			seen := map[string]bool{}
			for _, el := range layout.Elements {
				seen[el.What] = true
				assert.False(t, panel.overlaps(el.Rect), "the panel %+v covers the app's %s %+v", panel, el.What, el.Rect)
			}
			// The essentials stay in view beside (or above) the chat.
			for _, what := range []string{"p#status.status", "button#edit-profile", "button#edit-settings"} {
				assert.True(t, seen[what], "%s is not visible", what)
			}
			if tc.mode != "full" {
				assert.True(t, seen["div#notices.notices"], "the notice is not visible")
			}
			a.windowShot(t, fmt.Sprintf("fit-%dx%d-chat-open", tc.width, tc.height))
		})
	}

	// Where the chat takes the window, the settings take it for a while, and the chat comes
	// back as it was, still open.
	a.resize(t, 420, 640)
	waitQuery(t, s, "body", func(e Element) bool { return e.Viewport.Width == 420 })
	a.click(t, s, "#edit-settings")
	waitQuery(t, s, "#settings", func(e Element) bool { return !e.Hidden && e.Rect != nil && e.Rect.Height > 0 })
	a.windowShot(t, "fit-420x640-settings-over-chat")
	a.press("Escape")
	layout, _ := chatPanel(t, s)
	assert.Equal(t, "full", layout.Mode)
	records := s.Records()
	assert.True(t, calls(records, "")[len(calls(records, ""))-1].Open, "the chat stayed open")
	assert.Empty(t, calls(records, "closeWidget"))
}

func execOutput(name string, args ...string) (string, error) {
	out, err := exec.Command(name, args...).Output()
	return strings.TrimSpace(string(out)), err
}

func TestAtTwiceTheSizeNothingIsCutOffOrCoveredInTheSmallestWindow(t *testing.T) {
	h := newHome(t)
	h.writeSettings(t, `{"zoom": 200}`)
	s := startStandIn(t)
	a := startOnStandIn(t, h, s)
	a.waitOutput("widget ready", stepTimeout)
	a.resize(t, 420, 640)
	// 200 %: the page has half the window's CSS pixels.
	waitQuery(t, s, "body", func(e Element) bool { return e.Viewport.Width == 210 })
	for _, open := range []bool{false, true} {
		if open {
			a.press("ctrl+o")
			waitRecords(t, s, stepTimeout, "the chat to open", countCalls("openWidget", 1))
		}
		var layout pageLayout
		require.NoError(t, json.Unmarshal(ask(t, s, map[string]any{"do": "layout"}, "layout"), &layout))
		for _, el := range layout.Elements {
			// The page scrolls down; nothing may run off its side.
			assert.LessOrEqual(t, el.Rect.X+el.Rect.Width, layout.Viewport.Width+0.5, "%s is cut off at the right (chat open: %v)", el.What, open)
			if layout.Frame != nil && open && layout.Mode != "full" {
				assert.False(t, layout.Frame.overlaps(el.Rect), "the chat covers the app's %s", el.What)
			}
		}
		a.windowShot(t, fmt.Sprintf("zoom-200-420x640-chat-%s", map[bool]string{false: "closed", true: "open"}[open]))
	}
}
