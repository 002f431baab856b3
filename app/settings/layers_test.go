package settings_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/settings"
	"jedidesk-desktop/app/validation"
)

func on() *bool  { v := true; return &v }
func off() *bool { v := false; return &v }

func TestEachLayerOverridesTheOnesBelowUnlessTheAdministratorLockedTheSetting(t *testing.T) {
	brand := settings.Settings{Token: "brand-tok", WidgetURL: "https://brand.example/"}
	admin := settings.Settings{Token: "admin-tok", Shortcut: "alt+ctrl+k", NotificationsOff: on()}
	user := settings.Settings{Token: "user-tok", WidgetURL: "https://user.example", Shortcut: "Ctrl+Alt+U", QuitOnClose: on(), NotificationsOff: off()}
	cli := settings.Settings{Token: "cli-tok", WidgetURL: "http://127.0.0.1:9"}
	tests := []struct {
		name                    string
		brand, admin, user, cli settings.Settings
		locked                  []string
		want                    settings.Settings
	}{
		{"nothing set is the built-in default", settings.Settings{}, settings.Settings{}, settings.Settings{}, settings.Settings{}, nil, settings.Settings{}},
		{"the brand presets the token and widget", brand, settings.Settings{}, settings.Settings{}, settings.Settings{}, nil,
			settings.Settings{Token: "brand-tok", WidgetURL: "https://brand.example"}},
		{"the administrator's defaults beat the brand", brand, admin, settings.Settings{}, settings.Settings{}, nil,
			settings.Settings{Token: "admin-tok", WidgetURL: "https://brand.example", Shortcut: "Ctrl+Alt+K", NotificationsOff: on()}},
		{"the user's file beats the administrator's defaults, a false flag too", brand, admin, user, settings.Settings{}, nil,
			settings.Settings{Token: "user-tok", WidgetURL: "https://user.example", Shortcut: "Ctrl+Alt+U", QuitOnClose: on(), NotificationsOff: off()}},
		{"the command line beats the user's file", brand, admin, user, cli, nil,
			settings.Settings{Token: "cli-tok", WidgetURL: "http://127.0.0.1:9", Shortcut: "Ctrl+Alt+U", QuitOnClose: on(), NotificationsOff: off()}},
		{"a locked setting is the administrator's over the user and the command line", brand, admin, user, cli,
			[]string{settings.KeyToken, settings.KeyNotificationsOff},
			settings.Settings{Token: "admin-tok", WidgetURL: "http://127.0.0.1:9", Shortcut: "Ctrl+Alt+U", QuitOnClose: on(), NotificationsOff: on()}},
		{"a locked setting the administrator gave no value keeps the brand's", brand, admin, user, cli,
			[]string{settings.KeyWidgetURL},
			settings.Settings{Token: "cli-tok", WidgetURL: "https://brand.example", Shortcut: "Ctrl+Alt+U", QuitOnClose: on(), NotificationsOff: off()}},
		{"a locked setting nobody set stays built in", settings.Settings{}, settings.Settings{}, user, settings.Settings{},
			[]string{settings.KeyShortcut, settings.KeyQuitOnClose},
			settings.Settings{Token: "user-tok", WidgetURL: "https://user.example", NotificationsOff: off()}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := settings.NewLayers(tt.brand, tt.admin, tt.locked)
			assert.Equal(t, tt.want, l.Effective(tt.user, tt.cli))
		})
	}
}

func TestTheWindowGeometryIsTheUsers(t *testing.T) {
	w := &settings.Window{X: 1, Y: 2, Width: 800, Height: 600}
	l := settings.NewLayers(settings.Settings{}, settings.Settings{}, settings.Keys)
	assert.Equal(t, w, l.Effective(settings.Settings{Window: w}, settings.Settings{}).Window)
}

func TestTheUsersFileKeepsOnlyWhatDiffersFromTheDefaults(t *testing.T) {
	l := settings.NewLayers(settings.Settings{Token: "brand-tok"}, settings.Settings{Shortcut: "Ctrl+Alt+K", NotificationsOff: on()}, nil)
	tests := []struct {
		name  string
		asked settings.Settings
		kept  settings.Settings
	}{
		{"the defaults as shown keep nothing", settings.Settings{Token: "brand-tok", Shortcut: "Ctrl+Alt+K", QuitOnClose: off(), NotificationsOff: on()}, settings.Settings{}},
		{"a default written differently is no change", settings.Settings{Token: " brand-tok ", Shortcut: "alt+ctrl+k"}, settings.Settings{}},
		{"an empty token follows the brand's", settings.Settings{Token: ""}, settings.Settings{}},
		{"a new token is kept", settings.Settings{Token: "mine", Shortcut: "Ctrl+Alt+K"}, settings.Settings{Token: "mine"}},
		{"notifications on against an administrator's off is kept as false", settings.Settings{NotificationsOff: off()}, settings.Settings{NotificationsOff: off()}},
		{"quitting on close is kept", settings.Settings{QuitOnClose: on(), NotificationsOff: on()}, settings.Settings{QuitOnClose: on()}},
		{"the window geometry is kept", settings.Settings{Window: &settings.Window{Width: 800, Height: 600}}, settings.Settings{Window: &settings.Window{Width: 800, Height: 600}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kept, err := l.ForUser(tt.asked, settings.Settings{Token: "old"})
			require.NoError(t, err)
			assert.Equal(t, tt.kept, kept)
		})
	}
}

func TestAChangeToALockedSettingIsRefusedAsAFieldError(t *testing.T) {
	l := settings.NewLayers(settings.Settings{Token: "brand-tok"}, settings.Settings{Token: "admin-tok", NotificationsOff: on()},
		[]string{settings.KeyToken, settings.KeyNotificationsOff, settings.KeyShortcut, settings.KeyKeepNotes})
	tests := []struct {
		name   string
		asked  settings.Settings
		fields []string
	}{
		{"another token", settings.Settings{Token: "mine", NotificationsOff: on()}, []string{"token"}},
		{"an empty token", settings.Settings{NotificationsOff: on()}, []string{"token"}},
		{"notifications back on", settings.Settings{Token: "admin-tok", NotificationsOff: off()}, []string{"notifications_off"}},
		{"a shortcut the administrator left at the default", settings.Settings{Token: "admin-tok", NotificationsOff: on(), Shortcut: "Ctrl+Alt+U"}, []string{"shortcut"}},
		{"notifications kept against the administrator's default", settings.Settings{Token: "admin-tok", NotificationsOff: on(), KeepNotifications: on()}, []string{"keep_notifications"}},
		{"every locked one at once", settings.Settings{Token: "x", Shortcut: "off", KeepNotifications: on()}, []string{"token", "shortcut", "notifications_off", "keep_notifications"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := l.ForUser(tt.asked, settings.Settings{})
			var errs validation.Errors
			require.ErrorAs(t, err, &errs)
			var fields []string
			for _, e := range errs {
				fields = append(fields, e.Field)
				assert.Equal(t, settings.CodeLocked, e.Code)
				assert.Contains(t, e.Message, "set by your administrator")
			}
			assert.Equal(t, tt.fields, fields)
		})
	}
	kept, err := l.ForUser(settings.Settings{Token: "admin-tok", NotificationsOff: on(), QuitOnClose: on()}, settings.Settings{Token: "mine", Shortcut: "Ctrl+Alt+U"})
	require.NoError(t, err, "the locked values as shown, with an unlocked change")
	assert.Equal(t, settings.Settings{Token: "mine", Shortcut: "Ctrl+Alt+U", QuitOnClose: on()}, kept,
		"the user's own values of locked settings stay in their file for when the lock goes")
}
