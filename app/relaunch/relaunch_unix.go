//go:build !windows

package relaunch

import (
	"errors"
	"syscall"
)

// detached puts the new process in a session of its own, so that nothing sent to the old
// one's group (a terminal's Ctrl+C, a session ending) reaches it.
func detached() *syscall.SysProcAttr { return &syscall.SysProcAttr{Setsid: true} }

// alive is true while pid exists: signal 0 checks without sending anything (EPERM: it exists
// but belongs to someone else).
func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
