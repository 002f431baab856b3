package selfwatch

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// versions answers --version from a table keyed by the file's content.
type versions struct {
	mu      sync.Mutex
	answers map[string]string
}

func (v *versions) of(_ context.Context, path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if answer, ok := v.answers[string(data)]; ok {
		return answer, nil
	}
	return "", errors.New("does not answer")
}

func replace(t *testing.T, path, content string) {
	t.Helper()
	next := path + ".new"
	require.NoError(t, os.WriteFile(next, []byte(content), 0o755))
	require.NoError(t, os.Rename(next, path))
}

func watch(t *testing.T, v *versions) (string, <-chan string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "app")
	require.NoError(t, os.WriteFile(path, []byte("old"), 0o755))
	got := make(chan string, 4)
	w, err := start(path, 5*time.Millisecond, v.of, func(version string) { got <- version })
	require.NoError(t, err)
	t.Cleanup(w.Stop)
	return path, got
}

func next(t *testing.T, got <-chan string) string {
	t.Helper()
	select {
	case v := <-got:
		return v
	case <-time.After(5 * time.Second):
		t.Fatal("no change reported")
		return ""
	}
}

func TestAReplacedExecutableIsReportedWithItsVersion(t *testing.T) {
	v := &versions{answers: map[string]string{"old": "1.0.0", "new": "1.0.1", "newer": "1.0.2"}}
	path, got := watch(t, v)

	replace(t, path, "new")
	assert.Equal(t, "1.0.1", next(t, got))

	replace(t, path, "newer")
	assert.Equal(t, "1.0.2", next(t, got), "each later upgrade is reported too")
}

func TestAnUntouchedExecutableIsNeverReported(t *testing.T) {
	v := &versions{answers: map[string]string{"old": "1.0.0"}}
	_, got := watch(t, v)
	select {
	case version := <-got:
		t.Fatalf("reported %q", version)
	case <-time.After(100 * time.Millisecond):
	}
}

func TestAFileThatDoesNotAnswerYetIsAskedAgain(t *testing.T) {
	v := &versions{answers: map[string]string{"old": "1.0.0"}}
	path, got := watch(t, v)

	replace(t, path, "half")
	os.Remove(path)
	time.Sleep(30 * time.Millisecond)
	replace(t, path, "half")
	time.Sleep(30 * time.Millisecond)
	v.mu.Lock()
	v.answers["half"] = "2.0.0"
	v.mu.Unlock()

	assert.Equal(t, "2.0.0", next(t, got))
}

func TestTheVersionIsWhatTheExecutablePrints(t *testing.T) {
	path := filepath.Join(t.TempDir(), "app")
	require.NoError(t, os.WriteFile(path, []byte("#!/bin/sh\n[ \"$1\" = --version ] && echo 1.0.1\n"), 0o755))
	v, err := VersionOf(context.Background(), path)
	require.NoError(t, err)
	assert.Equal(t, "1.0.1", v)
}
