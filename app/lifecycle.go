package app

import (
	"fmt"
	"io"

	"jedidesk-desktop/app/cli"
)

// endSession quits for the desktop (a signal, a logout, a shutdown) as quit does: the close
// button's hide-to-tray does not apply, since the desktop is waiting for the app to go.
func (a *App) endSession(reason string) {
	fmt.Fprintln(a.log, "jedidesk-desktop: quitting:", reason)
	a.quit()
}

// quitIfAsked carries out a quit asked for before the window's main loop ran (a signal during
// start-up), which Wails would drop.
func (a *App) quitIfAsked() {
	if a.surf.quitting.Load() {
		a.page.quit()
	}
}

// toggleFromDesktop is what the global shortcut and `--toggle` do: bring a hidden or
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
	a.desk.show()
	a.bridge.Open()
}

// Perform carries out a command-line action, from this launch or a later one.
func (a *App) Perform(action cli.Action) {
	switch action {
	case cli.ActionOpen:
		a.desk.show()
		a.bridge.Open()
	case cli.ActionClose:
		a.bridge.Close()
	case cli.ActionToggle:
		a.toggleFromDesktop()
	case cli.ActionSendProfile:
		a.chat.SendCustomerData()
	case cli.ActionShow, cli.ActionNone:
		a.desk.show()
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

// WindowSize is the size to open the window at: the remembered one, or the default.
func (a *App) WindowSize(defaultWidth, defaultHeight int) (width, height int) {
	if w := a.settings.store.Current().Window; w != nil {
		return w.Width, w.Height
	}
	return defaultWidth, defaultHeight
}

// AlwaysOnTop says whether the window opens above the others.
func (a *App) AlwaysOnTop() bool { return a.settings.shown().AlwaysOnTop }
