package settings_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/settings"
	"jedidesk-desktop/app/validation"
)

type problem struct{ Field, Code string }

func problems(t *testing.T, err error) []problem {
	t.Helper()
	var errs validation.Errors
	require.ErrorAs(t, err, &errs)
	out := make([]problem, len(errs))
	for i, e := range errs {
		out[i] = problem{e.Field, e.Code}
	}
	return out
}

func TestValidateToken(t *testing.T) {
	tests := []struct {
		name  string
		token string
		want  string // code, or "" for valid
	}{
		{"empty means not set", "", ""},
		{"single character", "a", ""},
		{"every allowed character", "AZaz09_.-", ""},
		{"typical token", "jd_live.8f3A-92kd", ""},
		{"128 characters", strings.Repeat("x", 128), ""},
		{"129 characters", strings.Repeat("x", 129), validation.CodeTooLong},
		{"space inside", "abc def", validation.CodeInvalidCharacters},
		{"surrounding space is not trimmed here", " abc", validation.CodeInvalidCharacters},
		{"quote that could break out of a script string", `abc"+alert(1)+"`, validation.CodeInvalidCharacters},
		{"script tag", "</script>", validation.CodeInvalidCharacters},
		{"slash", "a/b", validation.CodeInvalidCharacters},
		{"cyrillic letter", "токен", validation.CodeInvalidCharacters},
		{"non-ASCII digit", "١٢٣", validation.CodeInvalidCharacters},
		{"NUL", "a\x00", validation.CodeInvalidCharacters},
		{"too long and invalid reports the characters", strings.Repeat("!", 200), validation.CodeInvalidCharacters},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := settings.ValidateToken(tt.token)
			if tt.want == "" {
				assert.NoError(t, err)
				return
			}
			assert.Equal(t, []problem{{"token", tt.want}}, problems(t, err))
		})
	}
}

func TestValidateTokenMessageSaysWhichCharactersAreAllowed(t *testing.T) {
	err := settings.ValidateToken("a b")
	require.Error(t, err)
	assert.Equal(t, "token may only contain letters A-Z and a-z, digits 0-9, '_', '.' and '-'", err.Error())
}

func TestNormalizeWidgetURLAccepts(t *testing.T) {
	tests := []struct {
		name, raw, want string
	}{
		{"empty means default", "", ""},
		{"only white space means default", "  \t", ""},
		{"default", settings.DefaultWidgetURL, settings.DefaultWidgetURL},
		{"trailing slash removed", "https://widget.example.com/", "https://widget.example.com"},
		{"several trailing slashes removed", "https://widget.example.com//", "https://widget.example.com"},
		{"surrounding white space removed", "  https://widget.example.com \n", "https://widget.example.com"},
		{"plain http for a local test server", "http://localhost", "http://localhost"},
		{"IPv4 with port", "http://127.0.0.1:8080", "http://127.0.0.1:8080"},
		{"IPv6 with port", "http://[::1]:9000", "http://[::1]:9000"},
		{"path", "https://example.com/jedidesk/widget/", "https://example.com/jedidesk/widget"},
		{"upper-case scheme", "HTTPS://widget.example.com", "HTTPS://widget.example.com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := settings.NormalizeWidgetURL(tt.raw)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestNormalizeWidgetURLRejects(t *testing.T) {
	const general = "widget URL must be an http:// or https:// address, like https://widget.jedidesk.com"
	tests := []struct {
		name, raw, message string
	}{
		{"javascript scheme", "javascript:alert(1)", general},
		{"javascript scheme with slashes", "javascript://widget.example.com/%0Aalert(1)", general},
		{"file URL", "file:///etc/passwd", general},
		{"file URL with host", "file://host/share", general},
		{"ftp", "ftp://widget.example.com", general},
		{"data URL", "data:text/html,<script>alert(1)</script>", general},
		{"http without host", "http://", general},
		{"port without host", "http://:8080", general},
		{"no scheme", "widget.example.com", general},
		{"scheme-relative", "//widget.example.com", general},
		{"opaque http", "http:widget.example.com", general},
		{"space inside", "https://widget.example.com/a b", general},
		{"invalid port", "http://widget.example.com:abc", general},
		{"user and password", "https://user:pw@widget.example.com", "widget URL must not contain a user name or password"},
		{"user only", "https://user@widget.example.com", "widget URL must not contain a user name or password"},
		{"query", "https://widget.example.com/?token=abc", "widget URL must not contain a query (?…) or fragment (#…)"},
		{"empty query", "https://widget.example.com?", "widget URL must not contain a query (?…) or fragment (#…)"},
		{"fragment", "https://widget.example.com/#x", "widget URL must not contain a query (?…) or fragment (#…)"},
		{"empty fragment", "https://widget.example.com#", "widget URL must not contain a query (?…) or fragment (#…)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := settings.NormalizeWidgetURL(tt.raw)
			assert.Empty(t, got)
			assert.Equal(t, []problem{{"widget_url", validation.CodeInvalidFormat}}, problems(t, err))
			assert.Equal(t, tt.message, err.Error())
		})
	}
}

func TestValidateChecksBothFields(t *testing.T) {
	tests := []struct {
		name string
		s    settings.Settings
		want []problem
	}{
		{"empty settings", settings.Settings{}, nil},
		{"both set", settings.Settings{Token: "abc", WidgetURL: settings.DefaultWidgetURL}, nil},
		{"bad token", settings.Settings{Token: "a b", WidgetURL: settings.DefaultWidgetURL}, []problem{{"token", validation.CodeInvalidCharacters}}},
		{"bad URL", settings.Settings{Token: "abc", WidgetURL: "ftp://x"}, []problem{{"widget_url", validation.CodeInvalidFormat}}},
		{"both bad", settings.Settings{Token: strings.Repeat("a", 129), WidgetURL: "javascript:alert(1)"}, []problem{{"token", validation.CodeTooLong}, {"widget_url", validation.CodeInvalidFormat}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.s.Validate()
			if tt.want == nil {
				assert.NoError(t, err)
				return
			}
			assert.Equal(t, tt.want, problems(t, err))
		})
	}
}

func TestTheShortcutIsCheckedAndSavedInItsCanonicalForm(t *testing.T) {
	tests := []struct {
		raw, saved string
		effective  string
		ok         bool
	}{
		{"", "", "Ctrl+Alt+J", true},
		{"alt + ctrl + k", "Ctrl+Alt+K", "Ctrl+Alt+K", true},
		{"OFF", "off", "off", true},
		{"J", "", "", false},
		{"Ctrl+Nope", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			store := settings.NewStore(filepath.Join(t.TempDir(), "settings.json"))
			saved, err := store.Save(settings.Settings{Shortcut: tt.raw})
			if !tt.ok {
				var fields validation.Errors
				require.ErrorAs(t, err, &fields)
				assert.Equal(t, "shortcut", fields[0].Field)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.saved, saved.Shortcut)
			assert.Equal(t, tt.effective, saved.EffectiveShortcut().String())
		})
	}
}

func TestTheWindowGeometryIsKeptWithinSaneBounds(t *testing.T) {
	tests := []struct {
		window *settings.Window
		ok     bool
	}{
		{nil, true},
		{&settings.Window{X: 10, Y: 20, Width: 800, Height: 600}, true},
		{&settings.Window{X: -1920, Y: 0, Width: 420, Height: 640}, true},
		{&settings.Window{Width: 0, Height: 600}, false},
		{&settings.Window{Width: 800, Height: 99999}, false},
		{&settings.Window{X: 1 << 30, Width: 800, Height: 600}, false},
	}
	for _, tt := range tests {
		err := settings.Settings{Window: tt.window}.Validate()
		assert.Equal(t, tt.ok, err == nil, "%+v: %v", tt.window, err)
	}
}

func TestTheZoomLevelIsCheckedAndDefaultsTo100(t *testing.T) {
	for _, tt := range []struct {
		zoom, level int
		ok          bool
	}{
		{0, 100, true},
		{50, 50, true},
		{200, 200, true},
		{49, 49, false},
		{201, 201, false},
	} {
		s := settings.Settings{Zoom: tt.zoom}
		assert.Equal(t, tt.ok, s.Validate() == nil, "zoom %d", tt.zoom)
		assert.Equal(t, tt.level, s.ZoomLevel())
	}
}

func TestSavingTheFormKeepsWhatTheAppChangedByItself(t *testing.T) {
	current := settings.Settings{Token: "old", Window: &settings.Window{Width: 800, Height: 700}, Zoom: 125, AlwaysOnTop: true, SoundsOff: true}
	on := true
	form := settings.Settings{Token: "new", Shortcut: "off", QuitOnClose: &on}
	assert.Equal(t,
		settings.Settings{Token: "new", Shortcut: "off", QuitOnClose: &on, Window: &settings.Window{Width: 800, Height: 700}, Zoom: 125, AlwaysOnTop: true, SoundsOff: true},
		form.KeepingAppChoices(current))
}

func TestTheProxyIsCheckedAndSavedInItsPlainForm(t *testing.T) {
	tests := []struct {
		name        string
		proxy       string
		bypass      []string
		wantProxy   string
		wantBypass  []string
		wantProblem []problem
	}{
		{"system is the default, kept as empty", " System ", nil, "", nil, nil},
		{"none", "NONE", nil, "none", nil, nil},
		{"an address with a password", " http://me:pw@proxy.corp.example:3128 ", []string{" Intranet.example ", ""}, "http://me:pw@proxy.corp.example:3128", []string{"intranet.example"}, nil},
		{"a bad proxy and a bad bypass are both named", "proxy.corp.example", []string{"a b"}, "", nil,
			[]problem{{"proxy", validation.CodeInvalidFormat}, {"proxy_bypass", validation.CodeInvalidFormat}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := settings.NewStore(filepath.Join(t.TempDir(), "settings.json"))
			saved, err := store.Save(settings.Settings{Proxy: tt.proxy, ProxyBypass: tt.bypass})
			if tt.wantProblem != nil {
				assert.Equal(t, tt.wantProblem, problems(t, err))
				assert.Equal(t, settings.Settings{}, store.Current(), "nothing is saved")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.wantProxy, saved.Proxy)
			assert.Equal(t, tt.wantBypass, saved.ProxyBypass)
		})
	}
}
