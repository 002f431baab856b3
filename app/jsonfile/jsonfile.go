// Package jsonfile reads and writes the app's small JSON files so that a crash
// never leaves a half-written file and a bad file is kept for the user instead
// of being silently overwritten.
package jsonfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"time"
)

// Validator is implemented by values that check themselves after decoding.
type Validator interface{ Validate() error }

// Write marshals v (2-space indent, trailing newline) and replaces path
// atomically: it creates the parent directory with mode 0700 if missing,
// writes a temp file with mode 0600 in the same directory, fsyncs it, renames
// it over path and fsyncs the directory. On failure the temp file is removed
// and the old file is untouched.
func Write(path string, v any) (err error) {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	data = append(data, '\n')

	dir := filepath.Dir(path)
	// 0700 because the files hold a personal profile and an API token.
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	// Same directory so the rename stays on one file system and is atomic;
	// CreateTemp uses mode 0600.
	tmp, err := os.CreateTemp(dir, tempPrefix(path)+"*")
	if err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close() // may already be closed; the write error is what matters
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	// Without fsync before rename, a power cut can leave an empty file under the final name.
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err = syncDir(dir); err != nil {
		return fmt.Errorf("save %s: the file was replaced but may not survive a power cut: %w", path, err)
	}
	return nil
}

// syncDir makes the rename itself durable.
func syncDir(dir string) error {
	// Windows cannot fsync a directory and makes renames durable by itself.
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	if err := d.Sync(); err != nil {
		_ = d.Close()
		return err
	}
	return d.Close()
}

// Decode decodes exactly one JSON value from data into v (a pointer), rejecting
// keys that v does not have and anything after the value, so that typos in a
// hand-edited file are reported instead of silently dropped. v may be partly
// filled when an error is returned.
func Decode(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return errors.New("it contains no JSON value")
		}
		return err
	}
	var extra json.RawMessage
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return errors.New("unexpected data after the JSON value")
	}
	return nil
}

// CorruptError reports a file that exists but could not be used and was moved
// aside so that the next save does not destroy what the user may want back.
type CorruptError struct {
	Path      string // the original path
	AsidePath string // where the bad file now is
	Err       error  // the decode or validation error
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("%s could not be used (%v); it was kept as %s and a new one will be written when you save", e.Path, e.Err, e.AsidePath)
}

func (e *CorruptError) Unwrap() error { return e.Err }

// Read decodes path strictly (see Decode) into v, a pointer, then calls
// v.Validate(). A missing file gives an error matching fs.ErrNotExist and an
// unreadable one a wrapped error; neither touches the file. A file that does
// not decode or validate is moved aside with SetAside and a *CorruptError is
// returned. v may be partly filled when an error is returned.
func Read(path string, v Validator) error {
	return read(path, v, v.Validate)
}

// read lets Store validate a value it can only reach through a closure, since
// a generic *T is not known to implement Validator.
func read(path string, v any, validate func() error) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	err = Decode(data, v)
	if invalid := (*json.InvalidUnmarshalError)(nil); errors.As(err, &invalid) {
		// A caller bug (v not a pointer) says nothing about the file: keep it in place.
		return fmt.Errorf("read %s: %w", path, err)
	}
	if err == nil {
		err = validate()
	}
	if err == nil {
		return nil
	}
	aside, asideErr := SetAside(path, time.Now())
	if asideErr != nil {
		return fmt.Errorf("read %s: %w; moving it aside failed: %w", path, err, asideErr)
	}
	return &CorruptError{Path: path, AsidePath: aside, Err: err}
}

// asideTimeFormat sorts by time and has no ':' so it is valid on Windows.
const asideTimeFormat = "20060102T150405Z"

// SetAside renames path to "<path>.corrupt-<UTC time>", adding "-1", "-2"…
// if that name is taken, and returns the new path. It never replaces an
// existing file.
func SetAside(path string, now time.Time) (string, error) {
	base := path + ".corrupt-" + now.UTC().Format(asideTimeFormat)
	for n := 0; ; n++ {
		aside := base
		if n > 0 {
			aside = fmt.Sprintf("%s-%d", base, n)
		}
		_, err := os.Lstat(aside)
		if err == nil {
			continue
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("set aside %s: %w", path, err)
		}
		// Between Lstat and Rename another process could take the name; only
		// this app writes these names, so that needs two copies of it failing
		// on the same file in the same second, which is accepted.
		if err := os.Rename(path, aside); err != nil {
			return "", fmt.Errorf("set aside %s: %w", path, err)
		}
		return aside, nil
	}
}

// removeStaleTemps deletes temp files that a Write killed mid-way (a crash, a power cut) left
// beside path. They were never renamed into place, so nothing in them is the user's data.
func removeStaleTemps(path string) {
	stale, _ := filepath.Glob(filepath.Join(filepath.Dir(path), tempPrefix(path)+"*"))
	for _, f := range stale {
		_ = os.Remove(f)
	}
}

func tempPrefix(path string) string { return "." + filepath.Base(path) + ".tmp-" }
