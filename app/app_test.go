package app

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/navguard"
	"jedidesk-desktop/app/profile"
	"jedidesk-desktop/app/settings"
	"jedidesk-desktop/app/widget"
)

func newApp(t *testing.T, files map[string]string, overrides Overrides) (*App, string, *bytes.Buffer) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "jedidesk-desktop")
	require.NoError(t, os.MkdirAll(dir, 0o700))
	for name, content := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600))
	}
	var log bytes.Buffer
	a, _ := New(dir, overrides, &log)
	return a, dir, &log
}

func TestTheWidgetComesFromTheFlagThenTheSettingsThenTheTokenElseTheDemo(t *testing.T) {
	tests := []struct {
		name      string
		settings  string
		overrides Overrides
		want      WidgetSource
	}{
		{"nothing set runs the demo", "", Overrides{}, WidgetSource{WidgetURL: DemoWidgetURL, Demo: true}},
		{"a saved token uses JediDesk's widget", `{"token":"abc"}`, Overrides{}, WidgetSource{Token: "abc", WidgetURL: "https://widget.jedidesk.com"}},
		{"a token flag uses JediDesk's widget", "", Overrides{Token: "t1"}, WidgetSource{Token: "t1", WidgetURL: "https://widget.jedidesk.com"}},
		{"the token flag beats the saved token", `{"token":"abc"}`, Overrides{Token: "t1"}, WidgetSource{Token: "t1", WidgetURL: "https://widget.jedidesk.com"}},
		{"a saved widget URL without a token is not the demo", `{"widget_url":"https://self.example.com"}`, Overrides{}, WidgetSource{WidgetURL: "https://self.example.com"}},
		{"the widget URL flag beats the saved one", `{"token":"abc","widget_url":"https://self.example.com"}`, Overrides{WidgetURL: "http://127.0.0.1:9"}, WidgetSource{Token: "abc", WidgetURL: "http://127.0.0.1:9"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{}
			if tt.settings != "" {
				files["settings.json"] = tt.settings
			}
			a, _, _ := newApp(t, files, tt.overrides)
			assert.Equal(t, tt.want, a.Source())
		})
	}
}

func TestTheWidgetLanguageFollowsTheProfile(t *testing.T) {
	a, _, _ := newApp(t, map[string]string{"profile.json": `{"language":"ru"}`}, Overrides{})
	assert.Equal(t, "ru", a.Source().Language)
}

func TestSaveProfileReturnsFieldErrorsAndWritesNothing(t *testing.T) {
	a, dir, _ := newApp(t, nil, Overrides{})
	res, err := a.SaveProfile(profile.Profile{Name: "Ivan", Email: "nope", Language: "de"})
	require.NoError(t, err, "invalid input is an answer for the form, not a failure")
	assert.False(t, res.Saved)
	var fields []string
	for _, e := range res.Errors {
		fields = append(fields, e.Field)
	}
	assert.ElementsMatch(t, []string{"email", "language"}, fields)
	assert.NoFileExists(t, filepath.Join(dir, "profile.json"))
}

func TestSaveProfileSavesAndQueuesTheProfileForTheWidget(t *testing.T) {
	a, dir, _ := newApp(t, nil, Overrides{})
	res, err := a.SaveProfile(profile.Profile{Name: " Ivan ", Phone: "+380 44 123-45-67"})
	require.NoError(t, err)
	assert.True(t, res.Saved)
	assert.Equal(t, profile.Profile{Name: "Ivan", Phone: "+380441234567"}, res.Profile)
	assert.Equal(t, widget.Pending, res.Delivery, "the widget has not mounted yet")
	assert.Equal(t, 1, a.WidgetState().Queued)
	assert.FileExists(t, filepath.Join(dir, "profile.json"))
	assert.Equal(t, res.Profile, a.Profile())
}

func TestSaveProfileExplainsAWriteThatFailed(t *testing.T) {
	// A file where the config folder should be: nothing can be written under it.
	parent := t.TempDir()
	blocker := filepath.Join(parent, "jedidesk-desktop")
	require.NoError(t, os.WriteFile(blocker, []byte("x"), 0o600))
	var log bytes.Buffer
	a, _ := New(blocker, Overrides{}, &log)
	assert.Contains(t, log.String(), "could not be read", "an unreadable profile is reported at start")

	_, err := a.SaveProfile(profile.Profile{Name: "Ivan"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "profile.json")
	assert.Len(t, a.PageReady().Notices, 2, "settings and profile both could not be read")
}

func TestACorruptFileBecomesANoticeNamingWhereItWasKept(t *testing.T) {
	a, dir, log := newApp(t, map[string]string{"profile.json": "{oops"}, Overrides{})
	notices := a.PageReady().Notices
	require.Len(t, notices, 1)
	assert.Equal(t, "notice.profileCorrupt", notices[0].Key)
	assert.Contains(t, notices[0].Args["path"], filepath.Join(dir, "profile.json.corrupt-"))
	assert.Contains(t, log.String(), "The file was kept as "+notices[0].Args["path"])
	assert.True(t, a.Profile().IsEmpty())
}

func TestWidgetEventsFromThePageAreChecked(t *testing.T) {
	a, _, _ := newApp(t, nil, Overrides{})
	assert.NoError(t, a.WidgetEvent(widget.EventOpened, ""))
	assert.Error(t, a.WidgetEvent("<img src=x onerror=alert(1)>", ""))
}

func TestTheWidgetPhaseIsLoggedWithoutPersonalData(t *testing.T) {
	a, _, log := newApp(t, map[string]string{"profile.json": `{"name":"Secret Name","email":"secret@example.com"}`}, Overrides{})
	a.PageReady()
	a.WidgetMounted()
	a.OpenWidget()
	a.WidgetFailed("script-error")
	a.PageReady()
	a.WidgetFailed("<b>whatever the page says</b>")
	assert.Equal(t, "jedidesk-desktop: widget loading\njedidesk-desktop: widget ready\njedidesk-desktop: widget failed: script-error\n"+
		"jedidesk-desktop: widget loading\njedidesk-desktop: widget failed: unknown\n", log.String())
}

func TestTheUILanguageFollowsTheProfileAndChangesOnSave(t *testing.T) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "ru_RU.UTF-8")
	a, _, _ := newApp(t, nil, Overrides{})
	assert.Equal(t, "ru", a.PageReady().Language.Code, "no profile language: the system locale")

	_, err := a.SaveProfile(profile.Profile{Name: "Taras", Language: "uk"})
	require.NoError(t, err)
	lang := a.PageReady().Language
	assert.Equal(t, "uk", lang.Code)
	assert.Equal(t, "Відкрити чат", lang.Strings["menu.open"])
}

func TestFirstRunIsOnlyWithoutTokenAndProfile(t *testing.T) {
	a, _, _ := newApp(t, nil, Overrides{})
	assert.True(t, a.PageReady().FirstRun)
	withToken, _, _ := newApp(t, nil, Overrides{Token: "abc"})
	assert.False(t, withToken.PageReady().FirstRun)
	withProfile, _, _ := newApp(t, map[string]string{"profile.json": `{"name":"A"}`}, Overrides{})
	assert.False(t, withProfile.PageReady().FirstRun)
}

func TestSaveSettingsValidatesAndChangesTheWidgetSource(t *testing.T) {
	a, dir, _ := newApp(t, nil, Overrides{})
	res, err := a.SaveSettings(settings.Settings{Token: "bad token!", WidgetURL: "ftp://x"})
	require.NoError(t, err)
	assert.False(t, res.Saved)
	assert.Len(t, res.Errors, 2)
	assert.NoFileExists(t, filepath.Join(dir, "settings.json"))

	res, err = a.SaveSettings(settings.Settings{Token: " abc123 "})
	require.NoError(t, err)
	assert.True(t, res.Saved)
	assert.Equal(t, WidgetSource{Token: "abc123", WidgetURL: "https://widget.jedidesk.com"}, a.Source())
	info, err := os.Stat(filepath.Join(dir, "settings.json"))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
}

func TestOnlyWebMailAndPhoneLinksLeaveTheApp(t *testing.T) {
	tests := []struct {
		url string
		ok  bool
	}{
		{"https://t.me/jedidesk", true},
		{"http://example.com/file.pdf", true},
		{"mailto:help@example.com", true},
		{"tel:+380441234567", true},
		{"file:///etc/passwd", false},
		{"javascript:alert(1)", false},
		{"jedidesk-desktop://open", false},
		{"https:///no-host", false},
		{"data:text/html,<script>alert(1)</script>", false},
		{"%zz", false},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			a, _, log := newApp(t, nil, Overrides{})
			err := a.OpenExternal(tt.url)
			if tt.ok {
				assert.NoError(t, err)
				assert.Empty(t, log.String())
			} else {
				assert.Error(t, err)
				assert.Contains(t, log.String(), "refused to open")
				assert.NotContains(t, log.String(), "passwd", "the log names the scheme, not the link")
			}
		})
	}
}

func TestEveryPageResponseCarriesTheSecurityPolicyOfTheCurrentWidget(t *testing.T) {
	_, hooks := New(t.TempDir(), Overrides{WidgetURL: "http://127.0.0.1:9"}, &bytes.Buffer{})
	require.NotNil(t, hooks.Assets)
	rec := httptest.NewRecorder()
	hooks.Assets(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(200) })).ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	policy := rec.Header().Get("Content-Security-Policy")
	assert.Contains(t, policy, "script-src 'self' http://127.0.0.1:9;")
	assert.Equal(t, "nosniff", rec.Header().Get("X-Content-Type-Options"))
}

func TestPolicyViolationsAreLoggedWithoutTheFullAddress(t *testing.T) {
	a, _, log := newApp(t, nil, Overrides{})
	a.ReportViolation("script-src-elem", "https://evil.example.com/steal?email=olena@example.com")
	a.ReportViolation("script-src-elem", "inline")
	assert.Equal(t, "jedidesk-desktop: content security policy blocked script-src-elem (https://evil.example.com)\n"+
		"jedidesk-desktop: content security policy blocked script-src-elem (inline)\n", log.String())
}

func TestNavigationsThePageStartsOnItsOwnAreOnlyLogged(t *testing.T) {
	a, _, log := newApp(t, nil, Overrides{})
	a.navigationBlocked(navguard.Blocked{URL: "https://evil.example.com/phish?u=olena"})
	a.navigationBlocked(navguard.Blocked{URL: "file:///etc/passwd", NewWindow: true})
	assert.Equal(t, "jedidesk-desktop: blocked the page's navigation to https://evil.example.com\n"+
		"jedidesk-desktop: refused to open a file: link from the page\n", log.String())
}
