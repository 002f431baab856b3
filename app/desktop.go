package app

import (
	"fmt"
	"sync"
	"time"

	"jedidesk-desktop/app/settings"
)

// desktop is the app's window: whether it is shown and focused, and the page it holds, which
// is unloaded to give memory back while the window stays hidden.
type desktop struct {
	app *App

	mu      sync.Mutex
	visible bool
	focused bool
	// urgent: the window is marked as wanting attention (setUrgent), until it is focused.
	urgent    bool
	setUrgent func(bool)
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

// show shows and raises the window.
func (d *desktop) show() {
	d.mu.Lock()
	d.visible = true
	if d.release != nil {
		d.release.Stop()
	}
	d.mu.Unlock()
	// The window first: a page unloaded in the tray takes a moment to come back, and the
	// window should answer the user at once.
	d.app.page.show()
	d.loadIfUnloaded()
	d.app.surf.refresh(d.app.bridge.State())
}

// hide hides the window; the chat keeps running in it.
func (d *desktop) hide() {
	d.remember()
	d.mu.Lock()
	d.visible, d.focused = false, false
	d.mu.Unlock()
	d.app.page.hide()
	d.app.surf.refresh(d.app.bridge.State())
	d.releaseWhileHidden()
}

// releaseWhileHidden gives memory back if the window is still hidden a while from now:
// most of the day the app waits in the tray.
func (d *desktop) releaseWhileHidden() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.release != nil {
		d.release.Stop()
	}
	d.release = time.AfterFunc(d.releaseAfter, d.releaseIfHidden)
}

// releaseIfHidden is what the app gives back once the window has stayed hidden.
func (d *desktop) releaseIfHidden() {
	if d.isVisible() {
		return
	}
	d.releaseMemory()
	d.pageMu.Lock()
	defer d.pageMu.Unlock()
	// Without a started chat the widget has no connection: no reply can come while
	// hidden, so nothing is lost until the user asks for the chat or a command needs it.
	// A window shown meanwhile loads the page again once this is done (pageMu).
	if d.isVisible() || d.chatStarted || d.unloaded {
		return
	}
	fmt.Fprintln(d.app.log, "jedidesk-desktop: the chat is unloaded while hidden (no chat was started); it loads again when needed")
	// Commands from now on wait for the widget of the next load.
	d.app.bridge.PageAttached()
	d.unloaded = true
	d.unloadPage()
}

// loadIfUnloaded loads the page again if it was unloaded while hidden: the window is
// shown, or a command needs the widget.
func (d *desktop) loadIfUnloaded() {
	d.pageMu.Lock()
	defer d.pageMu.Unlock()
	if d.unloaded {
		d.unloaded = false
		fmt.Fprintln(d.app.log, "jedidesk-desktop: loading the chat again")
		d.reloadPage()
	}
}

// chatSocketSeen notes whether the widget's chat was started since the page loaded.
func (d *desktop) chatSocketSeen(ready bool) {
	d.pageMu.Lock()
	defer d.pageMu.Unlock()
	d.chatStarted = d.chatStarted || ready
}

// focus notes that the window gained or lost the keyboard focus; a focused window is shown,
// and the user is looking at what asked for attention.
func (d *desktop) focus(focused bool) {
	d.mu.Lock()
	d.focused = focused
	if focused {
		d.visible = true
	}
	unmark := focused && d.urgent
	if unmark {
		d.urgent = false
	}
	d.mu.Unlock()
	if unmark {
		d.setUrgent(false)
	}
}

// attention marks the window as wanting attention, for a reply the user is not looking at:
// the window is hidden or another one has the focus.
func (d *desktop) attention() {
	d.mu.Lock()
	mark := !(d.visible && d.focused) && !d.urgent
	if mark {
		d.urgent = true
	}
	d.mu.Unlock()
	if mark {
		d.setUrgent(true)
	}
}

// pageLoaded forgets the chat of the page before: the new page's widget starts anew.
func (d *desktop) pageLoaded() {
	d.pageMu.Lock()
	d.chatStarted = false
	d.pageMu.Unlock()
}

func (d *desktop) isVisible() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.visible
}

func (d *desktop) isFocused() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.visible && d.focused
}

// place puts the window where it was last time.
func (d *desktop) place() {
	if w := d.app.settings.store.Current().Window; w != nil {
		d.app.page.moveTo(w.X, w.Y)
	}
}

// remember saves the window's place and size for the next start.
func (d *desktop) remember() {
	x, y, width, height, ok := d.app.page.geometry()
	if !ok {
		return
	}
	w := &settings.Window{X: x, Y: y, Width: width, Height: height}
	if old := d.app.settings.store.Current().Window; old != nil && *old == *w {
		return
	}
	if _, err := d.app.settings.update(func(s *settings.Settings) { s.Window = w }); err != nil {
		fmt.Fprintln(d.app.log, "jedidesk-desktop: window size not remembered:", err)
	}
}
