package app

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"sync"
	"time"

	"jedidesk-desktop/app/cli"
	"jedidesk-desktop/app/settings"
)

// desktop is the app's view of its window and its global shortcut; the native surfaces read
// and change them only through App's methods.
type desktop struct {
	mu      sync.Mutex
	visible bool
	focused bool
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
func (a *App) showWindow() {
	a.desk.mu.Lock()
	a.desk.visible = true
	if a.desk.release != nil {
		a.desk.release.Stop()
	}
	a.desk.mu.Unlock()
	a.loadPageIfUnloaded()
	a.page.show()
	a.surf.refresh(a.bridge.State())
}

// HideWindow hides the window; the chat keeps running in it.
func (a *App) hideWindow() {
	a.rememberWindow()
	a.desk.mu.Lock()
	a.desk.visible, a.desk.focused = false, false
	a.desk.mu.Unlock()
	a.page.hide()
	a.surf.refresh(a.bridge.State())
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

// ToggleFromDesktop is what the global shortcut and `--toggle` do: bring a hidden or
// background window forward with the chat open; in the window the user is looking at, open or
// close the chat.
func (a *App) toggleFromDesktop() {
	a.desk.mu.Lock()
	inFront := a.desk.visible && a.desk.focused
	a.desk.mu.Unlock()
	if inFront {
		a.bridge.Toggle()
		return
	}
	a.showWindow()
	a.bridge.Open()
}

// Perform carries out a command-line action, from this launch or a later one.
func (a *App) Perform(action cli.Action) {
	switch action {
	case cli.ActionOpen:
		a.showWindow()
		a.bridge.Open()
	case cli.ActionClose:
		a.bridge.Close()
	case cli.ActionToggle:
		a.toggleFromDesktop()
	case cli.ActionSendProfile:
		a.chat.SendCustomerData()
	case cli.ActionShow, cli.ActionNone:
		a.showWindow()
	case cli.ActionQuit:
		a.quit()
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

// noticeOnce is notice for a problem that asking again may repeat: the window shows it once.
func (a *App) noticeOnce(n Notice, cause error) {
	a.mu.Lock()
	shown := slices.ContainsFunc(a.notices, func(m Notice) bool { return m.Key == n.Key && maps.Equal(m.Args, n.Args) })
	a.mu.Unlock()
	if !shown {
		a.notice(n, cause)
	}
}

// WindowSize is the size to open the window at: the remembered one, or the default.
func (a *App) WindowSize(defaultWidth, defaultHeight int) (width, height int) {
	if w := a.settings.Current().Window; w != nil {
		return w.Width, w.Height
	}
	return defaultWidth, defaultHeight
}

// AlwaysOnTop says whether the window opens above the others.
func (a *App) AlwaysOnTop() bool { return a.shown().AlwaysOnTop }

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
	w := &settings.Window{X: x, Y: y, Width: width, Height: height}
	if old := a.settings.Current().Window; old != nil && *old == *w {
		return
	}
	if _, err := a.updateSettings(func(s *settings.Settings) { s.Window = w }); err != nil {
		fmt.Fprintln(a.log, "jedidesk-desktop: window size not remembered:", err)
	}
}
