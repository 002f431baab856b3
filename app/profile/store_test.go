package profile_test

import (
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
	"jedidesk-desktop/app/profile"
	"jedidesk-desktop/app/validation"
)

func newStore(t *testing.T) *profile.Store {
	t.Helper()
	return profile.NewStore(filepath.Join(t.TempDir(), "jedidesk-desktop", "profile.json"))
}

func TestStoreStartsEmptyWhenThereIsNoFile(t *testing.T) {
	s := newStore(t)
	require.NoError(t, s.Load())
	assert.True(t, s.Current().IsEmpty())
	assert.Equal(t, "profile.json", filepath.Base(s.Path()))
}

func TestStoreSaveAndLoadRoundTrip(t *testing.T) {
	s := newStore(t)
	input := profile.Profile{
		Name: "  Олена \"Lena\" </script> 🎉 ", Phone: "+38 (050) 123-45-67", Email: "olena@example.com",
		Note: "line\nline", Language: "uk", CustomFields: []profile.CustomField{{ID: 3, Value: " a\\b "}},
	}
	want := profile.Profile{
		Name: "Олена \"Lena\" </script> 🎉", Phone: "+380501234567", Email: "olena@example.com",
		Note: "line\nline", Language: "uk", CustomFields: []profile.CustomField{{ID: 3, Value: "a\\b"}},
	}

	saved, err := s.Save(input)

	require.NoError(t, err)
	assert.Equal(t, want, saved)
	assert.Equal(t, want, s.Current())
	info, err := os.Stat(s.Path())
	require.NoError(t, err)
	assert.Equal(t, fs.FileMode(0o600), info.Mode().Perm())

	reloaded := profile.NewStore(s.Path())
	require.NoError(t, reloaded.Load())
	assert.Equal(t, want, reloaded.Current())
}

func TestStoreCurrentIsADeepCopy(t *testing.T) {
	s := newStore(t)
	_, err := s.Save(profile.Profile{CustomFields: []profile.CustomField{{ID: 1, Value: "a"}}})
	require.NoError(t, err)

	s.Current().CustomFields[0].Value = "changed"

	assert.Equal(t, "a", s.Current().CustomFields[0].Value)
}

func TestStoreInvalidSaveWritesNothing(t *testing.T) {
	s := newStore(t)
	old := profile.Profile{Name: "Ann", Email: "ann@example.com"}
	_, err := s.Save(old)
	require.NoError(t, err)
	before, err := os.ReadFile(s.Path())
	require.NoError(t, err)

	_, err = s.Save(profile.Profile{Name: "Bob", Email: "bob@", Language: "xx"})

	assert.Equal(t, []problem{{"email", validation.CodeInvalidFormat}, {"language", validation.CodeInvalidChoice}}, problems(t, err))
	after, err := os.ReadFile(s.Path())
	require.NoError(t, err)
	assert.Equal(t, before, after)
	assert.Equal(t, old, s.Current())
}

func TestStoreInvalidFirstSaveCreatesNoFile(t *testing.T) {
	s := newStore(t)
	_, err := s.Save(profile.Profile{Phone: "1"})
	require.Error(t, err)
	assert.NoDirExists(t, filepath.Dir(s.Path()))
}

func TestStoreKeepsACorruptFileAsideAndStartsEmpty(t *testing.T) {
	tests := []struct {
		name    string
		content string
	}{
		{"not JSON", "{\"name\": \"Ann\""},
		{"unknown key", `{"name":"Ann","age":30}`},
		{"invalid value", `{"email":"not an email"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t)
			_, err := s.Save(profile.Profile{Name: "Ann"})
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(s.Path(), []byte(tt.content), 0o600))

			err = s.Load()

			var corrupt *jsonfile.CorruptError
			require.ErrorAs(t, err, &corrupt)
			assert.Equal(t, profile.Profile{}, s.Current())
			assert.NoFileExists(t, s.Path())
			kept, readErr := os.ReadFile(corrupt.AsidePath)
			require.NoError(t, readErr)
			assert.Equal(t, tt.content, string(kept))
		})
	}
}

func TestStoreRefusesToSaveAfterTheFileCouldNotBeRead(t *testing.T) {
	s := newStore(t)
	// A directory where the file should be cannot be read, even by root.
	require.NoError(t, os.MkdirAll(s.Path(), 0o700))

	err := s.Load()
	require.Error(t, err)
	var corrupt *jsonfile.CorruptError
	assert.False(t, errors.As(err, &corrupt))
	assert.Equal(t, profile.Profile{}, s.Current())

	_, err = s.Save(profile.Profile{Name: "Ann"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "could not be read")
	assert.DirExists(t, s.Path(), "the unreadable path must be left alone")
}

func TestStoreConcurrentSavesLeaveOneOfTheSavedProfiles(t *testing.T) {
	s := newStore(t)
	const n = 20
	sent := make([]profile.Profile, n)
	for i := range sent {
		sent[i] = profile.Profile{
			Name:         fmt.Sprintf("User %d", i),
			Email:        fmt.Sprintf("user%d@example.com", i),
			CustomFields: []profile.CustomField{{ID: i + 1, Value: fmt.Sprint(i)}},
		}
	}

	var wg sync.WaitGroup
	for _, p := range sent {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.Save(p)
			assert.NoError(t, err)
		}()
	}
	wg.Wait()

	reloaded := profile.NewStore(s.Path())
	require.NoError(t, reloaded.Load())
	assert.Contains(t, sent, reloaded.Current())
	assert.Equal(t, s.Current(), reloaded.Current(), "memory and file must agree")
	entries, err := os.ReadDir(filepath.Dir(s.Path()))
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temp files may be left behind")
}
