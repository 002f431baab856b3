package jsonfile_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/jsonfile"
	"jedidesk-desktop/test/fsfault"
)

func TestASaveOnAFullOrReadOnlyDiskKeepsThePreviousFileAndWorksOnceThatIsFixed(t *testing.T) {
	for _, tt := range []struct {
		name  string
		spoil func(t *testing.T, dir string) (fix func())
		want  jsonfile.Problem
	}{
		{"the disk is full", func(t *testing.T, dir string) func() { return fsfault.Fill(t, dir) }, jsonfile.DiskFull},
		{"the folder turned read-only", func(t *testing.T, dir string) func() { return fsfault.ReadOnly(t, dir) }, jsonfile.ReadOnly},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "app")
			fsfault.Small(t, dir)
			s := jsonfile.NewStore(filepath.Join(dir, "f.json"), trimName, cloneSample)
			_, err := s.Save(sample{Name: "before"})
			require.NoError(t, err)
			before, err := os.ReadFile(s.Path())
			require.NoError(t, err)

			fix := tt.spoil(t, dir)
			_, err = s.Save(sample{Name: "after, with a name long enough to need space"})
			require.Error(t, err)
			assert.Equal(t, tt.want, jsonfile.ProblemOf(err), "%v", err)
			kept, readErr := os.ReadFile(s.Path())
			require.NoError(t, readErr)
			assert.Equal(t, before, kept, "the previous file is intact")
			assert.Equal(t, sample{Name: "before"}, s.Current())
			temps, _ := filepath.Glob(filepath.Join(dir, ".f.json.tmp-*"))
			assert.Empty(t, temps, "no temp file is left behind")

			fix()
			saved, err := s.Save(sample{Name: "after"})
			require.NoError(t, err, "the next save works")
			assert.Equal(t, sample{Name: "after"}, saved)
		})
	}
}

func TestProblemOfAnErrorNobodyCanFixIsUnknown(t *testing.T) {
	assert.Equal(t, jsonfile.Unknown, jsonfile.ProblemOf(os.ErrClosed))
}
