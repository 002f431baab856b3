package app

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/settings"
	"jedidesk-desktop/app/update"
)

func TestANewerVersionInstalledInPlaceIsOfferedForARestart(t *testing.T) {
	a, _, log := newApp(t, nil, Overrides{})
	a.updates.running = "1.0.0"

	a.updates.installed("1.0.0")
	assert.Nil(t, a.updates.current(), "the same version reinstalled: nothing new to restart into")

	a.updates.installed("1.0.1")
	assert.Equal(t, &Notice{Key: "notice.updated", Args: map[string]string{"version": "1.0.1"}}, a.updates.current())
	assert.Equal(t, a.updates.current(), a.chat.PageReady().Updated, "a page that loads later shows it too")
	assert.Contains(t, log.String(), "1.0.1 was installed in place of 1.0.0")
}

func TestADownloadedUpdateIsOfferedUnlessTheAdministratorInstallsItAtQuit(t *testing.T) {
	tests := []struct {
		name, updates string
		want          *Notice
	}{
		{"on", settings.UpdatesOn, &Notice{Key: "notice.updateReady", Args: map[string]string{"version": "1.0.1"}}},
		{"auto", settings.UpdatesAuto, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, _, _ := newApp(t, nil, Overrides{})
			a.settings.layers.Updates = tt.updates
			a.updates.downloaded(update.Download{Version: "1.0.1", Path: "/tmp/update.exe"})
			assert.Equal(t, tt.want, a.updates.current())
		})
	}
}

func TestAnUpdateNotWantedThisTimeIsNotLeftInTemp(t *testing.T) {
	a, _, _ := newApp(t, nil, Overrides{})
	download := filepath.Join(t.TempDir(), "update.exe")
	require.NoError(t, os.WriteFile(download, []byte("MZ"), 0o600))
	a.updates.downloaded(update.Download{Version: "1.0.1", Path: download})

	a.AfterQuit()

	assert.NoFileExists(t, download)
}
