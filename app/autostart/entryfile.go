//go:build !windows

package autostart

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Enable writes the login entry for the running executable, replacing any older one (a moved
// or updated app gets the right path back).
func Enable(app App) error {
	path, err := entryPath(app)
	if err != nil {
		return err
	}
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("turn on start at login: cannot tell where the app is installed: %w", err)
	}
	if err := writeAtomic(path, entry(app, exe)); err != nil {
		return fmt.Errorf("turn on start at login: cannot write %s (is the folder writable?): %w", path, err)
	}
	return nil
}

// Disable removes the login entry. It is not an error if there is none.
func Disable(app App) error {
	path, err := entryPath(app)
	if err != nil {
		return err
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("turn off start at login: cannot remove %s (is the folder writable?): %w", path, err)
	}
	return nil
}

// Enabled reports whether the login entry exists and the desktop has not been told to skip it.
func Enabled(app App) (bool, error) {
	path, err := entryPath(app)
	if err != nil {
		return false, err
	}
	content, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("check start at login: cannot read %s: %w", path, err)
	}
	return entryActive(content), nil
}

// writeAtomic replaces path with data so that a crash never leaves a half-written entry for the
// session manager to trip over. The entry is not private, so it is world-readable like the
// desktop's own.
func writeAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	// The config folder itself is private by convention; only the autostart folder inside it
	// is created readable.
	if err := os.MkdirAll(filepath.Dir(dir), 0o700); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tmp.Close() // may already be closed; the first error is the one to report
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	// CreateTemp makes the file 0600; the umask does not apply to Chmod.
	if err = tmp.Chmod(0o644); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
