package applog

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const name = "jedidesk-desktop.log"

func TestTheLogRotatesAndKeepsALimitedNumberOfFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state", "jedidesk-desktop")
	l, err := Open(dir, name, 100)
	require.NoError(t, err)
	for i := 0; i < 20; i++ {
		_, err := fmt.Fprintf(l, "line %02d: 0123456789012345678901234567890123456789\n", i)
		require.NoError(t, err)
	}
	require.NoError(t, l.Close())

	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
		info, err := e.Info()
		require.NoError(t, err)
		assert.LessOrEqual(t, info.Size(), int64(100), e.Name())
		assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), e.Name())
	}
	assert.Equal(t, []string{name, name + ".1", name + ".2", name + ".3"}, names)
	current, err := os.ReadFile(filepath.Join(dir, name))
	require.NoError(t, err)
	assert.True(t, strings.HasSuffix(string(current), "line 19: 0123456789012345678901234567890123456789\n"), "the newest line is in the current file, whole")
	dirInfo, err := os.Stat(dir)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o700), dirInfo.Mode().Perm())
}

func TestReopeningAppendsToTheExistingLog(t *testing.T) {
	dir := t.TempDir()
	for _, msg := range []string{"first\n", "second\n"} {
		l, err := Open(dir, name, MaxSize)
		require.NoError(t, err)
		_, err = l.Write([]byte(msg))
		require.NoError(t, err)
		require.NoError(t, l.Close())
	}
	data, err := os.ReadFile(filepath.Join(dir, name))
	require.NoError(t, err)
	assert.Equal(t, "first\nsecond\n", string(data))
}

func TestTheLogFolderFollowsXDGStateHome(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", "/tmp/state-here")
	dir, err := Dir("acme-support")
	require.NoError(t, err)
	assert.Equal(t, "/tmp/state-here/acme-support", dir)
}

func TestAnUnwritableLogFolderIsAnError(t *testing.T) {
	blocker := filepath.Join(t.TempDir(), "file")
	require.NoError(t, os.WriteFile(blocker, nil, 0o600))
	_, err := Open(filepath.Join(blocker, "logs"), name, MaxSize)
	assert.ErrorContains(t, err, "log folder")
}
