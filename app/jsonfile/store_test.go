package jsonfile_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/jsonfile"
	"jedidesk-desktop/app/validation"
)

func trimName(s sample) sample {
	s.Name = strings.TrimSpace(s.Name)
	return s
}

func cloneSample(s sample) sample {
	s.Tags = slices.Clone(s.Tags)
	return s
}

func newSampleStore(t *testing.T) *jsonfile.Store[sample] {
	t.Helper()
	return jsonfile.NewStore(filepath.Join(t.TempDir(), "app", "f.json"), trimName, cloneSample)
}

func TestStoreLoadOfMissingFileGivesZeroValue(t *testing.T) {
	s := newSampleStore(t)

	require.NoError(t, s.Load())
	assert.Equal(t, sample{}, s.Current())
	assert.NoDirExists(t, filepath.Dir(s.Path()), "loading must not create anything")
}

func TestStoreSaveNormalizesWritesAndLoadsBack(t *testing.T) {
	s := newSampleStore(t)

	saved, err := s.Save(sample{Name: "  Ann  ", Count: 2, Tags: []string{"x"}})

	require.NoError(t, err)
	want := sample{Name: "Ann", Count: 2, Tags: []string{"x"}}
	assert.Equal(t, want, saved)
	assert.Equal(t, want, s.Current())
	assert.Equal(t, fs.FileMode(0o600), mode(t, s.Path()))

	reloaded := jsonfile.NewStore(s.Path(), trimName, cloneSample)
	require.NoError(t, reloaded.Load())
	assert.Equal(t, want, reloaded.Current())
}

func TestStoreLoadNormalizesAHandEditedFile(t *testing.T) {
	s := newSampleStore(t)
	require.NoError(t, os.MkdirAll(filepath.Dir(s.Path()), 0o700))
	require.NoError(t, os.WriteFile(s.Path(), []byte(`{"name":"  Ann "}`), 0o600))

	require.NoError(t, s.Load())
	assert.Equal(t, sample{Name: "Ann"}, s.Current())
}

func TestStoreCurrentCannotBeChangedThroughTheReturnedValue(t *testing.T) {
	s := newSampleStore(t)
	input := sample{Tags: []string{"a"}}
	saved, err := s.Save(input)
	require.NoError(t, err)

	s.Current().Tags[0] = "changed via Current"
	saved.Tags[0] = "changed via Save result"
	input.Tags[0] = "changed via input"

	assert.Equal(t, []string{"a"}, s.Current().Tags)
}

func TestStoreInvalidSaveWritesNothing(t *testing.T) {
	s := newSampleStore(t)
	_, err := s.Save(sample{Name: "old", Count: 1})
	require.NoError(t, err)
	before, err := os.ReadFile(s.Path())
	require.NoError(t, err)

	_, err = s.Save(sample{Name: "new", Count: -1})

	var verrs validation.Errors
	require.ErrorAs(t, err, &verrs)
	assert.Equal(t, "count", verrs[0].Field)
	after, err := os.ReadFile(s.Path())
	require.NoError(t, err)
	assert.Equal(t, before, after)
	assert.Equal(t, sample{Name: "old", Count: 1}, s.Current())
}

func TestStoreCorruptFileIsKeptAsideAndSavingWorksAfterwards(t *testing.T) {
	s := newSampleStore(t)
	_, err := s.Save(sample{Name: "before"})
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(s.Path(), []byte("{broken"), 0o600))

	err = s.Load()

	var corrupt *jsonfile.CorruptError
	require.ErrorAs(t, err, &corrupt)
	assert.Equal(t, sample{}, s.Current())
	kept, readErr := os.ReadFile(corrupt.AsidePath)
	require.NoError(t, readErr)
	assert.Equal(t, "{broken", string(kept))

	_, err = s.Save(sample{Name: "after"})
	require.NoError(t, err)
	assert.FileExists(t, corrupt.AsidePath, "saving must not remove the kept file")
}

func TestStoreRefusesToSaveOverAFileItCouldNotRead(t *testing.T) {
	s := newSampleStore(t)
	_, err := s.Save(sample{Name: "before"})
	require.NoError(t, err)
	// A directory at the path is unreadable as a file even for root.
	require.NoError(t, os.Remove(s.Path()))
	require.NoError(t, os.Mkdir(s.Path(), 0o700))

	require.Error(t, s.Load())
	assert.Equal(t, sample{}, s.Current())

	_, err = s.Save(sample{Name: "new"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "could not be read")
	assert.Contains(t, err.Error(), s.Path())
	assert.DirExists(t, s.Path())
	assert.Equal(t, sample{}, s.Current())

	// Once the problem is fixed, a successful Load lifts the refusal.
	require.NoError(t, os.Remove(s.Path()))
	require.NoError(t, s.Load())
	_, err = s.Save(sample{Name: "new"})
	require.NoError(t, err)
}

func TestStoreConcurrentSavesLeaveOneOfTheSavedValues(t *testing.T) {
	s := newSampleStore(t)
	const n = 20
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.Save(sample{Name: fmt.Sprintf("writer %d", i), Count: i, Tags: []string{"t"}})
			assert.NoError(t, err)
			_ = s.Current()
		}()
	}
	wg.Wait()

	var onDisk sample
	require.NoError(t, jsonfile.Read(s.Path(), &onDisk))
	assert.Equal(t, s.Current(), onDisk, "the file and Current must agree")
	assert.Equal(t, fmt.Sprintf("writer %d", onDisk.Count), onDisk.Name)
	assert.Equal(t, []string{"f.json"}, names(t, filepath.Dir(s.Path())), "no temp files left")
}

func TestStoreWithoutCloneCopiesByValue(t *testing.T) {
	s := jsonfile.NewStore(filepath.Join(t.TempDir(), "f.json"), trimName, nil)

	saved, err := s.Save(sample{Name: " a "})

	require.NoError(t, err)
	assert.Equal(t, sample{Name: "a"}, saved)
	assert.Equal(t, sample{Name: "a"}, s.Current())
}

func TestStoreRefusesToSaveOverACorruptFileItCouldNotMoveAside(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores directory permissions")
	}
	s := newSampleStore(t)
	dir := filepath.Dir(s.Path())
	require.NoError(t, os.MkdirAll(dir, 0o700))
	require.NoError(t, os.WriteFile(s.Path(), []byte("garbage"), 0o600))
	require.NoError(t, os.Chmod(dir, 0o500))
	t.Cleanup(func() { _ = os.Chmod(dir, 0o700) })
	require.Error(t, s.Load())
	require.NoError(t, os.Chmod(dir, 0o700))

	_, err := s.Save(sample{Name: "new"})

	require.Error(t, err)
	kept, readErr := os.ReadFile(s.Path())
	require.NoError(t, readErr)
	assert.Equal(t, "garbage", string(kept))
}
