//go:build e2e

package e2e

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/test/standin"
)

// axeFinding is one rule axe-core found broken on the app's page (frontend/src/page/testProbe.ts).
type axeFinding struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	Targets []string `json:"targets"`
}

// axeCheck runs axe-core in the app's own page, as it is now, against WCAG 2.2 A and AA (the
// widget's frame is JediDesk's and left out), and reports what it found.
func axeCheck(t *testing.T, s *standin.Server, state string) []axeFinding {
	t.Helper()
	before := len(ofType(s.Records(), "axe"))
	require.NoError(t, s.Drive(map[string]string{"do": "axe"}))
	records := waitRecords(t, s, stepTimeout, "axe's findings in "+state, func(r []standin.Record) bool { return len(ofType(r, "axe")) > before })
	answer := ofType(records, "axe")[before]
	require.Empty(t, answer.Error, "axe ran in %s", state)
	var findings []axeFinding
	require.NoError(t, json.Unmarshal(answer.Result, &findings))
	for _, f := range findings {
		t.Logf("%s: %s (%s): %s on %s", state, f.ID, f.Impact, f.Help, strings.Join(f.Targets, ", "))
	}
	return findings
}

func TestTheAppsOwnPageMeetsWCAG22AAInEveryState(t *testing.T) {
	for _, tt := range []struct {
		name, locale string
		// env adds to the app's environment (GTK's dark theme: the page follows it).
		env []string
	}{
		{"English", "en_US.UTF-8", nil},
		{"Ukrainian", "uk_UA.UTF-8", nil},
		{"Russian", "ru_RU.UTF-8", nil},
		{"English, dark", "en_US.UTF-8", []string{"GTK_THEME=Adwaita:dark"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := newHome(t)
			h.locale = tt.locale
			h.extraEnv = tt.env
			s := startStandIn(t)
			a := startOnStandIn(t, h, s)
			a.waitOutput("widget ready", stepTimeout)
			found := map[string][]axeFinding{}
			check := func(state string) { found[state] = axeCheck(t, s, state) }

			check("the chat closed, a notice shown")
			a.press("ctrl+o")
			waitRecords(t, s, stepTimeout, "the chat to open", countCalls("openWidget", 1))
			check("the chat open")
			a.saveABadEmail(s)
			check("the profile editor with an error")
			a.press("Escape")
			a.press("ctrl+comma")
			waitQuery(t, s, "#s-token", func(e Element) bool { return e.Focused })
			check("Settings")
			for state, f := range found {
				assert.Empty(t, f, "%s, %s", tt.name, state)
			}
		})
	}
}

func TestTheDemosFirstRunMeetsWCAG22AA(t *testing.T) {
	h := newHome(t)
	s := startStandIn(t)
	// The demo widget is the app's own; the page still answers the stand-in.
	h.probe = s.URL
	startApp(t, h)
	waitQuery(t, s, "#welcome", func(e Element) bool { return !e.Hidden })
	assert.Empty(t, axeCheck(t, s, "the first run"))
}

func TestSettingsLockedByTheAdministratorMeetWCAG22AA(t *testing.T) {
	adminFile(t, `{"token": "admin_tok", "locked": ["token", "shortcut", "notifications_off"]}`)
	h := newHome(t)
	s := startStandIn(t)
	a := startOnStandIn(t, h, s)
	a.press("ctrl+comma")
	waitQuery(t, s, "#locked-token", func(e Element) bool { return e.Text != "" })
	assert.Empty(t, axeCheck(t, s, "Settings, locked"))
}

// sentMessages are the texts the visitor sent on the chat's socket.
func sentMessages(records []standin.Record) []string {
	var out []string
	for _, f := range framesOf(records, "JWSendMessage") {
		var frame struct {
			Data struct {
				Text string `json:"text"`
			} `json:"data"`
		}
		if json.Unmarshal(f.Frame, &frame) == nil {
			out = append(out, frame.Data.Text)
		}
	}
	return out
}

func TestTheKeyboardAloneReachesTheChatAndTheAppsBar(t *testing.T) {
	h := newHome(t)
	s := startStandIn(t)
	a := startOnStandIn(t, h, s)
	a.waitOutput("widget ready", stepTimeout)
	// The visitor started a chat earlier ("Write to us"): the open chat has its input.
	require.NoError(t, s.Drive(map[string]string{"do": "startChat"}))
	waitRecords(t, s, stepTimeout, "the chat's socket", countFrames("setOpenData", 1))
	a.focusWindow(s)

	// Opened from the keyboard, the chat takes the keyboard: typing goes to its input.
	a.press("ctrl+o")
	waitQuery(t, s, "#widget-frame", func(e Element) bool { return e.Focused })
	a.typeText("Typed without a mouse")
	a.press("Return")
	records := waitRecords(t, s, stepTimeout, "the typed message", countFrames("JWSendMessage", 1))
	assert.Equal(t, []string{"Typed without a mouse"}, sentMessages(records))

	// F6: back to the app's bar, and Tab walks it.
	a.press("F6")
	first := waitQuery(t, s, ".bar :focus", func(e Element) bool { return e.Focused })
	a.press("Tab")
	next := waitQuery(t, s, ".bar :focus", func(e Element) bool { return e.Focused })
	assert.NotEqual(t, first.Text, next.Text, "Tab moves along the bar")

	// F6 again: into the chat, and straight to its input.
	a.press("F6")
	waitQuery(t, s, "#widget-frame", func(e Element) bool { return e.Focused })
	a.typeText("And back again")
	a.press("Return")
	records = waitRecords(t, s, stepTimeout, "the second typed message", countFrames("JWSendMessage", 2))
	assert.Equal(t, []string{"Typed without a mouse", "And back again"}, sentMessages(records))

	// A reply while the user is in front of the window is said by the app's own live region.
	require.NoError(t, s.Drive(map[string]string{"do": "agentMessage", "text": "We are on it"}))
	waitQuery(t, s, "#announce", func(e Element) bool { return e.Text == "Support: We are on it" })

	// Escape closes Settings and gives the focus back to the bar.
	a.press("ctrl+comma")
	waitQuery(t, s, "#s-token", func(e Element) bool { return e.Focused })
	a.press("Escape")
	waitQuery(t, s, "#settings", func(e Element) bool { return e.Hidden })
	waitQuery(t, s, ".bar :focus", func(e Element) bool { return e.Focused })
}

// saveABadEmail opens the profile editor from the keyboard and saves an email that is none:
// the editor stays, with the error beside the field.
func (a *app) saveABadEmail(s *standin.Server) {
	a.t.Helper()
	a.press("ctrl+p")
	waitQuery(a.t, s, "#f-name", func(e Element) bool { return e.Focused && !e.Hidden })
	a.press("Tab", "ctrl+a")
	a.typeText("not-an-email")
	a.press("Return")
	waitQuery(a.t, s, "#e-email", func(e Element) bool { return e.Text != "" })
}

func TestTheDesktopsHighContrastReachesThePage(t *testing.T) {
	h := newHome(t)
	// A GTK contrast theme, as a user picks it (GNOME's own switch is read too).
	h.extraEnv = []string{"GTK_THEME=HighContrast"}
	s := startStandIn(t)
	a := startOnStandIn(t, h, s)
	a.waitOutput("widget ready", stepTimeout)
	query(t, s, `html[data-contrast="more"]`)
	assert.Empty(t, axeCheck(t, s, "high contrast"))
	a.windowShot(t, "high-contrast")
}
