//go:build e2e

package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/test/standin"
)

func TestAWidgetTokenTheServiceDoesNotKnowIsToldToTheUser(t *testing.T) {
	h := newHome(t)
	s := startStandInWith(t, standin.Options{UnknownTokens: []string{"typo-token"}})
	a := startApp(t, h, "--token", "typo-token", "--widget-url", s.URL)

	// The widget mounts all the same, as the real one does: only its own request says it.
	waitRecords(t, s, startTimeout, "the widget's settings request and mount", func(r []standin.Record) bool {
		return mounted(r) && len(ofType(r, "settingsRequest")) > 0
	})
	a.waitOutput("does not recognise the widget token", stepTimeout)
	status := waitQuery(t, s, "#status", func(e Element) bool { return strings.Contains(e.Text, "does not know this widget token") })
	assert.NotContains(t, status.Text, "Chat ready")
	assert.False(t, query(t, s, "#token-settings").Hidden, "a way to Settings is offered")
	assert.NotContains(t, a.stderr.String(), "typo-token", "the token never reaches the log")
	screenshot(t, "token-unrecognised")

	a.click(t, s, "#token-settings")
	waitQuery(t, s, "#settings", func(e Element) bool { return !e.Hidden })
}

func TestSettingsCheckANewTokenWithTheServiceBeforeSavingIt(t *testing.T) {
	h := newHome(t)
	s := startStandInWith(t, standin.Options{UnknownTokens: []string{"typo-token"}})
	a := startOnStandIn(t, h, s)
	a.waitOutput("widget ready", stepTimeout)
	path := filepath.Join(h.appDir(), "settings.json")

	// An unknown token: an error beside the field, nothing written, and a way to keep it.
	a.press("ctrl+comma")
	waitQuery(t, s, "#s-token", func(e Element) bool { return e.Focused })
	a.typeText("typo-token")
	a.press("Return")
	refused := waitQuery(t, s, "#e-token", func(e Element) bool { return e.Text != "" })
	assert.Contains(t, refused.Text, "does not know this token")
	assert.NoFileExists(t, path)
	assert.False(t, query(t, s, "#keep-token").Hidden)
	screenshot(t, "settings-token-unrecognised")

	// The user keeps it anyway: saved, and the chat reloads with it.
	a.click(t, s, "#keep-token")
	require.Eventually(t, func() bool {
		data, _ := os.ReadFile(path)
		return strings.Contains(string(data), `"typo-token"`)
	}, stepTimeout, 50*time.Millisecond, "the confirmed token is saved")

	// A token the service knows: saved, with the company's name shown before the reload.
	s.Reset()
	waitRecords(t, s, startTimeout, "the reloaded widget", mounted)
	a.waitOutput("does not recognise the widget token", stepTimeout)
	a.click(t, s, "#token-settings")
	waitQuery(t, s, "#s-token", func(e Element) bool { return e.Focused })
	a.press("ctrl+a")
	a.typeText("good-token")
	a.press("Return")
	recognised := waitQuery(t, s, "#settings-progress", func(e Element) bool { return strings.Contains(e.Text, standin.Company) })
	assert.Equal(t, "Token recognised: Stand-in Support. The chat is reloading.", recognised.Text)
	screenshot(t, "settings-token-recognised")
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Contains(t, string(data), `"good-token"`)
}

func TestAnAdministratorsTokenTheServiceDoesNotKnowSendsTheUserToTheAdministrator(t *testing.T) {
	adminFile(t, `{"token": "typo-token", "locked": ["token"]}`)
	h := newHome(t)
	s := startStandInWith(t, standin.Options{UnknownTokens: []string{"typo-token"}})
	a := startApp(t, h, "--widget-url", s.URL)
	a.waitOutput("does not recognise the widget token", startTimeout)
	status := waitQuery(t, s, "#status", func(e Element) bool { return strings.Contains(e.Text, "not set up correctly") })
	assert.Contains(t, status.Text, "Contact your administrator")
	assert.True(t, query(t, s, "#token-settings").Hidden, "the user cannot fix a token the administrator set")
	screenshot(t, "token-unrecognised-managed")
}
