package relaunch

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestANewProcessWaitsUntilTheOneThatStartedItHasEnded(t *testing.T) {
	old := exec.Command("sleep", "0.5")
	require.NoError(t, old.Start())
	go func() { _ = old.Wait() }()
	t.Setenv(afterEnv, strconv.Itoa(old.Process.Pid))

	began := time.Now()
	assert.True(t, WaitForPrevious())
	assert.GreaterOrEqual(t, time.Since(began), 300*time.Millisecond, "waited for the old process")
	assert.Less(t, time.Since(began), MaxWait)
	_, set := os.LookupEnv(afterEnv)
	assert.False(t, set, "the app's own children do not wait for it")
}

func TestAProcessStartedAnyOtherWayDoesNotWait(t *testing.T) {
	os.Unsetenv(afterEnv)
	assert.False(t, WaitForPrevious())
}

func TestTheRelaunchedProcessGetsTheArgsAndThePidToWaitFor(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	script := filepath.Join(dir, "app")
	require.NoError(t, os.WriteFile(script, []byte("#!/bin/sh\necho \"$*|$"+afterEnv+"\" > "+out+"\n"), 0o755))

	require.NoError(t, Start(script, []string{"--hidden", "--token", "t"}))

	require.Eventually(t, func() bool {
		data, err := os.ReadFile(out)
		return err == nil && strings.TrimSpace(string(data)) == "--hidden --token t|"+strconv.Itoa(os.Getpid())
	}, 5*time.Second, 20*time.Millisecond)
}
