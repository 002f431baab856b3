package app

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/brand"
	"jedidesk-desktop/app/profile"
	"jedidesk-desktop/app/settings"
	"jedidesk-desktop/test/fsfault"
)

func TestAFailedSaveNamesTheCauseInTheUILanguage(t *testing.T) {
	for _, tt := range []struct {
		name     string
		language string
		spoil    func(t *testing.T, dir string) (fix func())
		cause    error
		want     string
	}{
		{"a full disk, in English", "en", func(t *testing.T, dir string) func() { return fsfault.Fill(t, dir) }, syscall.ENOSPC,
			"the disk that holds {folder} is full. Free some space, then save again; what was saved before is unchanged."},
		{"a full disk, in Ukrainian", "uk", func(t *testing.T, dir string) func() { return fsfault.Fill(t, dir) }, syscall.ENOSPC,
			"диск, на якому {folder}, заповнений. Звільніть місце й збережіть ще раз; збережене раніше не змінилося."},
		{"a read-only folder, in Russian", "ru", func(t *testing.T, dir string) func() { return fsfault.ReadOnly(t, dir) }, syscall.EROFS,
			"папка {folder} доступна только для чтения. Сделайте её доступной для записи и сохраните ещё раз; сохранённое ранее не изменилось."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "jedidesk-desktop")
			fsfault.Small(t, dir)
			var log bytes.Buffer
			a, _ := New(Setup{Brand: brand.Default(), ConfigDir: dir}, Overrides{}, &log)
			a.settings.http = &http.Client{Transport: offline{}}
			_, err := a.preferences.SaveProfile(profile.Profile{Name: "Olena", Language: tt.language})
			require.NoError(t, err)
			want := strings.ReplaceAll(tt.want, "{folder}", dir)
			before, err := os.ReadFile(filepath.Join(dir, "profile.json"))
			require.NoError(t, err)

			fix := tt.spoil(t, dir)
			_, err = a.preferences.SaveProfile(profile.Profile{Name: "Olena Kovalenko", Language: tt.language})
			require.Error(t, err)
			assert.Equal(t, want, err.Error())
			assert.ErrorIs(t, err, tt.cause)
			assert.Contains(t, log.String(), "profile.json not saved")
			_, err = a.preferences.SaveSettings(settings.Settings{Token: "abc"}, false)
			require.Error(t, err)
			assert.Equal(t, want, err.Error(), "settings say the same")
			onDisk, readErr := os.ReadFile(filepath.Join(dir, "profile.json"))
			require.NoError(t, readErr)
			assert.Equal(t, before, onDisk, "the previous profile is intact")

			fix()
			res, err := a.preferences.SaveProfile(profile.Profile{Name: "Olena Kovalenko", Language: tt.language})
			require.NoError(t, err, "the next save works")
			assert.True(t, res.Saved)
		})
	}
}
