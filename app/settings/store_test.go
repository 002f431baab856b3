package settings_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/jsonfile"
	"jedidesk-desktop/app/settings"
	"jedidesk-desktop/app/validation"
)

func newStore(t *testing.T) *settings.Store {
	t.Helper()
	return settings.NewStore(filepath.Join(t.TempDir(), "jedidesk-desktop", "settings.json"))
}

func TestStoreStartsEmptyWhenThereIsNoFile(t *testing.T) {
	s := newStore(t)
	require.NoError(t, s.Load())
	assert.Equal(t, settings.Settings{}, s.Current())
	assert.Equal(t, "settings.json", filepath.Base(s.Path()))
}

func TestStoreSaveNormalizesAndLoadsBack(t *testing.T) {
	s := newStore(t)

	saved, err := s.Save(settings.Settings{Token: "  abc.DEF-123_x \n", WidgetURL: " https://widget.example.com/ "})

	require.NoError(t, err)
	want := settings.Settings{Token: "abc.DEF-123_x", WidgetURL: "https://widget.example.com"}
	assert.Equal(t, want, saved)
	assert.Equal(t, want, s.Current())
	info, err := os.Stat(s.Path())
	require.NoError(t, err)
	assert.Equal(t, fs.FileMode(0o600), info.Mode().Perm(), "the token must not be readable by other users")

	data, err := os.ReadFile(s.Path())
	require.NoError(t, err)
	assert.Equal(t, "{\n  \"token\": \"abc.DEF-123_x\",\n  \"widget_url\": \"https://widget.example.com\"\n}\n", string(data))

	reloaded := settings.NewStore(s.Path())
	require.NoError(t, reloaded.Load())
	assert.Equal(t, want, reloaded.Current())
}

func TestStoreSavesEmptySettingsAsAnEmptyObject(t *testing.T) {
	s := newStore(t)
	_, err := s.Save(settings.Settings{})
	require.NoError(t, err)
	data, err := os.ReadFile(s.Path())
	require.NoError(t, err)
	assert.Equal(t, "{}\n", string(data))
}

func TestStoreInvalidSaveWritesNothing(t *testing.T) {
	s := newStore(t)
	old := settings.Settings{Token: "good"}
	_, err := s.Save(old)
	require.NoError(t, err)
	before, err := os.ReadFile(s.Path())
	require.NoError(t, err)

	_, err = s.Save(settings.Settings{Token: "bad token", WidgetURL: "file:///etc"})

	assert.Equal(t, []problem{{"token", validation.CodeInvalidCharacters}, {"widget_url", validation.CodeInvalidFormat}}, problems(t, err))
	after, err := os.ReadFile(s.Path())
	require.NoError(t, err)
	assert.Equal(t, before, after)
	assert.Equal(t, old, s.Current())
}

func TestStoreKeepsACorruptFileAsideAndStartsEmpty(t *testing.T) {
	tests := []struct {
		name    string
		content string
	}{
		{"not JSON", "token=abc"},
		{"unknown key", `{"token":"abc","proxy":"x"}`},
		{"invalid URL", `{"widget_url":"javascript:alert(1)"}`},
		{"invalid token", `{"token":"</script>"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t)
			require.NoError(t, os.MkdirAll(filepath.Dir(s.Path()), 0o700))
			require.NoError(t, os.WriteFile(s.Path(), []byte(tt.content), 0o600))

			err := s.Load()

			var corrupt *jsonfile.CorruptError
			require.ErrorAs(t, err, &corrupt)
			assert.Equal(t, settings.Settings{}, s.Current())
			assert.NoFileExists(t, s.Path())
			kept, readErr := os.ReadFile(corrupt.AsidePath)
			require.NoError(t, readErr)
			assert.Equal(t, tt.content, string(kept))
		})
	}
}

func TestStoreLoadNormalizesAHandEditedURL(t *testing.T) {
	s := newStore(t)
	require.NoError(t, os.MkdirAll(filepath.Dir(s.Path()), 0o700))
	require.NoError(t, os.WriteFile(s.Path(), []byte(`{"widget_url":"https://widget.example.com/"}`), 0o600))

	require.NoError(t, s.Load())
	assert.Equal(t, settings.Settings{WidgetURL: "https://widget.example.com"}, s.Current())
}

func TestStoreRefusesToSaveAfterTheFileCouldNotBeRead(t *testing.T) {
	s := newStore(t)
	// A directory where the file should be cannot be read, even by root.
	require.NoError(t, os.MkdirAll(s.Path(), 0o700))

	err := s.Load()
	require.Error(t, err)
	var corrupt *jsonfile.CorruptError
	assert.False(t, errors.As(err, &corrupt))
	assert.Equal(t, settings.Settings{}, s.Current())

	_, err = s.Save(settings.Settings{Token: "abc"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "could not be read")
	assert.DirExists(t, s.Path())
}

func TestStoreConcurrentSavesLeaveOneOfTheSavedSettings(t *testing.T) {
	s := newStore(t)
	const n = 20
	sent := make([]settings.Settings, n)
	for i := range sent {
		sent[i] = settings.Settings{Token: fmt.Sprintf("token-%d", i), WidgetURL: fmt.Sprintf("https://w%d.example.com", i)}
	}

	var wg sync.WaitGroup
	for _, st := range sent {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.Save(st)
			assert.NoError(t, err)
		}()
	}
	wg.Wait()

	data, err := os.ReadFile(s.Path())
	require.NoError(t, err)
	var onDisk settings.Settings
	require.NoError(t, json.Unmarshal(data, &onDisk))
	assert.Contains(t, sent, onDisk)
	assert.Equal(t, s.Current(), onDisk)
}
