package jsonfile

import (
	"errors"
	"fmt"
	"io/fs"
	"sync"
)

// Store keeps one JSON file and its current value in memory, for the profile
// and settings packages. It is safe for concurrent use; loads and saves are
// serialized so the file and Current never disagree.
//
// After a Load that failed for a reason other than a missing or corrupt file
// (for example permissions), Save refuses: the file was never read, so writing
// would destroy data the user cannot see. A later successful Load lifts that.
type Store[T Validator] struct {
	path      string
	normalize func(T) T
	clone     func(T) T

	mu      sync.Mutex
	current T
	loadErr error
}

// NewStore returns a store for path holding the zero T until Load or Save.
// normalize is applied before validating on Save and after reading on Load.
// clone must return a copy sharing no memory with its argument, so callers of
// Current cannot change the stored value; nil means a plain copy is enough.
func NewStore[T Validator](path string, normalize, clone func(T) T) *Store[T] {
	if clone == nil {
		clone = func(v T) T { return v }
	}
	return &Store[T]{path: path, normalize: normalize, clone: clone}
}

// Path returns the file the store reads and writes.
func (s *Store[T]) Path() string { return s.path }

// Current returns a copy of the last loaded or saved value.
func (s *Store[T]) Current() T {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.clone(s.current)
}

// Load reads the file with Read. A missing file gives the zero T and no error.
// A corrupt or invalid file is moved aside, Current becomes the zero T and the
// *CorruptError is returned. Any other error is returned with Current the zero
// T, nothing touched, and Save refusing until a Load succeeds.
func (s *Store[T]) Load() error {
	s.mu.Lock()
	defer s.mu.Unlock()

	removeStaleTemps(s.path)
	var v T
	err := read(s.path, &v, func() error { return v.Validate() })
	var zero T
	var corrupt *CorruptError
	switch {
	case err == nil:
		s.current, s.loadErr = s.normalize(v), nil
		return nil
	case errors.As(err, &corrupt):
		// The bad file is out of the way, so saving a new one is safe.
		s.current, s.loadErr = zero, nil
		return err
	case errors.Is(err, fs.ErrNotExist):
		s.current, s.loadErr = zero, nil
		return nil
	default:
		s.current, s.loadErr = zero, err
		return err
	}
}

// Save normalizes and validates v; if that fails it returns the validation
// error and writes nothing. Otherwise it writes the file atomically, makes the
// value current and returns it.
func (s *Store[T]) Save(v T) (T, error) {
	var zero T
	v = s.normalize(v)
	if err := v.Validate(); err != nil {
		return zero, err
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if s.loadErr != nil {
		return zero, fmt.Errorf("not saving: the existing file %s could not be read, so it is left as it is; fix it and load again: %w", s.path, s.loadErr)
	}
	if err := Write(s.path, v); err != nil {
		return zero, err
	}
	s.current = s.clone(v)
	return v, nil
}
