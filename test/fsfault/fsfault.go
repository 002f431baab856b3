//go:build linux

// Package fsfault gives a test a folder whose disk is full or which turns read-only, with real
// mounts, as a user's disk would be: a small tmpfs filled to the last byte, and a read-only
// bind mount. Mounting needs root (the tests run as root in CI); elsewhere the test is skipped.
package fsfault

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// Small mounts an empty 256 KiB tmpfs on dir (created if missing) until t ends.
func Small(t testing.TB, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=256k,mode=0700"); err != nil {
		t.Skipf("needs root to mount a small tmpfs: %v", err)
	}
	t.Cleanup(func() { unmount(t, dir) })
}

// Fill takes every free byte of the file system that holds dir and returns the function that
// gives the space back.
func Fill(t testing.TB, dir string) (free func()) {
	t.Helper()
	path := filepath.Join(dir, "filler")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// Whole pages, as tmpfs hands them out: the file ends on a page boundary and not a byte is
	// left for another file.
	page := bytes.Repeat([]byte{'x'}, os.Getpagesize())
	for err == nil {
		_, err = f.Write(page)
	}
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("filling %s: %v", dir, err)
	}
	return func() {
		if err := os.Remove(path); err != nil {
			t.Error(err)
		}
	}
}

// ReadOnly makes dir read-only (a bind mount of itself, remounted read-only) until t ends or
// the returned function makes it writable again.
func ReadOnly(t testing.TB, dir string) (writable func()) {
	t.Helper()
	if err := syscall.Mount(dir, dir, "", syscall.MS_BIND, ""); err != nil {
		t.Skipf("needs root for a read-only bind mount: %v", err)
	}
	t.Cleanup(func() { unmount(t, dir) })
	remount := func(flags uintptr) {
		if err := syscall.Mount("", dir, "", syscall.MS_REMOUNT|syscall.MS_BIND|flags, ""); err != nil {
			t.Fatalf("remount %s: %v", dir, err)
		}
	}
	remount(syscall.MS_RDONLY)
	return func() { remount(0) }
}

func unmount(t testing.TB, dir string) {
	// Detached, so a process the test started and still holds a file open in dir cannot keep
	// the mount.
	if err := syscall.Unmount(dir, syscall.MNT_DETACH); err != nil {
		t.Errorf("unmount %s: %v", dir, err)
	}
}
