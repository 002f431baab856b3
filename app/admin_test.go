package app

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/brand"
	"jedidesk-desktop/app/settings"
)

func newManagedApp(t *testing.T, b brand.Brand, admin, user string, overrides Overrides) (*App, string, *bytes.Buffer) {
	t.Helper()
	adminFile := filepath.Join(t.TempDir(), "settings.json")
	if admin != "" {
		require.NoError(t, os.WriteFile(adminFile, []byte(admin), 0o644))
	}
	dir := filepath.Join(t.TempDir(), b.Command())
	require.NoError(t, os.MkdirAll(dir, 0o700))
	if user != "" {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "settings.json"), []byte(user), 0o600))
	}
	var log bytes.Buffer
	a, _ := New(Setup{Brand: b, ConfigDir: dir, AdminFile: adminFile}, overrides, &log)
	return a, adminFile, &log
}

func TestALockedTokenIsTheAdministratorsWhateverTheUserOrCommandLineSay(t *testing.T) {
	a, adminFile, log := newManagedApp(t, acme, `{"token": "admin-tok", "locked": ["token"]}`, `{"token": "mine"}`, Overrides{Token: "cli-tok"})

	assert.Equal(t, "admin-tok", a.source().Token)
	info := a.chat.PageReady()
	assert.Equal(t, "admin-tok", info.Settings.Token)
	assert.Equal(t, []string{"token"}, info.Locked)
	assert.Equal(t, adminFile, info.Files["admin"], "Settings lists the administrator's file")
	assert.Contains(t, log.String(), "--token is ignored: your administrator set token")
}

func TestSaveSettingsRefusesAChangeToALockedSettingAndWritesNothing(t *testing.T) {
	a, _, _ := newManagedApp(t, acme, `{"token": "admin-tok", "locked": ["token"]}`, "", Overrides{})
	shown := a.settings.shown()

	asked := shown
	asked.Token = "another"
	res, err := a.preferences.SaveSettings(asked, false)

	require.NoError(t, err)
	assert.False(t, res.Saved)
	require.Len(t, res.Errors, 1)
	assert.Equal(t, "token", res.Errors[0].Field)
	assert.Equal(t, settings.CodeLocked, res.Errors[0].Code)
	assert.NoFileExists(t, a.settings.store.Path())

	shown.WidgetURL = "https://mine.example"
	res, err = a.preferences.SaveSettings(shown, false)
	require.NoError(t, err)
	assert.True(t, res.Saved, "an unlocked change beside the locked value as shown is saved")
	assert.Equal(t, WidgetSource{Token: "admin-tok", WidgetURL: "https://mine.example", Language: "uk", FrameURL: testFrameURL, Managed: true}, a.source())
}

func TestTheAdministratorsDefaultsSitBetweenTheBrandAndTheUser(t *testing.T) {
	admin := `{"widget_url": "https://corp.example", "notifications_off": true}`
	a, _, _ := newManagedApp(t, acme, admin, "", Overrides{})
	assert.Equal(t, WidgetSource{Token: "acme-tok", WidgetURL: "https://corp.example", Language: "uk", FrameURL: testFrameURL, Managed: true}, a.source())
	assert.False(t, a.settings.current().NotifiesReplies())

	b, _, _ := newManagedApp(t, acme, admin, `{"widget_url": "https://mine.example", "notifications_off": false}`, Overrides{})
	assert.Equal(t, "https://mine.example", b.source().WidgetURL)
	assert.True(t, b.settings.current().NotifiesReplies(), "the user's false beats the administrator's default")
}

func TestABrokenAdministratorsFileIsReportedAndIgnored(t *testing.T) {
	a, adminFile, log := newManagedApp(t, acme, `{"token": "admin-tok", "locked": ["tokne"]}`, "", Overrides{})

	assert.Equal(t, "acme-tok", a.source().Token, "nothing of the broken file applies")
	info := a.chat.PageReady()
	assert.Empty(t, info.Locked)
	require.Len(t, info.Notices, 1)
	assert.Equal(t, "notice.adminBroken", info.Notices[0].Key)
	assert.Contains(t, info.Notices[0].Args["error"], adminFile)
	assert.Contains(t, log.String(), `locked: "tokne" is no setting`)
}

func TestNoAdministratorsFileChangesNothing(t *testing.T) {
	a, _, log := newManagedApp(t, brand.Default(), "", "", Overrides{})
	info := a.chat.PageReady()
	assert.True(t, info.Widget.Demo)
	assert.Empty(t, info.Notices)
	assert.Empty(t, info.Locked)
	assert.NotContains(t, info.Files, "admin")
	assert.NotContains(t, log.String(), "administrator")
}
