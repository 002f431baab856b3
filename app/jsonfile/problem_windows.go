package jsonfile

import (
	"errors"
	"syscall"
)

// Windows' own codes (winerror.h); syscall.ENOSPC and EROFS are never returned there.
const (
	errorWriteProtect    = syscall.Errno(19)
	errorHandleDiskFull  = syscall.Errno(39)
	errorDiskFull        = syscall.Errno(112)
	errorDiskQuotaExceed = syscall.Errno(1295)
)

func diskFull(err error) bool {
	return errors.Is(err, errorDiskFull) || errors.Is(err, errorHandleDiskFull) || errors.Is(err, errorDiskQuotaExceed)
}

func readOnly(err error) bool { return errors.Is(err, errorWriteProtect) }
