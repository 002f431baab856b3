package settings_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/settings"
)

func writeAdmin(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "settings.json")
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	return path
}

func TestTheAdministratorsFileGivesDefaultsAndLocks(t *testing.T) {
	path := writeAdmin(t, `{"token": " admin-tok ", "widget_url": "https://chat.corp.example/", "shortcut": "alt+ctrl+k",
		"quit_on_close": false, "notifications_off": true, "keep_notifications": true, "locked": ["token", "widget_url", "keep_notifications"]}`)

	a, err := settings.LoadAdmin(path)

	require.NoError(t, err)
	assert.Equal(t, settings.Admin{
		Settings: settings.Settings{Token: "admin-tok", WidgetURL: "https://chat.corp.example", Shortcut: "Ctrl+Alt+K", QuitOnClose: off(), NotificationsOff: on(),
			KeepNotifications: on()},
		Locked: []string{"token", "widget_url", "keep_notifications"},
	}, a)
}

func TestTheAdministratorDecidesOverTheAppsOwnUpdates(t *testing.T) {
	tests := []struct{ given, want string }{
		{`{}`, settings.UpdatesOn},
		{`{"updates": "on"}`, settings.UpdatesOn},
		{`{"updates": "off"}`, settings.UpdatesOff},
		{`{"updates": "auto"}`, settings.UpdatesAuto},
	}
	for _, tt := range tests {
		t.Run(tt.given, func(t *testing.T) {
			a, err := settings.LoadAdmin(writeAdmin(t, tt.given))
			require.NoError(t, err)
			assert.Equal(t, tt.want, a.Updates)
		})
	}
}

func TestTheAdministratorCanSetAndLockTheProxy(t *testing.T) {
	path := writeAdmin(t, `{"proxy": " http://proxy.corp.example:3128 ", "proxy_bypass": ["Intranet.corp.example", " 10.0.0.0/8"],
		"locked": ["proxy", "proxy_bypass"]}`)

	a, err := settings.LoadAdmin(path)

	require.NoError(t, err)
	assert.Equal(t, settings.Admin{
		Settings: settings.Settings{Proxy: "http://proxy.corp.example:3128", ProxyBypass: []string{"intranet.corp.example", "10.0.0.0/8"}},
		Locked:   []string{"proxy", "proxy_bypass"},
	}, a)
	layers := settings.NewLayers(settings.Settings{}, a.Settings, a.Locked)
	effective := layers.Effective(settings.Settings{Proxy: "none", ProxyBypass: []string{"mine.example"}}, settings.Settings{})
	assert.Equal(t, "proxy.corp.example:3128", effective.ProxyConfig().Host(), "the user's file cannot undo a locked proxy")
	assert.Equal(t, []string{"intranet.corp.example", "10.0.0.0/8"}, effective.ProxyBypass)
	_, err = layers.ForUser(settings.Settings{Proxy: "none", ProxyBypass: effective.ProxyBypass}, settings.Settings{})
	assert.ErrorContains(t, err, "proxy is set by your administrator and cannot be changed here")
}

func TestNoAdministratorsFileIsNoAdministratorSettings(t *testing.T) {
	a, err := settings.LoadAdmin(filepath.Join(t.TempDir(), "settings.json"))
	require.NoError(t, err)
	assert.Equal(t, settings.Admin{}, a)
}

func TestABrokenAdministratorsFileIsAnErrorNamingTheFileAndField(t *testing.T) {
	tests := []struct {
		name, content, says string
	}{
		{"not JSON", `token=abc`, "not a JSON object of settings"},
		{"an array", `["token"]`, "not a JSON object of settings"},
		{"two objects", `{} {}`, "more than one JSON value"},
		{"an unknown key", `{"proxi": "x"}`, "proxi: unknown key; the keys are token, widget_url, shortcut, quit_on_close, notifications_off, keep_notifications, proxy, proxy_bypass, updates and locked"},
		{"updates neither on, off nor auto", `{"updates": "never"}`, `updates: "never" is not one of "on", "off" and "auto"`},
		{"the user's window", `{"window": {"x": 1}}`, "window: unknown key"},
		{"a bad token", `{"token": "</script>"}`, "token may only contain"},
		{"a bad address", `{"widget_url": "javascript:alert(1)"}`, "widget URL must be an http:// or https:// address"},
		{"a bad shortcut", `{"shortcut": "J"}`, "shortcut:"},
		{"a flag as a string", `{"notifications_off": "yes"}`, "notifications_off: must be a bool"},
		{"locked as a string", `{"locked": "token"}`, "locked: must be a []string"},
		{"an unknown locked key", `{"locked": ["token", "proxi"]}`, `locked: "proxi" is no setting; lock any of token, widget_url`},
		{"a proxy without its port", `{"proxy": "http://proxy.corp.example"}`, "proxy: give the proxy's port after its host"},
		{"a proxy of an unknown type", `{"proxy": "ftp://proxy.corp.example:21"}`, `proxy: "ftp://" is no proxy type`},
		{"a bypass that is a URL", `{"proxy_bypass": ["http://intranet"]}`, `proxy bypass: "http://intranet" is not a host name`},
		{"a bypass as a string", `{"proxy_bypass": "intranet"}`, "proxy_bypass: must be a []string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeAdmin(t, tt.content)
			a, err := settings.LoadAdmin(path)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "administrator settings "+path+": ")
			assert.Contains(t, err.Error(), tt.says)
			assert.Equal(t, settings.Admin{}, a, "nothing of a broken file applies")
		})
	}
}

func TestAnUnreadableAdministratorsFileIsAnError(t *testing.T) {
	// A folder where the file should be cannot be read, even by root.
	path := filepath.Join(t.TempDir(), "settings.json")
	require.NoError(t, os.Mkdir(path, 0o755))
	_, err := settings.LoadAdmin(path)
	assert.ErrorContains(t, err, "administrator settings "+path+" cannot be read")
}
