package app

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"jedidesk-desktop/app/cli"
	"jedidesk-desktop/app/selfwatch"
)

// EventUpdated tells the page the version now installed in place of the running one.
const EventUpdated = "ui:updated"

// selfWatchEvery is how often the app looks at its own executable: a restart notice a few
// seconds after the package manager finished is soon enough, and a stat costs nothing.
const selfWatchEvery = 3 * time.Second

// selfUpdate is what the app knows of a newer copy of itself: the package manager replaced its
// executable (app/selfwatch), and the user may restart into it (main.go, app/relaunch).
type selfUpdate struct {
	app *App
	// executable is the file this process started from; running is its version.
	executable, running string

	mu      sync.Mutex
	watcher *selfwatch.Watcher
	// version is the one installed in place of the running one; "" while it is the same.
	version string
	// hidden is whether the window was hidden when the user asked for the restart.
	hidden bool

	restarting atomic.Bool
}

// start watches the executable, if the app knows it.
func (u *selfUpdate) start() {
	if u.executable == "" {
		return
	}
	w, err := selfwatch.Start(u.executable, selfWatchEvery, u.installed)
	if err != nil {
		fmt.Fprintln(u.app.log, "jedidesk-desktop: cannot watch the app's own file for updates:", err)
		return
	}
	u.mu.Lock()
	u.watcher = w
	u.mu.Unlock()
}

func (u *selfUpdate) stop() {
	u.mu.Lock()
	w := u.watcher
	u.watcher = nil
	u.mu.Unlock()
	if w != nil {
		w.Stop()
	}
}

// installed is told the version of a new file in the executable's place. The same version
// reinstalled has nothing new to restart into.
func (u *selfUpdate) installed(version string) {
	if version == u.running {
		return
	}
	u.mu.Lock()
	u.version = version
	u.mu.Unlock()
	fmt.Fprintf(u.app.log, "jedidesk-desktop: %s %s was installed in place of %s; it runs after a restart\n", u.app.brand.Name, version, u.running)
	u.app.page.emit(EventUpdated, version)
	u.app.surf.refresh(u.app.bridge.State())
}

// current is the version waiting for a restart, "" for none.
func (u *selfUpdate) current() string {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.version
}

// restart quits as the menu's Quit does, and main.go starts the new executable after.
func (u *selfUpdate) restart() {
	u.mu.Lock()
	u.hidden = !u.app.desk.isVisible()
	u.mu.Unlock()
	u.restarting.Store(true)
	u.app.quit()
}

// RestartArgs is the command line to start the app again with, once it has quit, when the
// user asked for a restart: this run's overrides, and hidden if the window was.
func (a *App) RestartArgs() ([]string, bool) {
	if !a.updates.restarting.Load() {
		return nil, false
	}
	a.updates.mu.Lock()
	hidden := a.updates.hidden
	a.updates.mu.Unlock()
	return cli.Options{Token: a.overrides.Token, WidgetURL: a.overrides.WidgetURL, Hidden: hidden}.Args(), true
}
