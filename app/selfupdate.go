package app

import (
	"context"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"jedidesk-desktop/app/cli"
	"jedidesk-desktop/app/relaunch"
	"jedidesk-desktop/app/selfwatch"
	"jedidesk-desktop/app/settings"
	"jedidesk-desktop/app/update"
)

// EventUpdated tells the page about a newer version waiting for a restart, as a Notice.
const EventUpdated = "ui:updated"

// selfWatchEvery is how often the app looks at its own executable: a restart notice a few
// seconds after the package manager finished is soon enough, and a stat costs nothing.
const selfWatchEvery = 3 * time.Second

// selfUpdate is what the app knows of a newer copy of itself, and the restart that starts it.
// On Linux the package manager replaces the executable (app/selfwatch sees it) and a restart
// runs the new file (app/relaunch); on Windows the app downloads and verifies the installer
// itself (app/update, startChecks) and a restart runs it.
type selfUpdate struct {
	app *App
	// executable is the file this process started from; running is its version.
	executable, running string

	mu      sync.Mutex
	watcher *selfwatch.Watcher
	// stopChecks ends the Windows update checks; nil when none run.
	stopChecks context.CancelFunc
	// notice says what waits for a restart; nil for nothing.
	notice *Notice
	// download is a verified installer to run at the restart (Windows); "" for none.
	download string
	// hidden is whether the window was hidden when the user asked for the restart.
	hidden bool

	restarting atomic.Bool
}

// start watches the executable, if the app knows it, and starts the update checks where the
// app updates itself.
func (u *selfUpdate) start() {
	if u.executable == "" {
		return
	}
	w, err := selfwatch.Start(u.executable, selfWatchEvery, u.installed)
	if err != nil {
		fmt.Fprintln(u.app.log, "jedidesk-desktop: cannot watch the app's own file for updates:", err)
	} else {
		u.mu.Lock()
		u.watcher = w
		u.mu.Unlock()
	}
	u.startChecks()
}

func (u *selfUpdate) stop() {
	u.mu.Lock()
	w, stopChecks := u.watcher, u.stopChecks
	u.watcher, u.stopChecks = nil, nil
	u.mu.Unlock()
	if w != nil {
		w.Stop()
	}
	if stopChecks != nil {
		stopChecks()
	}
}

// installed is told the version of a new file in the executable's place. The same version
// reinstalled has nothing new to restart into.
func (u *selfUpdate) installed(version string) {
	if version == u.running {
		return
	}
	fmt.Fprintf(u.app.log, "jedidesk-desktop: %s %s was installed in place of %s; it runs after a restart\n", u.app.brand.Name, version, u.running)
	u.show(&Notice{Key: "notice.updated", Args: map[string]string{"version": version}})
}

// downloaded is given a verified installer of a newer version (Windows). The administrator's
// "auto" installs it at the next quit without asking.
func (u *selfUpdate) downloaded(d update.Download) {
	u.mu.Lock()
	u.download = d.Path
	u.mu.Unlock()
	if u.app.settings.layers.Updates == settings.UpdatesAuto {
		fmt.Fprintf(u.app.log, "jedidesk-desktop: %s %s was downloaded and is installed when the app quits\n", u.app.brand.Name, d.Version)
		return
	}
	fmt.Fprintf(u.app.log, "jedidesk-desktop: %s %s was downloaded and is installed at a restart\n", u.app.brand.Name, d.Version)
	u.show(&Notice{Key: "notice.updateReady", Args: map[string]string{"version": d.Version}})
}

func (u *selfUpdate) show(n *Notice) {
	u.mu.Lock()
	u.notice = n
	u.mu.Unlock()
	u.app.page.emit(EventUpdated, n)
	u.app.surf.refresh(u.app.bridge.State())
}

// current is what waits for a restart, nil for nothing.
func (u *selfUpdate) current() *Notice {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.notice
}

// restart quits as the menu's Quit does; AfterQuit then starts the new version.
func (u *selfUpdate) restart() {
	u.mu.Lock()
	u.hidden = !u.app.desk.isVisible()
	u.mu.Unlock()
	u.restarting.Store(true)
	u.app.quit()
}

// AfterQuit runs once the app has quit (main.go): after the user's Restart it starts the new
// version, a downloaded installer first where there is one; with the administrator's "auto" it
// runs a downloaded installer anyway; else a download is removed.
func (a *App) AfterQuit() {
	u := &a.updates
	u.mu.Lock()
	download, hidden := u.download, u.hidden
	u.mu.Unlock()
	restart := u.restarting.Load()
	var err error
	switch {
	case download != "" && (restart || a.settings.layers.Updates == settings.UpdatesAuto):
		err = install(download, u.executable)
	case restart:
		args := cli.Options{Token: a.overrides.Token, WidgetURL: a.overrides.WidgetURL, Hidden: hidden}.Args()
		err = relaunch.Start(u.executable, args)
	case download != "":
		// Not wanted this time: the next run downloads it again rather than leave it in temp.
		err = os.Remove(download)
	}
	if err != nil {
		fmt.Fprintln(a.log, "jedidesk-desktop:", err)
	}
}
