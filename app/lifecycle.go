package app

import "fmt"

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
