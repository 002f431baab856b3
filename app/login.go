package app

import (
	"sync"

	"jedidesk-desktop/app/autostart"
)

// loginItem is this app's start-at-login entry and what was last read of it: the tray shows
// it on every refresh, which must not read the system's files each time.
type loginItem struct {
	entry autostart.App

	mu   sync.Mutex
	read bool
	on   bool
	err  error
}

// reread asks the system whether the entry is there, and remembers the answer.
func (l *loginItem) reread() (bool, error) {
	on, err := autostart.Enabled(l.entry)
	l.mu.Lock()
	l.read, l.on, l.err = true, on, err
	l.mu.Unlock()
	return on, err
}

// known is the last answer read, read now if there is none yet.
func (l *loginItem) known() (bool, error) {
	l.mu.Lock()
	read, on, err := l.read, l.on, l.err
	l.mu.Unlock()
	if !read {
		return l.reread()
	}
	return on, err
}

// set adds or removes the entry; what is remembered is what the system then says, whether or
// not the change worked.
func (l *loginItem) set(on bool) error {
	change := autostart.Disable
	if on {
		change = autostart.Enable
	}
	err := change(l.entry)
	_, _ = l.reread()
	return err
}
