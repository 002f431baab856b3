// Package applog keeps the app's log in a file that rotates, so a user can send it to support
// and it never grows without bound. What goes in is the app's business: callers write no
// personal data (no profile values, no message text).
package applog

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// Defaults: at most MaxSize bytes in the current file and Keep older files.
const (
	MaxSize = 1 << 20
	Keep    = 3
)

// File is an io.Writer appending to dir/name, rotating it to name.1 … name.Keep when full.
type File struct {
	path    string
	maxSize int64

	mu   sync.Mutex
	f    *os.File
	size int64
}

// Open opens (creating 0700 dir and a 0600 file as needed) the log called name in dir.
func Open(dir, name string, maxSize int64) (*File, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("log folder %s: %w", dir, err)
	}
	l := &File{path: filepath.Join(dir, name), maxSize: maxSize}
	if err := l.open(); err != nil {
		return nil, err
	}
	return l, nil
}

func (l *File) open() error {
	f, err := os.OpenFile(l.path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("log file: %w", err)
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return fmt.Errorf("log file: %w", err)
	}
	l.f, l.size = f, info.Size()
	return nil
}

// Path is the current log file.
func (l *File) Path() string { return l.path }

// Write appends p, rotating first when p would overflow the file. A line is never split.
func (l *File) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return 0, os.ErrClosed
	}
	if l.size > 0 && l.size+int64(len(p)) > l.maxSize {
		if err := l.rotate(); err != nil {
			return 0, err
		}
	}
	n, err := l.f.Write(p)
	l.size += int64(n)
	return n, err
}

func (l *File) rotate() error {
	l.f.Close()
	l.f = nil
	for i := Keep - 1; i >= 1; i-- {
		_ = os.Rename(fmt.Sprintf("%s.%d", l.path, i), fmt.Sprintf("%s.%d", l.path, i+1))
	}
	if err := os.Rename(l.path, l.path+".1"); err != nil {
		return fmt.Errorf("rotating the log: %w", err)
	}
	return l.open()
}

// Close closes the file.
func (l *File) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return nil
	}
	err := l.f.Close()
	l.f = nil
	return err
}
