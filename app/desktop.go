package app

import (
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"jedidesk-desktop/app/autostart"
	"jedidesk-desktop/app/cli"
	"jedidesk-desktop/app/hotkey"
	"jedidesk-desktop/app/settings"
)

// ShortcutStatus tells the page what became of the global shortcut.
type ShortcutStatus struct {
	// Shortcut is the combination in its canonical form, or "off".
	Shortcut string `json:"shortcut"`
	// State is "active", "off", "taken" (another program holds it) or "unsupported" (e.g.
	// Wayland, where the desktop's own shortcut settings can run jedidesk-desktop --toggle).
	State   string `json:"state"`
	Message string `json:"message,omitempty"`
}

// desktop is the app's view of its window and its global shortcut; the native surfaces read
// and change them only through App's methods.
type desktop struct {
	mu       sync.Mutex
	visible  bool
	focused  bool
	listener hotkey.Listener
	bound    hotkey.Shortcut
	status   ShortcutStatus
	started  sync.Once
	// release gives memory back (releaseMemory) once the window has stayed hidden for
	// releaseAfter, and unloads the page (unloadPage) when the widget has nothing to wait for;
	// reloadPage brings it back (app/webmemory).
	release       *time.Timer
	releaseMemory func()
	releaseAfter  time.Duration
	unloadPage    func()
	reloadPage    func()
	// pageMu orders unloading and loading the page; under it, unloaded: the page is not
	// loaded, chatStarted: the widget's chat socket was ready since the page last loaded.
	pageMu      sync.Mutex
	unloaded    bool
	chatStarted bool
}

// ShowWindow shows and raises the window.
func (a *App) ShowWindow() {
	a.desk.mu.Lock()
	a.desk.visible = true
	if a.desk.release != nil {
		a.desk.release.Stop()
	}
	a.desk.mu.Unlock()
	a.loadPageIfUnloaded()
	a.page.show()
	a.refreshSurfaces(a.bridge.State())
}

// HideWindow hides the window; the chat keeps running in it.
func (a *App) HideWindow() {
	a.rememberWindow()
	a.desk.mu.Lock()
	a.desk.visible, a.desk.focused = false, false
	a.desk.mu.Unlock()
	a.page.hide()
	a.refreshSurfaces(a.bridge.State())
	a.releaseMemoryWhileHidden()
}

// releaseMemoryWhileHidden gives memory back if the window is still hidden a while from now:
// most of the day the app waits in the tray.
func (a *App) releaseMemoryWhileHidden() {
	a.desk.mu.Lock()
	defer a.desk.mu.Unlock()
	if a.desk.release != nil {
		a.desk.release.Stop()
	}
	a.desk.release = time.AfterFunc(a.desk.releaseAfter, a.releaseMemory)
}

// releaseMemory is what the app gives back once the window has stayed hidden.
func (a *App) releaseMemory() {
	if a.windowVisible() {
		return
	}
	a.desk.releaseMemory()
	a.desk.pageMu.Lock()
	defer a.desk.pageMu.Unlock()
	// Without a started chat the widget has no connection: no reply can come while
	// hidden, so nothing is lost until the user asks for the chat or a command needs it.
	// A window shown meanwhile loads the page again once this is done (pageMu).
	if a.windowVisible() || a.desk.chatStarted || a.desk.unloaded {
		return
	}
	fmt.Fprintln(a.log, "jedidesk-desktop: the chat is unloaded while hidden (no chat was started); it loads again when needed")
	// Commands from now on wait for the widget of the next load.
	a.bridge.PageAttached()
	a.desk.unloaded = true
	a.desk.unloadPage()
}

// loadPageIfUnloaded loads the page again if it was unloaded while hidden: the window is
// shown, or a command needs the widget.
func (a *App) loadPageIfUnloaded() {
	a.desk.pageMu.Lock()
	defer a.desk.pageMu.Unlock()
	if a.desk.unloaded {
		a.desk.unloaded = false
		fmt.Fprintln(a.log, "jedidesk-desktop: loading the chat again")
		a.desk.reloadPage()
	}
}

// chatSocketSeen notes whether the widget's chat was started since the page loaded.
func (a *App) chatSocketSeen(ready bool) {
	a.desk.pageMu.Lock()
	defer a.desk.pageMu.Unlock()
	a.desk.chatStarted = a.desk.chatStarted || ready
}

func (a *App) windowVisible() bool {
	a.desk.mu.Lock()
	defer a.desk.mu.Unlock()
	return a.desk.visible
}

func (a *App) windowFocused() bool {
	a.desk.mu.Lock()
	defer a.desk.mu.Unlock()
	return a.desk.visible && a.desk.focused
}

// PageFocus is called by the page when the window gains or loses the keyboard focus.
func (a *App) PageFocus(focused bool) {
	a.desk.mu.Lock()
	a.desk.focused = focused
	if focused {
		a.desk.visible = true
	}
	a.desk.mu.Unlock()
}

// ToggleFromDesktop is what the global shortcut and `--toggle` do: bring a hidden or
// background window forward with the chat open; in the window the user is looking at, open or
// close the chat.
func (a *App) ToggleFromDesktop() {
	a.desk.mu.Lock()
	inFront := a.desk.visible && a.desk.focused
	a.desk.mu.Unlock()
	if inFront {
		a.bridge.Toggle()
		return
	}
	a.ShowWindow()
	a.bridge.Open()
}

// Perform carries out a command-line action, from this launch or a later one.
func (a *App) Perform(action cli.Action) {
	switch action {
	case cli.ActionOpen:
		a.ShowWindow()
		a.bridge.Open()
	case cli.ActionClose:
		a.bridge.Close()
	case cli.ActionToggle:
		a.ToggleFromDesktop()
	case cli.ActionSendProfile:
		a.SendCustomerData()
	case cli.ActionShow, cli.ActionNone:
		a.ShowWindow()
	case cli.ActionQuit:
		a.Quit()
	}
}

// secondLaunch handles the command line of a later launch, forwarded by the single-instance
// lock. A plain second launch shows the window.
func (a *App) secondLaunch(args []string) {
	opts, err := cli.Parse(args, io.Discard)
	if err != nil {
		fmt.Fprintln(a.log, "jedidesk-desktop: ignored a second launch's command line:", err)
		return
	}
	a.Perform(opts.Action)
}

// startShortcut grabs the saved shortcut once the window exists. The first page load calls it;
// reloads do not grab again.
func (a *App) startShortcut() {
	a.desk.started.Do(func() {
		listener, err := hotkey.New(a.ToggleFromDesktop)
		if err != nil {
			a.setShortcutStatus(ShortcutStatus{Shortcut: a.settings.Current().EffectiveShortcut().String(), State: "unsupported", Message: err.Error()})
			return
		}
		a.desk.mu.Lock()
		a.desk.listener = listener
		a.desk.mu.Unlock()
		if err := a.bindShortcut(a.settings.Current().EffectiveShortcut()); err != nil {
			a.notice(Notice{Key: "notice.shortcutTaken", Args: map[string]string{"shortcut": a.settings.Current().EffectiveShortcut().String()}}, err)
		}
	})
}

// bindShortcut moves the grab to s (a zero s releases it) and reports the outcome.
func (a *App) bindShortcut(s hotkey.Shortcut) error {
	a.desk.mu.Lock()
	listener := a.desk.listener
	a.desk.mu.Unlock()
	if listener == nil {
		return nil // unsupported here; the status already says why
	}
	err := listener.Bind(s)
	status := ShortcutStatus{Shortcut: s.String(), State: "active"}
	switch {
	case err == nil && s.IsZero():
		status.State = "off"
	case errors.Is(err, hotkey.ErrTaken):
		status.State, status.Message = "taken", err.Error()
	case err != nil:
		status.State, status.Message = "unsupported", err.Error()
	}
	a.desk.mu.Lock()
	if err == nil {
		a.desk.bound = s
	}
	a.desk.mu.Unlock()
	a.setShortcutStatus(status)
	return err
}

func (a *App) setShortcutStatus(s ShortcutStatus) {
	a.desk.mu.Lock()
	a.desk.status = s
	a.desk.mu.Unlock()
	if s.State == "taken" || s.State == "unsupported" {
		fmt.Fprintln(a.log, "jedidesk-desktop: global shortcut:", s.Message)
	}
	a.page.emit(EventShortcut, s)
}

// ShortcutStatus is the global shortcut's current state.
func (a *App) ShortcutStatus() ShortcutStatus {
	a.desk.mu.Lock()
	defer a.desk.mu.Unlock()
	return a.desk.status
}

func (a *App) stopShortcut() {
	a.desk.mu.Lock()
	listener := a.desk.listener
	a.desk.listener = nil
	a.desk.mu.Unlock()
	if listener != nil {
		_ = listener.Close()
	}
}

// StartAtLogin says whether the app starts when the user logs in.
func (a *App) StartAtLogin() (bool, error) {
	on, err := autostart.Enabled()
	if err != nil {
		return false, fmt.Errorf("cannot tell whether the app starts at login: %w", err)
	}
	return on, nil
}

// SetStartAtLogin adds or removes the login entry (started with the window hidden).
func (a *App) SetStartAtLogin(on bool) error {
	change, verb := autostart.Disable, "stop"
	if on {
		change, verb = autostart.Enable, "start"
	}
	if err := change(); err != nil {
		err = fmt.Errorf("could not make the app %s at login: %w", verb, err)
		fmt.Fprintln(a.log, "jedidesk-desktop: refused:", err)
		return err
	}
	return nil
}

// WindowSize is the size to open the window at: the remembered one, or the default.
func (a *App) WindowSize(defaultWidth, defaultHeight int) (width, height int) {
	if w := a.settings.Current().Window; w != nil {
		return w.Width, w.Height
	}
	return defaultWidth, defaultHeight
}

// placeWindow puts the window where it was last time.
func (a *App) placeWindow() {
	if w := a.settings.Current().Window; w != nil {
		a.page.moveTo(w.X, w.Y)
	}
}

// rememberWindow saves the window's place and size for the next start.
func (a *App) rememberWindow() {
	x, y, width, height, ok := a.page.geometry()
	if !ok {
		return
	}
	s := a.settings.Current()
	w := &settings.Window{X: x, Y: y, Width: width, Height: height}
	if s.Window != nil && *s.Window == *w {
		return
	}
	s.Window = w
	if _, err := a.settings.Save(s); err != nil {
		fmt.Fprintln(a.log, "jedidesk-desktop: window size not remembered:", err)
	}
}
