package jsonfile

import (
	"errors"
	"io/fs"
)

// Problem is why a save failed, as far as the user can do something about it.
type Problem string

const (
	// DiskFull: no space (or quota) left on the disk that holds the file.
	DiskFull Problem = "diskFull"
	// ReadOnly: the folder is on a file system mounted read-only.
	ReadOnly Problem = "readOnly"
	// Denied: the user may not write in the folder.
	Denied Problem = "denied"
	// Unknown: anything else; the error itself is all there is to say.
	Unknown Problem = "unknown"
)

// ProblemOf tells which Problem made err, an error from Write or Store.Save.
func ProblemOf(err error) Problem {
	switch {
	case diskFull(err):
		return DiskFull
	case readOnly(err):
		return ReadOnly
	case errors.Is(err, fs.ErrPermission):
		return Denied
	}
	return Unknown
}
