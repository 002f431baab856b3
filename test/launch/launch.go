// Package launch starts the programs a test drives (the app, its second launch, a package's
// installed binary) the one way the e2e and packaging tests both need: in a process group of
// its own, its output collected while the test reads it, killed with everything it started when
// the test ends, its output in the test's log when the test failed.
package launch

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Root is the repository's folder, wherever the test runs from.
var Root = func() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}()

// Artifacts is where tests keep screenshots for a person to look at.
var Artifacts = filepath.Join(Root, "test-artifacts")

// Output collects a process's output while the test reads it.
type Output struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (o *Output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.Write(p)
}

func (o *Output) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.String()
}

// Process is a started program.
type Process struct {
	*exec.Cmd
	Out  *Output
	done chan struct{}
}

// Start runs name with env; the test's end kills it and anything it started.
func Start(t *testing.T, env []string, name string, args ...string) *Process {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = env
	p := &Process{Cmd: cmd, Out: &Output{}, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = p.Out, p.Out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	require.NoError(t, cmd.Start())
	go func() { _ = cmd.Wait(); close(p.done) }()
	t.Cleanup(func() {
		p.Kill()
		if t.Failed() {
			t.Logf("%s output:\n%s", filepath.Base(name), p.Out.String())
		}
	})
	return p
}

// Done is closed once the program has ended.
func (p *Process) Done() <-chan struct{} { return p.done }

// Kill ends the program and everything it started, and waits (a little) for it to end.
func (p *Process) Kill() {
	_ = syscall.Kill(-p.Process.Pid, syscall.SIGKILL)
	select {
	case <-p.done:
	case <-time.After(5 * time.Second):
	}
}

// WaitExit waits for the program to end by itself and returns its exit status.
func (p *Process) WaitExit(t *testing.T, timeout time.Duration) int {
	t.Helper()
	select {
	case <-p.done:
		return p.ProcessState.ExitCode()
	case <-time.After(timeout):
		t.Fatalf("%s did not exit within %s", filepath.Base(p.Path), timeout)
		return -1
	}
}

// Screenshot keeps a picture of one X window ("root": the whole screen) in Artifacts.
func Screenshot(t *testing.T, name, window string) string {
	t.Helper()
	require.NoError(t, os.MkdirAll(Artifacts, 0o755))
	path := filepath.Join(Artifacts, name+".png")
	out, err := exec.Command("import", "-window", window, path).CombinedOutput()
	require.NoError(t, err, "%s", out)
	return path
}
