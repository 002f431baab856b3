// Package relaunch restarts the app, for example from the newer executable a package manager
// put in its place. The old process starts the new one and then quits as a quit from the menu
// does (saving the window's place, the queue and the chat's state); the new one first waits
// until the old one has gone, so that the single-instance lock is free for it instead of
// forwarding its start to the process that is ending.
package relaunch

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"time"
)

// afterEnv names the process the new one waits for.
const afterEnv = "JEDIDESK_RELAUNCH_AFTER"

// MaxWait bounds the wait: a process that takes longer to quit is stuck, and the new one
// starts anyway (at worst it hands its start to the old one, as a second launch does).
const MaxWait = 15 * time.Second

// Start starts path with args, detached from this process, telling it to wait until this
// process has ended.
func Start(path string, args []string) error {
	cmd := exec.Command(path, args...)
	cmd.Env = append(os.Environ(), afterEnv+"="+strconv.Itoa(os.Getpid()))
	cmd.SysProcAttr = detached()
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("cannot start %s again: %w", path, err)
	}
	// Nobody waits for it: it outlives this process.
	return cmd.Process.Release()
}

// WaitForPrevious waits, when this process was started by Start, until the process that
// started it has ended (at most MaxWait). It reports whether it waited.
func WaitForPrevious() bool {
	raw, ok := os.LookupEnv(afterEnv)
	if !ok {
		return false
	}
	// The app's own later restarts set it anew; its children must not wait for it.
	os.Unsetenv(afterEnv)
	pid, err := strconv.Atoi(raw)
	if err != nil || pid <= 0 {
		return false
	}
	for deadline := time.Now().Add(MaxWait); time.Now().Before(deadline) && alive(pid); {
		time.Sleep(50 * time.Millisecond)
	}
	return true
}
