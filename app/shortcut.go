package app

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"strings"
	"sync"

	"jedidesk-desktop/app/hotkey"
)

// globalShortcut is the app's global shortcut: the listener that holds it, the combination
// bound and what became of it, which the page shows.
type globalShortcut struct {
	app *App

	mu       sync.Mutex
	listener hotkey.Listener
	bound    hotkey.Shortcut
	status   ShortcutStatus
	started  sync.Once
	// stopped: the app is quitting; a listener that starts after that is closed at once.
	stopped bool
}

// ShortcutStatus tells the page what became of the global shortcut.
type ShortcutStatus struct {
	// Shortcut is the combination in its canonical form, or "off".
	Shortcut string `json:"shortcut"`
	// State is "active", "off", "taken" (another program holds it), "notbound" (the desktop's
	// portal did not grant it: its dialog was cancelled, or it declined) or "unsupported" (e.g. a
	// Wayland desktop without the portal).
	State   string `json:"state"`
	Message string `json:"message,omitempty"`
	// Desktop is true when the desktop holds the shortcut for the app and chose its keys (the
	// portal on Wayland); Trigger is then the desktop's own words for them, "" for none.
	Desktop bool   `json:"desktop,omitempty"`
	Trigger string `json:"trigger,omitempty"`
	// Command is what to bind in the desktop's own keyboard settings when the app cannot hold
	// the shortcut itself.
	Command string `json:"command,omitempty"`
}

// start grabs the saved shortcut once the window exists. The first page load calls it;
// reloads do not grab again.
func (g *globalShortcut) start() {
	g.started.Do(func() {
		want := g.app.settings.current().EffectiveShortcut()
		listener, err := hotkey.New(g.app.toggleFromDesktop)
		if err != nil {
			g.setStatus(ShortcutStatus{Shortcut: want.String(), State: "unsupported", Message: err.Error(), Command: g.toggleCommand()})
			return
		}
		g.mu.Lock()
		stopped := g.stopped
		if !stopped {
			g.listener = listener
		}
		g.mu.Unlock()
		if stopped {
			_ = listener.Close()
			return
		}
		if d, ok := listener.(hotkey.DesktopAssigned); ok {
			go g.followTrigger(d.Changes())
		}
		// A refusal has its own notice (bind).
		if err := g.bind(want); err != nil && !errors.Is(err, hotkey.ErrRefused) {
			g.app.notices.add(Notice{Key: "notice.shortcutTaken", Args: map[string]string{"shortcut": want.String()}}, err)
		}
	})
}

// bind moves the grab to s (a zero s releases it) and reports the outcome.
func (g *globalShortcut) bind(s hotkey.Shortcut) error {
	g.mu.Lock()
	listener := g.listener
	g.mu.Unlock()
	if listener == nil {
		return nil // unsupported here; the status already says why
	}
	err := listener.Bind(s)
	status := ShortcutStatus{Shortcut: s.String(), State: "active"}
	switch {
	case err == nil && s.IsZero():
		status.State = "off"
	case err == nil:
		if d, ok := listener.(hotkey.DesktopAssigned); ok {
			status.Desktop, status.Trigger = true, d.Trigger()
		}
	case errors.Is(err, hotkey.ErrTaken):
		status.State, status.Message = "taken", err.Error()
	case errors.Is(err, hotkey.ErrRefused):
		status.State, status.Message, status.Command = "notbound", err.Error(), g.toggleCommand()
	default:
		status.State, status.Message, status.Command = "unsupported", err.Error(), g.toggleCommand()
	}
	g.mu.Lock()
	stopped := g.stopped
	// A failed Bind has released the old shortcut too.
	g.bound = hotkey.Shortcut{}
	if err == nil {
		g.bound = s
	}
	g.mu.Unlock()
	if stopped {
		return err // quitting: a Bind that Close cut short is nothing to tell the user
	}
	if status.State == "notbound" {
		g.app.notices.addOnce(Notice{Key: "notice.shortcutNotBound", Args: map[string]string{"shortcut": s.String()}}, err)
	}
	g.setStatus(status)
	return err
}

// followTrigger shows the keys the user gives the shortcut in the desktop's own settings.
func (g *globalShortcut) followTrigger(changes <-chan string) {
	for trigger := range changes {
		g.mu.Lock()
		status := g.status
		held := status.State == "active" && status.Desktop
		if held {
			status.Trigger = trigger
			g.status = status
		}
		g.mu.Unlock()
		if held {
			g.app.page.emit(EventShortcut, status)
		}
	}
}

func (g *globalShortcut) setStatus(s ShortcutStatus) {
	g.mu.Lock()
	g.status = s
	g.mu.Unlock()
	if s.Message != "" {
		fmt.Fprintln(g.app.log, "jedidesk-desktop: global shortcut:", s.Message)
	}
	g.app.page.emit(EventShortcut, s)
}

// ShortcutStatus is the global shortcut's current state.
func (g *globalShortcut) current() ShortcutStatus {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.status
}

func (g *globalShortcut) stop() {
	g.mu.Lock()
	g.stopped = true
	listener := g.listener
	g.listener = nil
	g.mu.Unlock()
	if listener != nil {
		_ = listener.Close()
	}
}

// toggleCommand is the command line the desktop's own keyboard settings should run to toggle
// the chat: the bare name when that finds this very binary, else its full path, quoted.
func (g *globalShortcut) toggleCommand() string {
	return commandFor(g.app.brand.Command(), os.Executable, exec.LookPath, runtime.GOOS)
}

func commandFor(name string, executable func() (string, error), lookPath func(string) (string, error), goos string) string {
	const flag = " --toggle"
	self, err := executable()
	if err != nil {
		return name + flag
	}
	if found, err := lookPath(name); err == nil && sameFile(found, self) {
		return name + flag
	}
	switch {
	case shellSafe.MatchString(self):
		return self + flag
	case goos == "windows":
		return `"` + self + `"` + flag
	default:
		return "'" + strings.ReplaceAll(self, "'", `'\''`) + "'" + flag
	}
}

// shellSafe matches paths that every shell and desktop command field take as they are.
var shellSafe = regexp.MustCompile(`^[A-Za-z0-9_@%+=:,./-]+$`)

func sameFile(a, b string) bool {
	ia, errA := os.Stat(a)
	ib, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(ia, ib)
}

func (g *globalShortcut) boundNow() hotkey.Shortcut {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.bound
}
