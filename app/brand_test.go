package app

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/brand"
	"jedidesk-desktop/app/settings"
)

var acme = brand.Brand{ID: "com.acme.support", Name: "Acme Support", Token: "acme-tok", WidgetURL: "https://chat.acme.example", Language: "uk"}

func newBrandedApp(t *testing.T, b brand.Brand, files map[string]string, overrides Overrides) (*App, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), b.Command())
	require.NoError(t, os.MkdirAll(dir, 0o700))
	for name, content := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600))
	}
	a, _ := New(Setup{Brand: b, ConfigDir: dir}, overrides, &bytes.Buffer{})
	return a, dir
}

func TestABrandedAppOpensItsCompanysChatWithoutAnySettings(t *testing.T) {
	a, _ := newBrandedApp(t, acme, nil, Overrides{})
	assert.Equal(t, WidgetSource{Token: "acme-tok", WidgetURL: "https://chat.acme.example", Language: "uk", FrameURL: testFrameURL, Managed: true}, a.source())
	info := a.chat.PageReady()
	assert.False(t, info.FirstRun, "no welcome about a demo")
	assert.Equal(t, "acme-tok", info.Settings.Token, "the user sees the preset token in Settings")
	assert.Equal(t, "https://chat.acme.example", info.Settings.WidgetURL)
}

func TestABrandWithoutAWidgetAddressUsesJediDesksWidget(t *testing.T) {
	b := acme
	b.WidgetURL = ""
	a, _ := newBrandedApp(t, b, nil, Overrides{})
	assert.Equal(t, WidgetSource{Token: "acme-tok", WidgetURL: settings.DefaultWidgetURL, Language: "uk", FrameURL: testFrameURL, Managed: true}, a.source())
}

func TestTheBrandsWidgetGivesWayToTheUserAndTheCommandLine(t *testing.T) {
	tests := []struct {
		name      string
		settings  string
		overrides Overrides
		want      WidgetSource
	}{
		{"the user's own token", `{"token":"mine"}`, Overrides{}, WidgetSource{Token: "mine", WidgetURL: "https://chat.acme.example", Language: "uk", FrameURL: testFrameURL}},
		{"the command line's address", "", Overrides{WidgetURL: "http://127.0.0.1:9"}, WidgetSource{Token: "acme-tok", WidgetURL: "http://127.0.0.1:9", Language: "uk", FrameURL: testFrameURL, Managed: true}},
		{"the profile's language", "", Overrides{}, WidgetSource{Token: "acme-tok", WidgetURL: "https://chat.acme.example", Language: "ru", FrameURL: testFrameURL, Managed: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{}
			if tt.settings != "" {
				files["settings.json"] = tt.settings
			}
			if tt.want.Language == "ru" {
				files["profile.json"] = `{"language":"ru"}`
			}
			a, _ := newBrandedApp(t, acme, files, tt.overrides)
			assert.Equal(t, tt.want, a.source())
		})
	}
}

func TestTheBrandsNameIsInTheUIText(t *testing.T) {
	a, _ := newBrandedApp(t, acme, nil, Overrides{})
	info := a.chat.PageReady()
	assert.Equal(t, "uk", info.Language.Code, "the brand's language without a profile one")
	assert.Equal(t, "Acme Support", info.Language.Strings["app.title"])
	installed := func() (string, error) { return "/usr/bin/acme-support", nil }
	onPath := func(string) (string, error) { return "/usr/bin/acme-support", nil }
	assert.True(t, strings.HasSuffix(commandFor(a.brand.Command(), installed, onPath, "linux"), "acme-support --toggle"), "the command to bind is the brand's")
	assert.Equal(t, "Acme Support", a.surf.labels().Title)
}

func TestSavingTheSettingsAsShownKeepsFollowingTheBrand(t *testing.T) {
	a, dir := newBrandedApp(t, acme, nil, Overrides{})
	res, err := a.preferences.SaveSettings(a.settings.shown(), false)
	require.NoError(t, err)
	require.True(t, res.Saved)
	assert.Equal(t, "acme-tok", res.Settings.Token)
	data, err := os.ReadFile(filepath.Join(dir, "settings.json"))
	require.NoError(t, err)
	assert.Equal(t, "{}\n", string(data), "nothing of the brand's is copied into the user's file")
}

func TestABrandedPageShowsTheBrandsIconFromTheBinary(t *testing.T) {
	dir := t.TempDir()
	icon := []byte("\x89PNG brand icon")
	branded, hooks := New(Setup{Brand: acme, ConfigDir: dir, Icons: brand.Icons{Window: icon}}, Overrides{}, &bytes.Buffer{})
	assert.Equal(t, "/app-icon.png", branded.chat.PageReady().Icon)
	rec := httptest.NewRecorder()
	hooks.Assets(http.NotFoundHandler()).ServeHTTP(rec, httptest.NewRequest("GET", "wails://wails/app-icon.png", nil))
	assert.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, "image/png", rec.Header().Get("Content-Type"))
	assert.Equal(t, icon, rec.Body.Bytes())
	assert.NotEmpty(t, rec.Header().Get("Content-Security-Policy"))

	plain, hooks := New(Setup{Brand: brand.Default(), ConfigDir: dir}, Overrides{}, &bytes.Buffer{})
	assert.Empty(t, plain.chat.PageReady().Icon, "the plain page keeps its own logo")
	rec = httptest.NewRecorder()
	hooks.Assets(http.NotFoundHandler()).ServeHTTP(rec, httptest.NewRequest("GET", "wails://wails/app-icon.png", nil))
	assert.Equal(t, http.StatusNotFound, rec.Code)
}
