package app

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/cli"
	"jedidesk-desktop/app/hotkey"
	"jedidesk-desktop/app/settings"
	"jedidesk-desktop/app/widget"
)

// commandLog is a widget.Sink that keeps the command names.
type commandLog []string

func (c *commandLog) Command(cmd widget.Command) { *c = append(*c, cmd.Command) }
func (c *commandLog) State(widget.State)         {}

// appWithWidget returns an app whose widget is in the given phase and chat state, and the log
// of commands sent from then on.
func appWithWidget(t *testing.T, phase widget.Phase, chatOpen bool) (*App, *commandLog) {
	a, _, _ := newApp(t, nil, Overrides{})
	log := &commandLog{}
	a.bridge = widget.New(log, func() (any, bool) { return nil, false })
	switch phase {
	case widget.PhaseReady:
		a.bridge.Mounted()
		if chatOpen {
			_ = a.bridge.HandleEvent(widget.EventOpened)
		}
	case widget.PhaseFailed:
		a.bridge.Failed("timeout")
	}
	*log = nil
	return a, log
}

func TestTheDesktopToggleAgainstEveryWindowAndWidgetState(t *testing.T) {
	type window struct{ visible, focused bool }
	hidden, behind, inFront := window{}, window{visible: true}, window{visible: true, focused: true}
	tests := []struct {
		name     string
		window   window
		phase    widget.Phase
		chatOpen bool
		// sent is what the widget gets (at once, or after it mounts for loading/failed).
		sent []string
	}{
		{"hidden, chat closed: show and open", hidden, widget.PhaseReady, false, []string{"openWidget"}},
		{"hidden, chat open: show, nothing to send", hidden, widget.PhaseReady, true, nil},
		{"behind another window, chat open: bring forward, keep open", behind, widget.PhaseReady, true, nil},
		{"behind another window, chat closed: open", behind, widget.PhaseReady, false, []string{"openWidget"}},
		{"in front, chat open: close", inFront, widget.PhaseReady, true, []string{"closeWidget"}},
		{"in front, chat closed: open", inFront, widget.PhaseReady, false, []string{"openWidget"}},
		{"hidden, still loading: open once it mounts", hidden, widget.PhaseLoading, false, []string{"openWidget"}},
		{"in front, still loading: open once it mounts", inFront, widget.PhaseLoading, false, []string{"openWidget"}},
		{"hidden, failed to load: open after the retry mounts", hidden, widget.PhaseFailed, false, []string{"openWidget"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, log := appWithWidget(t, tt.phase, tt.chatOpen)
			a.desk.visible, a.desk.focused = tt.window.visible, tt.window.focused
			a.toggleFromDesktop()
			if tt.phase != widget.PhaseReady {
				assert.Empty(t, *log, "nothing reaches a widget that has not mounted")
				a.bridge.PageAttached()
				a.bridge.Mounted()
			}
			assert.Equal(t, tt.sent, []string(*log))
			a.desk.mu.Lock()
			defer a.desk.mu.Unlock()
			assert.True(t, a.desk.visible, "the window is shown")
		})
	}
}

func TestCommandLineActions(t *testing.T) {
	tests := []struct {
		action   cli.Action
		chatOpen bool
		sent     []string
	}{
		{cli.ActionOpen, false, []string{"openWidget"}},
		{cli.ActionOpen, true, nil},
		{cli.ActionClose, true, []string{"closeWidget"}},
		{cli.ActionClose, false, nil},
		{cli.ActionShow, false, nil},
		{cli.ActionNone, false, nil},
	}
	for _, tt := range tests {
		t.Run(string(tt.action), func(t *testing.T) {
			a, log := appWithWidget(t, widget.PhaseReady, tt.chatOpen)
			a.Perform(tt.action)
			assert.Equal(t, tt.sent, []string(*log))
		})
	}
}

func TestASecondLaunchWithABadCommandLineIsIgnored(t *testing.T) {
	a, _, out := newApp(t, nil, Overrides{})
	a.secondLaunch([]string{"--open", "--close"})
	assert.Contains(t, out.String(), "ignored a second launch's command line")
}

func TestAShortcutTheMenuUsesIsRefused(t *testing.T) {
	a, _, _ := newApp(t, nil, Overrides{})
	for _, combo := range []string{"Ctrl+O", "ctrl+shift+w", "Ctrl+,"} {
		t.Run(combo, func(t *testing.T) {
			res, err := a.preferences.SaveSettings(settings.Settings{Shortcut: combo}, false)
			assert.NoError(t, err)
			assert.False(t, res.Saved)
			if assert.Len(t, res.Errors, 1) {
				assert.Equal(t, "shortcut", res.Errors[0].Field)
			}
		})
	}
}

func TestStartAtLoginAddsAndRemovesTheLoginEntry(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	a, _, _ := newApp(t, nil, Overrides{})
	for _, on := range []bool{true, false, true} {
		require.NoError(t, a.preferences.SetStartAtLogin(on))
		got, err := a.preferences.StartAtLogin()
		require.NoError(t, err)
		assert.Equal(t, on, got)
	}
}

func TestStartAtLoginExplainsAFailure(t *testing.T) {
	blocker := filepath.Join(t.TempDir(), "file")
	require.NoError(t, os.WriteFile(blocker, nil, 0o600))
	t.Setenv("XDG_CONFIG_HOME", blocker)
	a, _, _ := newApp(t, nil, Overrides{})
	assert.ErrorContains(t, a.preferences.SetStartAtLogin(true), "could not make the app start at login")
}

// fakeListener is a hotkey.Listener whose Bind gives err.
type fakeListener struct {
	err   error
	binds []string
}

func (f *fakeListener) Bind(s hotkey.Shortcut) error {
	f.binds = append(f.binds, s.String())
	return f.err
}

func (f *fakeListener) Close() error { return nil }

// fakeDesktop is a listener whose keys the desktop assigns, as the Wayland portal's are.
type fakeDesktop struct {
	fakeListener
	trigger string
}

func (f *fakeDesktop) Trigger() string        { return f.trigger }
func (f *fakeDesktop) Changes() <-chan string { return nil }

func TestTheShortcutStatusSaysWhatBecameOfTheBinding(t *testing.T) {
	refused := fmt.Errorf("cannot use Ctrl+Alt+J as the global shortcut: %w: its dialog was cancelled", hotkey.ErrRefused)
	tests := []struct {
		name     string
		listener hotkey.Listener
		shortcut string
		want     ShortcutStatus
		notices  []string
	}{
		{"grabbed", &fakeListener{}, "Ctrl+Alt+J", ShortcutStatus{Shortcut: "Ctrl+Alt+J", State: "active"}, nil},
		{"held by the desktop with the keys it chose", &fakeDesktop{trigger: "Super+J"}, "Ctrl+Alt+J",
			ShortcutStatus{Shortcut: "Ctrl+Alt+J", State: "active", Desktop: true, Trigger: "Super+J"}, nil},
		{"held by the desktop without keys", &fakeDesktop{}, "Ctrl+Alt+J",
			ShortcutStatus{Shortcut: "Ctrl+Alt+J", State: "active", Desktop: true}, nil},
		{"turned off", &fakeListener{}, "off", ShortcutStatus{Shortcut: "off", State: "off"}, nil},
		{"taken", &fakeListener{err: fmt.Errorf("x: %w", hotkey.ErrTaken)}, "Ctrl+Alt+J",
			ShortcutStatus{Shortcut: "Ctrl+Alt+J", State: "taken", Message: "x: " + hotkey.ErrTaken.Error()}, nil},
		{"refused by the desktop", &fakeDesktop{fakeListener: fakeListener{err: refused}}, "Ctrl+Alt+J",
			ShortcutStatus{Shortcut: "Ctrl+Alt+J", State: "notbound", Message: refused.Error(), Command: "set below"},
			[]string{"notice.shortcutNotBound"}},
		{"failed otherwise", &fakeListener{err: errors.New("the key is not on the current keyboard layout")}, "Ctrl+Alt+F24",
			ShortcutStatus{Shortcut: "Ctrl+Alt+F24", State: "unsupported", Message: "the key is not on the current keyboard layout", Command: "set below"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, _, _ := newApp(t, nil, Overrides{})
			a.shortcut.listener = tt.listener
			s, err := hotkey.Parse(tt.shortcut)
			require.NoError(t, err)

			_ = a.shortcut.bind(s)

			if tt.want.Command != "" {
				tt.want.Command = a.shortcut.toggleCommand()
			}
			assert.Equal(t, tt.want, a.shortcut.current())
			var keys []string
			for _, n := range a.chat.PageReady().Notices {
				keys = append(keys, n.Key)
			}
			assert.Equal(t, tt.notices, keys)
		})
	}
}

func TestARefusedShortcutIsNoticedOnceAndAskedForAgainOnSave(t *testing.T) {
	a, _, log := newApp(t, nil, Overrides{})
	listener := &fakeDesktop{fakeListener: fakeListener{err: fmt.Errorf("%w: its dialog was cancelled", hotkey.ErrRefused)}}
	a.shortcut.listener = listener
	_ = a.shortcut.bind(a.settings.store.Current().EffectiveShortcut())

	res, err := a.preferences.SaveSettings(a.settings.store.Current(), false)
	require.NoError(t, err)

	assert.True(t, res.Saved, "the settings are what the user wants, bound or not")
	assert.Equal(t, []string{"Ctrl+Alt+J", "Ctrl+Alt+J"}, listener.binds, "saving asks the desktop again")
	assert.Len(t, a.chat.PageReady().Notices, 1)
	assert.Contains(t, log.String(), "its dialog was cancelled")
}

func TestKeysChangedInTheDesktopsSettingsReachTheStatus(t *testing.T) {
	tests := []struct {
		name   string
		status ShortcutStatus
		want   string
	}{
		{"held by the desktop", ShortcutStatus{Shortcut: "Ctrl+Alt+J", State: "active", Desktop: true, Trigger: "Ctrl+Alt+J"}, "Ctrl+Shift+J"},
		{"turned off meanwhile", ShortcutStatus{Shortcut: "off", State: "off"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, _, _ := newApp(t, nil, Overrides{})
			a.shortcut.status = tt.status
			changes := make(chan string, 1)
			changes <- "Ctrl+Shift+J"
			close(changes)

			a.shortcut.followTrigger(changes)

			assert.Equal(t, tt.want, a.shortcut.current().Trigger)
		})
	}
}

func TestTheToggleCommandNamesThisBinarySoTheDesktopFindsIt(t *testing.T) {
	dir := t.TempDir()
	binary := func(path string) string {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o700))
		require.NoError(t, os.WriteFile(path, nil, 0o700))
		return path
	}
	installed := binary(filepath.Join(dir, "usr", "bin", "jedidesk-desktop"))
	built := binary(filepath.Join(dir, "build", "bin", "jedidesk-desktop"))
	spaced := binary(filepath.Join(dir, "Olena's apps", "jedidesk-desktop"))
	onPath := func(found string) func(string) (string, error) {
		return func(string) (string, error) {
			if found == "" {
				return "", exec.ErrNotFound
			}
			return found, nil
		}
	}
	tests := []struct {
		name string
		self string
		path string // what PATH finds for jedidesk-desktop
		goos string
		want string
	}{
		{"installed, found on PATH", installed, installed, "linux", "jedidesk-desktop --toggle"},
		{"not on PATH", built, "", "linux", built + " --toggle"},
		{"another copy on PATH", built, installed, "linux", built + " --toggle"},
		{"a path the shell would split", spaced, "", "linux", `'` + filepath.Join(dir, `Olena'\''s apps`, "jedidesk-desktop") + `' --toggle`},
		{"a path with spaces on Windows", spaced, "", "windows", `"` + spaced + `" --toggle`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			self := func() (string, error) { return tt.self, nil }
			assert.Equal(t, tt.want, commandFor("jedidesk-desktop", self, onPath(tt.path), tt.goos))
		})
	}
}

// pageEvents records what the app did to free memory and to bring the page back.
type pageEvents struct {
	mu     sync.Mutex
	events []string
}

func (p *pageEvents) add(e string) func() {
	return func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		p.events = append(p.events, e)
	}
}

func (p *pageEvents) take() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := p.events
	p.events = nil
	return out
}

func hiddenApp(t *testing.T, after time.Duration) (*App, *pageEvents) {
	a, _, _ := newApp(t, nil, Overrides{})
	events := &pageEvents{}
	a.desk.releaseMemory, a.desk.releaseAfter = events.add("release"), after
	a.desk.unloadPage, a.desk.reloadPage = events.add("unload"), events.add("reload")
	a.desk.hide()
	return a, events
}

func TestShowingTheWindowBeforeTheReleaseStopsIt(t *testing.T) {
	a, events := hiddenApp(t, time.Hour)
	a.desk.show()
	assert.False(t, a.desk.release.Stop(), "showing the window stopped the release")
	assert.Empty(t, events.take())
}

func TestWhileHiddenMemoryIsReleasedAndThePageUnloadedUnlessAChatWasStarted(t *testing.T) {
	for _, tc := range []struct {
		name   string
		before func(a *App)
		want   []string
		// wake is what brings the widget back, and what it must do then.
		wake     func(a *App)
		wantWake []string
	}{
		{"no chat: the page goes, and comes back when shown", func(*App) {}, []string{"release", "unload"}, showWindow, []string{"reload"}},
		{"no chat: a command from the tray or the command line brings it back", func(*App) {}, []string{"release", "unload"},
			func(a *App) { a.chat.SendCustomerData() }, []string{"reload"}},
		{"a started chat waits for replies", func(a *App) { require.NoError(t, a.chat.ChatSocket("ready")) }, []string{"release"}, showWindow, nil},
		{"a chat that closed may reconnect", func(a *App) {
			require.NoError(t, a.chat.ChatSocket("ready"))
			require.NoError(t, a.chat.ChatSocket("closed"))
		}, []string{"release"}, showWindow, nil},
		{"a new page load forgets the old chat", func(a *App) {
			require.NoError(t, a.chat.ChatSocket("ready"))
			a.chat.PageReady()
		}, []string{"release", "unload"}, showWindow, []string{"reload"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, events := hiddenApp(t, time.Hour)
			a.bridge.Mounted()
			tc.before(a)
			a.desk.releaseIfHidden()
			assert.Equal(t, tc.want, events.take())
			if len(tc.want) == 2 {
				assert.Equal(t, widget.PhaseLoading, a.bridge.State().Phase, "commands wait for the next load")
			}
			a.desk.releaseIfHidden()
			assert.Equal(t, []string{"release"}, events.take(), "unloaded once")
			tc.wake(a)
			assert.Equal(t, tc.wantWake, events.take())
			tc.wake(a)
			assert.Empty(t, events.take(), "loaded once")
		})
	}
}

func TestAWindowLeftHiddenReleasesMemory(t *testing.T) {
	_, events := hiddenApp(t, 0)
	require.Eventually(t, func() bool { return len(events.take()) > 0 }, 10*time.Second, 10*time.Millisecond)
}

// showWindow is what the tray, the menu and the command line do to bring the window back.
func showWindow(a *App) { a.desk.show() }

func TestAReplyTheUserIsNotLookingAtMarksTheWindowUntilItIsFocused(t *testing.T) {
	reply := func(a *App) { require.NoError(t, a.chat.WidgetEvent(widget.EventManagerMessage, "Hello")) }
	focus := func(a *App) { a.desk.focus(true) }
	blur := func(a *App) { a.desk.focus(false) }
	openChat := func(a *App) { require.NoError(t, a.chat.WidgetEvent(widget.EventOpened, "")) }
	tests := []struct {
		name   string
		hidden bool
		steps  []func(*App)
		want   []bool
	}{
		{"a reply to the hidden window marks it; focusing it clears the mark", true, []func(*App){reply, focus}, []bool{true, false}},
		{"a reply to a window another one has the focus of marks it", false, []func(*App){openChat, blur, reply, focus}, []bool{true, false}},
		{"a reply in the focused window with the chat open does not", false, []func(*App){openChat, focus, reply}, nil},
		{"a reply in the focused window with the chat closed does not", false, []func(*App){focus, reply}, nil},
		{"more replies mark it once", true, []func(*App){reply, reply, reply}, []bool{true}},
		{"focus with nothing marked takes nothing back", false, []func(*App){focus, blur, focus}, nil},
		{"a reply after the mark was cleared marks it again", true, []func(*App){reply, focus, blur, reply}, []bool{true, false, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, _, _ := newApp(t, nil, Overrides{Hidden: tt.hidden})
			var marks []bool
			a.desk.setUrgent = func(on bool) { marks = append(marks, on) }
			a.chat.WidgetMounted()
			for _, step := range tt.steps {
				step(a)
			}
			assert.Equal(t, tt.want, marks)
		})
	}
}
