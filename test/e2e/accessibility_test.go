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
			a.press("ctrl+p")
			waitQuery(t, s, "#f-name", func(e Element) bool { return e.Focused && !e.Hidden })
			a.press("Tab", "ctrl+a")
			a.typeText("not-an-email")
			a.press("Return")
			waitQuery(t, s, "#e-email", func(e Element) bool { return e.Text != "" })
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
