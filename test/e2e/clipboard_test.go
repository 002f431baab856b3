//go:build e2e

package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/test/standin"
)

const chatInput = "#jedidesk .jdw-input"

// setClipboard puts text on the X clipboard, as copying it in another program would.
func setClipboard(t *testing.T, text string) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "clipboard.txt")
	require.NoError(t, os.WriteFile(file, []byte(text), 0o600))
	// xclip stays in the background to serve the clipboard; no pipes, so nothing waits for it.
	require.NoError(t, exec.Command("xclip", "-selection", "clipboard", "-i", file).Run())
}

func clipboard(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("xclip", "-selection", "clipboard", "-o").Output()
	require.NoError(t, err)
	return string(out)
}

// widgetRect is selector's element in the widget's frame, on the screen.
func (a *app) widgetRect(t *testing.T, s *standin.Server, selector string) rect {
	t.Helper()
	var layout pageLayout
	require.NoError(t, json.Unmarshal(ask(t, s, map[string]any{"do": "layout"}, "layout"), &layout))
	require.NotNil(t, layout.Frame, "the page has no widget frame")
	var where panelView
	require.NoError(t, json.Unmarshal(ask(t, s, map[string]any{"do": "where", "selector": selector}, "where"), &where))
	require.NotNil(t, where.Rect, "the widget shows no %s", selector)
	geo := geometry(t, a.window())
	width, _ := strconv.Atoi(geo["WIDTH"])
	height, _ := strconv.Atoi(geo["HEIGHT"])
	x0, _ := strconv.Atoi(geo["X"])
	y0, _ := strconv.Atoi(geo["Y"])
	// The webview fills the window below the menu bar.
	left := float64(x0 + width - int(layout.Viewport.Width))
	top := float64(y0 + height - int(layout.Viewport.Height))
	return rect{X: left + layout.Frame.X + where.Rect.X, Y: top + layout.Frame.Y + where.Rect.Y, Width: where.Rect.Width, Height: where.Rect.Height}
}

// widgetPoint is the middle of selector's element in the widget's frame, on the screen.
func (a *app) widgetPoint(t *testing.T, s *standin.Server, selector string) (x, y int) {
	t.Helper()
	r := a.widgetRect(t, s, selector)
	return int(r.X + r.Width/2), int(r.Y + r.Height/2)
}

// clickWidget clicks selector's element in the widget's frame with the real pointer (button 1
// is the left button, 3 the right one).
func (a *app) clickWidget(t *testing.T, s *standin.Server, selector string, button int) {
	t.Helper()
	x, y := a.widgetPoint(t, s, selector)
	run(t, "xdotool", "mousemove", strconv.Itoa(x), strconv.Itoa(y))
	run(t, "xdotool", "click", strconv.Itoa(button))
}

// visitorMessages are the texts of the messages the chat server received from the visitor.
func visitorMessages(records []standin.Record) []string {
	var out []string
	for _, r := range framesOf(records, "JWSendMessage") {
		var f struct {
			Data struct {
				Text string `json:"text"`
			} `json:"data"`
		}
		if json.Unmarshal(r.Frame, &f) == nil {
			out = append(out, f.Data.Text)
		}
	}
	return out
}

func hasMessage(text string) func([]standin.Record) bool {
	return func(records []standin.Record) bool {
		for _, m := range visitorMessages(records) {
			if m == text {
				return true
			}
		}
		return false
	}
}

// popupMenus counts the context menus shown on the screen: GTK draws each in a window of its
// own that is not the app's.
func popupMenus(t *testing.T) int {
	t.Helper()
	out, err := exec.Command("xdotool", "search", "--onlyvisible", "--class", "").Output()
	if err != nil {
		return 0
	}
	n := 0
	for _, id := range strings.Fields(string(out)) {
		name, _ := exec.Command("xprop", "-id", id, "_NET_WM_WINDOW_TYPE").Output()
		if strings.Contains(string(name), "POPUP_MENU") {
			n++
		}
	}
	return n
}

// openChatSession opens the chat and starts a conversation, so that the input is there and its
// messages reach the chat server.
func openChatSession(t *testing.T, a *app, s *standin.Server) {
	t.Helper()
	waitRecords(t, s, startTimeout, "the widget to mount", mounted)
	a.waitOutput("widget ready", stepTimeout)
	a.press("ctrl+o")
	waitRecords(t, s, stepTimeout, "the chat to open", countCalls("openWidget", 1))
	require.NoError(t, s.Drive(map[string]string{"do": "startChat"}))
	waitRecords(t, s, stepTimeout, "the chat to connect", hasEvent("JediDeskFullyLoaded", 1))
}

func TestCopyAndPasteInTheChatInput(t *testing.T) {
	h := newHome(t)
	h.locale = "uk_UA.UTF-8"
	s := startStandIn(t)
	a := startApp(t, h, "--widget-url", s.URL)
	openChatSession(t, a, s)

	// Ctrl+V: text copied in another program arrives as the message.
	setClipboard(t, "pasted with ctrl+v")
	a.clickWidget(t, s, chatInput, 1)
	run(t, "xdotool", "key", "--clearmodifiers", "ctrl+v", "Return")
	waitRecords(t, s, stepTimeout, "the pasted message", hasMessage("pasted with ctrl+v"))

	// Ctrl+A and Ctrl+C copy what is typed; Ctrl+X takes it out.
	a.typeText("copy me")
	run(t, "xdotool", "key", "--clearmodifiers", "ctrl+a", "ctrl+c")
	require.Eventually(t, func() bool { return clipboard(t) == "copy me" }, stepTimeout, 100*time.Millisecond, "Ctrl+C copied the input")
	setClipboard(t, "")
	run(t, "xdotool", "key", "--clearmodifiers", "ctrl+a", "ctrl+x", "Return")
	require.Eventually(t, func() bool { return clipboard(t) == "copy me" }, stepTimeout, 100*time.Millisecond, "Ctrl+X cut the input")
	assert.NotContains(t, visitorMessages(s.Records()), "copy me", "the input was empty after Ctrl+X")

	// The right button: a menu with Paste (in Ukrainian: the picture shows its words). With
	// nothing selected, Cut and Copy are greyed out, so the first item the keyboard reaches is
	// Paste.
	setClipboard(t, "pasted from the menu")
	a.clickWidget(t, s, chatInput, 3)
	require.Eventually(t, func() bool { return popupMenus(t) == 1 }, stepTimeout, 100*time.Millisecond, "a context menu opened")
	screenshot(t, "context-menu-chat-input-uk")
	run(t, "xdotool", "key", "Down", "Return")
	require.Eventually(t, func() bool { return popupMenus(t) == 0 }, stepTimeout, 100*time.Millisecond, "the menu closed")
	run(t, "xdotool", "key", "Return")
	waitRecords(t, s, stepTimeout, "the message pasted from the menu", hasMessage("pasted from the menu"))
	screenshot(t, "context-menu-pasted")

	// Outside text: no menu (WebKit's own would offer Reload and Back).
	a.clickWidget(t, s, "#jedidesk .jdw-header", 3)
	time.Sleep(500 * time.Millisecond) // a menu would be up by now
	assert.Zero(t, popupMenus(t), "no menu on the chat's header")
}
