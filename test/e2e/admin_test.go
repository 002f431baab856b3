//go:build e2e

package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// adminFile writes an administrator's settings file and points the app at it, as
// JEDIDESK_ADMIN_SETTINGS does for tests (the real one is /etc/<app id>/settings.json).
func adminFile(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "settings.json")
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	t.Setenv("JEDIDESK_ADMIN_SETTINGS", path)
	return path
}

func TestATokenTheAdministratorLockedIsUsedShownReadOnlyAndKept(t *testing.T) {
	adminFile(t, `{"token": "admin_tok", "locked": ["token"]}`)
	h := newHome(t)
	require.NoError(t, os.MkdirAll(h.appDir(), 0o700))
	userFile := filepath.Join(h.appDir(), "settings.json")
	require.NoError(t, os.WriteFile(userFile, []byte(`{"token": "mine"}`), 0o600))
	s := startStandIn(t)

	a := startApp(t, h, "--widget-url", s.URL, "--token", "cli_tok")

	m := mountRecord(t, waitRecords(t, s, startTimeout, "the widget to mount", mounted))
	assert.Equal(t, "admin_tok", m.Settings["token"], "the administrator's token beats the user's file and the command line")
	a.waitOutput("--token is ignored: your administrator set token", stepTimeout)

	a.press("ctrl+comma")
	token := waitQuery(t, s, "#s-token", func(e Element) bool { return e.Focused })
	assert.Equal(t, "admin_tok", *token.Value, "the user sees the token in use")
	note := query(t, s, "#locked-token")
	assert.Equal(t, "Set by your administrator.", note.Text)
	assert.False(t, note.Hidden)

	// Typing into the focused field changes nothing: it is read-only. The keys typed next into
	// the address field, which is not locked, show when the page has handled them all.
	a.typeText("x2")
	a.press("Tab")
	a.typeText("http://typed.example")
	waitQuery(t, s, "#s-widget_url", func(e Element) bool { return *e.Value == "http://typed.example" })
	assert.Equal(t, "admin_tok", *query(t, s, "#s-token").Value)
	screenshot(t, "settings-locked-token")
	a.press("ctrl+a", "BackSpace")
	waitQuery(t, s, "#s-widget_url", func(e Element) bool { return *e.Value == "" })

	// Saving the panel as shown is accepted, and the user's own token stays in their file for
	// the day the lock goes.
	a.press("Return")
	waitQuery(t, s, "#settings", func(e Element) bool { return e.Hidden })
	saved, err := os.ReadFile(userFile)
	require.NoError(t, err)
	jsonEqual(t, `{"token": "mine"}`, saved)
	assert.Empty(t, query(t, s, "#e-token").Text)
}

func TestABrokenAdministratorFileIsReportedAndTheAppRunsWithoutIt(t *testing.T) {
	path := adminFile(t, `{"token": "admin_tok", "locked": ["tokn"]}`)
	h := newHome(t)
	s := startStandIn(t)

	a := startApp(t, h, "--widget-url", s.URL)

	m := mountRecord(t, waitRecords(t, s, startTimeout, "the widget to mount", mounted))
	assert.Equal(t, "", m.Settings["token"], "nothing of the broken file applies")
	a.waitOutput("Your administrator's settings could not be used (administrator settings "+path, stepTimeout)
	notice := waitQuery(t, s, "#notices", func(e Element) bool { return e.Text != "" })
	assert.True(t, strings.HasPrefix(notice.Text, "Your administrator's settings could not be used"), notice.Text)
	assert.Contains(t, notice.Text, `"tokn" is no setting`)
	screenshot(t, "admin-file-broken")

	a.press("ctrl+comma")
	waitQuery(t, s, "#s-token", func(e Element) bool { return e.Focused })
	a.typeText("mine")
	waitQuery(t, s, "#s-token", func(e Element) bool { return *e.Value == "mine" })
}
