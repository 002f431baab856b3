// Package hotkey gives the app one global keyboard shortcut: a key combination that reaches the
// app whichever program has the focus. Parse reads the user's spelling of it; New starts the
// system-specific listener that holds it.
package hotkey

import "errors"

var (
	// ErrTaken means another program already holds the shortcut; the user has to pick another
	// one or free it there.
	ErrTaken = errors.New("the shortcut is already taken by another program")

	// ErrUnsupported means this system lets no app hold a global shortcut. The command-line
	// actions (jedidesk-desktop --toggle) still work from the desktop's own shortcut settings.
	ErrUnsupported = errors.New("global shortcuts are not available")

	// ErrRefused means the desktop can hold a global shortcut for the app but did not: the
	// user cancelled its dialog, or it declined. Asking again may succeed.
	ErrRefused = errors.New("the desktop did not grant the global shortcut")
)

// Listener holds at most one global shortcut. New creates it with the function to call for
// each press, which runs on a goroutine of its own, never on the system's event loop, and once
// per press: holding the keys down does not repeat it.
type Listener interface {
	// Bind replaces the current shortcut; the zero Shortcut leaves none. The old one is released
	// first, so when the new one cannot be taken (errors.Is(err, ErrTaken)) there is none.
	Bind(s Shortcut) error
	// Close releases the shortcut for other programs and stops the listener. Presses noticed
	// before may still reach onPress, so onPress may itself call Close.
	Close() error
}

// DesktopAssigned is a Listener whose keys the desktop chooses, as the XDG GlobalShortcuts
// portal on Wayland does: Bind only proposes a shortcut, and the user may confirm other keys, or
// none, in the desktop's own dialog and change them later in its settings.
type DesktopAssigned interface {
	Listener
	// Trigger is the desktop's own description of the keys it assigned ("Ctrl+Alt+J"), "" when
	// it assigned none.
	Trigger() string
	// Changes delivers the new Trigger each time the user changes the keys in the desktop's
	// settings. Close closes it.
	Changes() <-chan string
}
