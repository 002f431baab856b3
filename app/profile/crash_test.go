package profile

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// versions are what the saver process writes, in turn.
func versions() []Profile {
	var out []Profile
	for i := 0; i < 5; i++ {
		out = append(out, Profile{
			Name: fmt.Sprintf("Version %d", i),
			// Large enough that a kill often lands in the middle of writing it.
			Note:         strings.Repeat(string(rune('a'+i)), 1900),
			CustomFields: []CustomField{{ID: i + 1, Value: fmt.Sprintf("v%d", i)}},
		})
	}
	return out
}

// TestHelperSaver is not a test: the crash test runs it in a child process that saves in a
// loop until it is killed.
func TestHelperSaver(t *testing.T) {
	path := os.Getenv("JEDIDESK_CRASH_SAVER")
	if path == "" {
		t.Skip("only runs as the crash test's child process")
	}
	store := NewStore(path)
	// Tells the parent the loop has begun, so its kill lands in a save, not in process start-up.
	fmt.Println("saving")
	for i := 0; ; i++ {
		if _, err := store.Save(versions()[i%len(versions())]); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
	}
}

func TestAKillAtAnyMomentOfASaveLeavesTheOldOrTheNewFile(t *testing.T) {
	kills := 200
	if testing.Short() {
		kills = 20
	}
	path := filepath.Join(t.TempDir(), "jedidesk-desktop", "profile.json")
	valid := map[string]bool{}
	for _, v := range versions() {
		require.NoError(t, v.Validate())
		data, err := json.Marshal(v)
		require.NoError(t, err)
		valid[string(data)] = true
	}
	// The "old file" every kill must leave intact, or replace whole.
	_, err := NewStore(path).Save(versions()[0])
	require.NoError(t, err)
	seen := map[string]bool{}
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	for i := 0; i < kills; i++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperSaver$")
		cmd.Env = append(os.Environ(), "JEDIDESK_CRASH_SAVER="+path)
		stdout, err := cmd.StdoutPipe()
		require.NoError(t, err)
		require.NoError(t, cmd.Start())
		// Under -race a child takes longer to start than any fixed sleep would allow for.
		_, err = bufio.NewReader(stdout).ReadString('\n')
		require.NoError(t, err, "the saver did not start")
		time.Sleep(time.Duration(rng.Intn(5000)) * time.Microsecond)
		require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
		_ = cmd.Wait()

		data, err := os.ReadFile(path)
		require.NoError(t, err, "kill %d left no profile", i)
		p, err := Decode(data)
		require.NoError(t, err, "kill %d left a torn file: %q", i, data)
		again, err := json.Marshal(p)
		require.NoError(t, err)
		require.True(t, valid[string(again)], "kill %d left a profile nobody saved: %s", i, again)
		seen[string(again)] = true
	}
	// Else every kill came before the saver wrote anything and nothing was tested.
	require.Greater(t, len(seen), 1, "the saver never replaced the first version")
	// Kills mid-write leave temp files; the next start clears them and keeps the profile.
	require.NoError(t, NewStore(path).Load())
	left, err := os.ReadDir(filepath.Dir(path))
	require.NoError(t, err)
	var names []string
	for _, e := range left {
		names = append(names, e.Name())
	}
	require.Equal(t, []string{"profile.json"}, names)
}
