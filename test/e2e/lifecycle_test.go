//go:build e2e

package e2e

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/test/fsfault"
	"jedidesk-desktop/test/longday"
	"jedidesk-desktop/test/sessionmanager"
	"jedidesk-desktop/test/sniwatcher"
)

func startSessionManager(t *testing.T) *sessionmanager.Manager {
	t.Helper()
	sm, err := sessionmanager.Start()
	require.NoError(t, err)
	t.Cleanup(func() { sm.Close() })
	return sm
}

// appClient is the app's registration with the session manager, if it has registered (WebKit's
// accessibility bus launcher registers too).
func appClient(sm *sessionmanager.Manager) (sessionmanager.Client, bool) {
	for _, c := range sm.Clients() {
		if c.AppID == "jedidesk-desktop" {
			return c, true
		}
	}
	return sessionmanager.Client{}, false
}

func registered(sm *sessionmanager.Manager) func() bool {
	return func() bool {
		_, ok := appClient(sm)
		return ok
	}
}

// tempFiles lists what a save killed or failed half-way could leave in the app's folder.
func tempFiles(t *testing.T, h home) []string {
	t.Helper()
	found, err := filepath.Glob(filepath.Join(h.appDir(), ".*.tmp-*"))
	require.NoError(t, err)
	return found
}

func TestSignalsEndTheAppAfterTheSameCleanUpAsQuit(t *testing.T) {
	for _, tt := range []struct {
		name   string
		sig    syscall.Signal
		signal string
		tray   bool
		// early: the signal comes as soon as the app listens for it, before its window's main
		// loop runs (it registers with the session manager right after it starts listening).
		early bool
	}{
		{"SIGTERM with a tray to hide in", syscall.SIGTERM, "SIGTERM", true, false},
		{"SIGINT with a tray to hide in", syscall.SIGINT, "SIGINT", true, false},
		{"SIGHUP with a tray to hide in", syscall.SIGHUP, "SIGHUP", true, false},
		{"SIGTERM without a tray", syscall.SIGTERM, "SIGTERM", false, false},
		{"SIGHUP without a tray", syscall.SIGHUP, "SIGHUP", false, false},
		{"SIGTERM during start-up", syscall.SIGTERM, "SIGTERM", true, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := newHome(t)
			var sm *sessionmanager.Manager
			if tt.early {
				sm = startSessionManager(t)
			}
			var a *app
			if tt.tray {
				w := startWatcher(t)
				a = startApp(t, h)
				if !tt.early {
					trayItem(t, w)
				}
			} else {
				a = startApp(t, h)
			}
			if tt.early {
				require.Eventually(t, registered(sm), startTimeout, time.Millisecond)
			} else {
				a.waitOutput("widget ready", startTimeout)
				run(t, "xdotool", "windowmove", "--sync", a.window(), "60", "50")
			}
			sent := time.Now()
			require.NoError(t, syscall.Kill(a.cmd.Process.Pid, tt.sig))
			assert.Equal(t, 0, a.waitExit(stepTimeout), "a clean exit")
			t.Logf("%s: the app exited %s after the signal", tt.name, time.Since(sent).Round(time.Millisecond))

			assert.Contains(t, a.stderr.String(), "jedidesk-desktop: quitting: received "+tt.signal)
			assert.Empty(t, tempFiles(t, h), "nothing half written")
			if !tt.early {
				saved, err := os.ReadFile(filepath.Join(h.appDir(), "settings.json"))
				require.NoError(t, err, "the window's place is remembered")
				assert.Contains(t, string(saved), `"x": 60`)
			}
		})
	}
}

func TestTheCloseButtonStillDoesWhatSettingsSayWithATray(t *testing.T) {
	for _, tt := range []struct {
		name     string
		settings string
		quits    bool
	}{
		{"it hides the window by default", `{}`, false},
		{"it quits when Settings say so", `{"quit_on_close": true}`, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := startWatcher(t)
			h := newHome(t)
			require.NoError(t, os.MkdirAll(h.appDir(), 0o700))
			require.NoError(t, os.WriteFile(filepath.Join(h.appDir(), "settings.json"), []byte(tt.settings), 0o600))
			a := startApp(t, h)
			trayItem(t, w)
			a.waitOutput("widget ready", startTimeout)
			closeWindow(t, a.window())
			if tt.quits {
				assert.Equal(t, 0, a.waitExit(stepTimeout))
				return
			}
			require.Eventually(t, func() bool { return !a.visible() }, stepTimeout, 50*time.Millisecond, "closing hides to the tray")
			assert.Nil(t, a.cmd.ProcessState, "the app still runs")
			require.NoError(t, syscall.Kill(a.cmd.Process.Pid, syscall.SIGTERM))
			assert.Equal(t, 0, a.waitExit(stepTimeout), "and a signal still ends it")
		})
	}
}

func TestTheEndOfTheSessionEndsTheAppWithATray(t *testing.T) {
	for _, tt := range []struct {
		name   string
		end    func(*sessionmanager.Manager, *sessionmanager.Logind) error
		reason string
		// answered: the session manager hears the app's answer to its EndSession; otherwise the
		// app leaves the session.
		answered bool
	}{
		{"a logout", func(sm *sessionmanager.Manager, _ *sessionmanager.Logind) error { return sm.EndSession() }, "the session is ending", true},
		{"the session manager's stop", func(sm *sessionmanager.Manager, _ *sessionmanager.Logind) error { return sm.Stop() },
			"the session manager asked the app to stop", false},
		{"a shutdown", func(_ *sessionmanager.Manager, l *sessionmanager.Logind) error { return l.PrepareForShutdown(true) },
			"the computer is shutting down", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			sniwatcher.PrivateSystemBus(t)
			logind, err := sessionmanager.StartLogind()
			require.NoError(t, err)
			t.Cleanup(func() { logind.Close() })
			sm := startSessionManager(t)
			w := startWatcher(t)
			h := newHome(t)
			a := startApp(t, h)
			trayItem(t, w)
			a.waitOutput("widget ready", startTimeout)
			require.Eventually(t, registered(sm), stepTimeout, 10*time.Millisecond, "the app registers with the session manager")
			require.Eventually(t, func() bool { return len(logind.Inhibitors()) == 1 }, stepTimeout, 10*time.Millisecond, "the app takes logind's delay lock")
			run(t, "xdotool", "windowmove", "--sync", a.window(), "60", "50")

			sent := time.Now()
			require.NoError(t, tt.end(sm, logind))
			assert.Equal(t, 0, a.waitExit(stepTimeout), "a clean exit")
			t.Logf("%s: the app exited %s after it was told", tt.name, time.Since(sent).Round(time.Millisecond))

			assert.Contains(t, a.stderr.String(), "jedidesk-desktop: quitting: "+tt.reason)
			saved, err := os.ReadFile(filepath.Join(h.appDir(), "settings.json"))
			require.NoError(t, err, "the window's place is remembered")
			assert.Contains(t, string(saved), `"x": 60`)
			client, _ := appClient(sm)
			if tt.answered {
				assert.Contains(t, sm.Responses(), sessionmanager.Response{Path: client.Path, OK: true}, "the app answered the end of the session")
			} else {
				assert.True(t, client.Unregistered, "the app left the session")
			}
		})
	}
}

// startXvfb starts an X server of the test's own, which it can end under the app.
func startXvfb(t *testing.T) (display string, cmd *exec.Cmd) {
	t.Helper()
	r, w, err := os.Pipe()
	require.NoError(t, err)
	defer r.Close()
	// -displayfd: Xvfb picks a free display and writes its number once it accepts clients.
	cmd = exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w}
	require.NoError(t, cmd.Start())
	w.Close()
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	line, err := bufio.NewReader(r).ReadString('\n')
	require.NoError(t, err, "Xvfb reports its display")
	return ":" + strings.TrimSpace(line), cmd
}

// processGroup lists the processes left in the app's process group (WebKit's helpers are in it).
func processGroup(pgid int) []string {
	out, _ := exec.Command("pgrep", "-g", strconv.Itoa(pgid), "-l").Output()
	return strings.Fields(string(out))
}

func TestWhenTheDisplayGoesAwayTheAppExitsAndSaysWhy(t *testing.T) {
	for _, tray := range []bool{true, false} {
		t.Run(map[bool]string{true: "with a tray", false: "without a tray"}[tray], func(t *testing.T) {
			display, xvfb := startXvfb(t)
			t.Setenv("DISPLAY", display)
			h := newHome(t)
			var a *app
			if tray {
				w := startWatcher(t)
				a = startApp(t, h)
				trayItem(t, w)
			} else {
				a = startApp(t, h)
			}
			a.waitOutput("widget ready", startTimeout)

			ended := time.Now()
			require.NoError(t, xvfb.Process.Kill())
			assert.NotEqual(t, 0, a.waitExit(stepTimeout), "the app exits, and not as if the user quit it")
			t.Logf("the app exited %s after the X server was killed", time.Since(ended).Round(time.Millisecond))
			assert.Contains(t, a.stderr.String(), "jedidesk-desktop: the display "+display+" went away; quitting")
			require.Eventually(t, func() bool { return len(processGroup(a.cmd.Process.Pid)) == 0 }, stepTimeout, 50*time.Millisecond,
				"none of the app's processes lingers")
		})
	}
}

func TestASaveOnAFullOrReadOnlyDiskSaysWhyInTheWindowAndKeepsTheProfile(t *testing.T) {
	for _, tt := range []struct {
		name string
		// prepare runs before the app starts; spoil while it runs.
		prepare func(t *testing.T, dir string)
		spoil   func(t *testing.T, dir string) (fix func())
		want    string
		shot    string
	}{
		{"the disk is full", func(t *testing.T, dir string) { fsfault.Small(t, dir) }, func(t *testing.T, dir string) func() { return fsfault.Fill(t, dir) },
			"Not saved: the disk that holds {folder} is full. Free some space, then save again; what was saved before is unchanged.", "save-disk-full"},
		{"the folder turned read-only", func(*testing.T, string) {}, func(t *testing.T, dir string) func() { return fsfault.ReadOnly(t, dir) },
			"Not saved: the folder {folder} is read-only. Make it writable, then save again; what was saved before is unchanged.", "save-read-only"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := newHome(t)
			tt.prepare(t, h.appDir())
			h.writeProfile(t, `{"name": "Ivan"}`)
			path := filepath.Join(h.appDir(), "profile.json")
			before, err := os.ReadFile(path)
			require.NoError(t, err)
			s := startStandIn(t)
			a := startApp(t, h, "--widget-url", s.URL)
			waitRecords(t, s, startTimeout, "the profile at mount", countCalls("customerData", 1))
			fix := tt.spoil(t, h.appDir())

			a.press("ctrl+p")
			waitQuery(t, s, "#f-name", func(e Element) bool { return e.Focused && !e.Hidden })
			a.press("ctrl+a")
			a.typeText("Ivan Franko")
			a.press("Return")
			shown := waitQuery(t, s, "#e-form", func(e Element) bool { return e.Text != "" })
			assert.Equal(t, strings.ReplaceAll(tt.want, "{folder}", h.appDir()), shown.Text)
			// The page scrolls the message into sight; the picture waits for that to be drawn.
			time.Sleep(500 * time.Millisecond)
			screenshot(t, tt.shot)
			after, err := os.ReadFile(path)
			require.NoError(t, err)
			assert.Equal(t, before, after, "the previous profile is intact")
			assert.Empty(t, tempFiles(t, h), "no temp file is left behind")

			fix()
			a.press("Return")
			records := waitRecords(t, s, stepTimeout, "the profile saved once the disk is fixed", countCalls("customerData", 2))
			jsonEqual(t, `{"name":"Ivan Franko"}`, calls(records, "customerData")[1].Options)
			saved, err := os.ReadFile(path)
			require.NoError(t, err)
			jsonEqual(t, `{"name":"Ivan Franko"}`, saved)
		})
	}
}

func TestALongDayLeaksNoGoroutinesFilesOrNotifications(t *testing.T) {
	// make bench runs 2,000 of each (docs/benchmarks.md); a leak of one per round shows here.
	const rounds = 100
	startDunst(t)
	w := startWatcher(t)
	s := startStandIn(t)
	a := startApp(t, newHome(t), "--widget-url", s.URL)
	started := time.Now()
	day := longday.Day{Tray: w, Item: trayItem(t, w), Widget: s, Timeout: stepTimeout}
	waitRecords(t, s, startTimeout, "the widget to mount", mounted)

	// Once round the day first, so what starts on first use (the notification server's
	// connection, WebKit's caches) is counted at the start.
	require.NoError(t, day.Cycles(5))
	require.NoError(t, day.HideWindow())
	require.NoError(t, day.Replies(5))
	// WebKit opens its memory-pressure monitor's files (/proc/meminfo, the cgroup's) some
	// seconds after start: once, so before the count starts.
	time.Sleep(time.Until(started.Add(10 * time.Second)))
	start, err := longday.Ask(a.cmd.Process.Pid, a.stderr.String, stepTimeout)
	require.NoError(t, err)

	require.NoError(t, day.Cycles(rounds))
	require.NoError(t, day.HideWindow())
	require.NoError(t, day.Replies(rounds))
	end, err := longday.Ask(a.cmd.Process.Pid, a.stderr.String, stepTimeout)
	require.NoError(t, err)
	t.Logf("after %d chat cycles and %d replies: goroutines %d → %d, fds %d → %d", rounds, rounds, start.Goroutines, end.Goroutines, start.FDs, end.FDs)

	// A few in flight (a notification being sent, a D-Bus call) are not a leak.
	const inFlight = 3
	assert.LessOrEqual(t, end.Goroutines, start.Goroutines+inFlight, "goroutines")
	assert.LessOrEqual(t, end.FDs, start.FDs+inFlight, "open files")
	assert.Equal(t, "1", dunstctl(t, "count", "displayed"), "each reply replaces the last notification")
}
