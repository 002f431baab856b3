package filedrop

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, size int) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(strings.Repeat("x", size)), 0o600))
		return p
	}
	photo, report := write("photo.png", 3), write("report.txt", 5)
	big := write("big.bin", MaxBytes+1)
	folder := filepath.Join(dir, "folder")
	require.NoError(t, os.Mkdir(folder, 0o700))
	many := make([]string, MaxFiles+1)
	for i := range many {
		many[i] = photo
	}

	for _, tc := range []struct {
		name  string
		paths []string
		want  []File
		err   error
	}{
		{"the dropped files, named and typed by their names", []string{photo, report},
			[]File{{Name: "photo.png", Type: "image/png", Data: []byte("xxx")}, {Name: "report.txt", Type: "text/plain; charset=utf-8", Data: []byte("xxxxx")}}, nil},
		{"folders and vanished files are left out", []string{folder, filepath.Join(dir, "gone"), report},
			[]File{{Name: "report.txt", Type: "text/plain; charset=utf-8", Data: []byte("xxxxx")}}, nil},
		{"a file bigger than an attachment is refused", []string{report, big}, nil, ErrTooMuch},
		{"more files than an attachment takes are refused", many, nil, ErrTooMuch},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Read(tc.paths)
			assert.ErrorIs(t, err, tc.err)
			assert.Equal(t, tc.want, got)
		})
	}
}
