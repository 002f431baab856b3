// Package selfwatch notices when the app's own executable is replaced under it, as a package
// manager does on an upgrade (dpkg and rpm write the new file beside the old one and rename it
// over), so the app can tell the user the update is there and needs a restart.
//
// It polls the file's identity (device and inode, size, modification time) rather than
// subscribing to file events: one stat every few seconds costs nothing, needs no dependency,
// and sees a replacement however it was made.
package selfwatch

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// VersionOf asks an executable for its version: `path --version`, which prints it alone.
func VersionOf(ctx context.Context, path string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, path, "--version").Output()
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// Watcher watches one executable.
type Watcher struct {
	path    string
	every   time.Duration
	version func(ctx context.Context, path string) (string, error)
	changed func(version string)

	cancel context.CancelFunc
	done   sync.WaitGroup
}

// Start watches path, which must be the file the process was started from (os.Executable at
// start: later, /proc/self/exe names the deleted old file). Each time a different file
// appears there and answers --version, changed gets that version, on the watcher's goroutine.
// A file that does not answer yet (still being written, or broken) is asked again at the next
// look.
func Start(path string, every time.Duration, changed func(version string)) (*Watcher, error) {
	return start(path, every, VersionOf, changed)
}

func start(path string, every time.Duration, version func(context.Context, string) (string, error), changed func(string)) (*Watcher, error) {
	first, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	w := &Watcher{path: path, every: every, version: version, changed: changed, cancel: cancel}
	w.done.Add(1)
	go w.watch(ctx, first)
	return w, nil
}

func (w *Watcher) watch(ctx context.Context, seen os.FileInfo) {
	defer w.done.Done()
	tick := time.NewTicker(w.every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		now, err := os.Stat(w.path)
		// Missing for now: between a removal and a new file, or the app was uninstalled.
		if err != nil || sameFile(seen, now) {
			continue
		}
		v, err := w.version(ctx, w.path)
		if err != nil || v == "" {
			continue
		}
		seen = now
		w.changed(v)
	}
}

// sameFile is true while path still holds the file that was there: an in-place rewrite keeps
// the inode, so its size and time count too.
func sameFile(a, b os.FileInfo) bool {
	return os.SameFile(a, b) && a.Size() == b.Size() && a.ModTime().Equal(b.ModTime())
}

// Stop ends the watch and waits for a --version still running.
func (w *Watcher) Stop() {
	w.cancel()
	w.done.Wait()
}
