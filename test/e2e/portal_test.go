//go:build e2e

package e2e

import (
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/test/portal"
	"jedidesk-desktop/test/sniwatcher"
	"jedidesk-desktop/test/standin"
)

// waylandSession puts the app on the Wayland path under Xvfb: a session bus of the test's own,
// with the stand-in portal on it when opts is given (none at all otherwise: the bus starts
// nothing on demand), and the app forced onto the portal.
func waylandSession(t *testing.T, opts *portal.Options) *portal.Portal {
	t.Helper()
	sniwatcher.PrivateBus(t)
	t.Setenv("JEDIDESK_GLOBAL_SHORTCUT", "portal")
	if opts == nil {
		return nil
	}
	p, err := portal.Start(*opts)
	require.NoError(t, err)
	t.Cleanup(func() { p.Close() })
	return p
}

func TestOnWaylandTheDesktopPortalHoldsTheShortcutAndItsActivationTogglesTheChat(t *testing.T) {
	p := waylandSession(t, &portal.Options{Assign: "Super+J"})
	h := newHome(t)
	s := startStandIn(t)
	a := startApp(t, h, "--hidden", "--widget-url", s.URL)
	waitRecords(t, s, startTimeout, "the hidden window's widget to mount", mounted)
	require.Eventually(t, func() bool { return len(p.Bindings()) == 1 }, stepTimeout, 50*time.Millisecond, "the app binds its shortcut")
	binding := p.Bindings()[0]
	assert.Equal(t, "toggle-chat", binding.ID)
	assert.Equal(t, "CTRL+ALT+j", binding.PreferredTrigger, "the preferred trigger is the one from Settings")
	// The portal's answer has reached the app once the page shows it; a press before that is
	// one the desktop would not have sent yet.
	waitQuery(t, s, "#s-shortcut-status", func(e Element) bool { return e.Text == "Active: Super+J (the keys your desktop assigned)." })

	otherClient(t)
	require.NoError(t, p.Press("toggle-chat"))
	waitRecords(t, s, stepTimeout, "openWidget from the portal's Activated", countCalls("openWidget", 1))
	require.Eventually(t, a.visible, stepTimeout, 50*time.Millisecond, "the window is shown")

	run(t, "xdotool", "mousemove", "--window", a.window(), "300", "300")
	waitQuery(t, s, "html", func(e Element) bool { return e.PageFocused })
	// The page tells Go it has the focus over an asynchronous call, and the stand-in's signal
	// can beat it (a key press by hand never does). Until Go knows, a press only brings the
	// window forward again, and the chat, already open, gets nothing; so the test presses until
	// the chat closes. A press too many would reopen it, which the count below catches.
	deadline := time.Now().Add(stepTimeout)
	records, closed := []standin.Record(nil), false
	for !closed {
		require.True(t, time.Now().Before(deadline), "a second Activated never closed the chat")
		require.NoError(t, p.Press("toggle-chat"))
		records, closed = s.WaitFor(time.Second, countCalls("closeWidget", 1))
	}
	assert.Len(t, calls(records, "openWidget"), 1)

	// Settings shows the keys the desktop assigned, and follows the desktop's own settings.
	a.press("ctrl+comma")
	waitQuery(t, s, "#settings", func(e Element) bool { return !e.Hidden })
	require.NoError(t, p.ChangeTrigger("toggle-chat", "Ctrl+Shift+J"))
	waitQuery(t, s, "#s-shortcut-status", func(e Element) bool { return e.Text == "Active: Ctrl+Shift+J (the keys your desktop assigned)." })
	assert.True(t, query(t, s, "#s-shortcut-command-row").Hidden, "nothing to bind by hand")
	screenshot(t, "shortcut-portal")

	// Changing the shortcut asks the desktop again.
	waitQuery(t, s, "#s-token", func(e Element) bool { return e.Focused })
	a.press("Tab", "Tab")
	waitQuery(t, s, "#s-shortcut", func(e Element) bool { return e.Focused })
	a.press("ctrl+alt+k")
	waitQuery(t, s, "#s-shortcut", func(e Element) bool { return e.Value != nil && *e.Value == "Ctrl+Alt+K" })
	a.press("Return")
	require.Eventually(t, func() bool { return len(p.Bindings()) == 2 }, stepTimeout, 50*time.Millisecond, "the change is bound anew")
	assert.Equal(t, "CTRL+ALT+k", p.Bindings()[1].PreferredTrigger)
}

func TestAPortalThatCancelsTheBindingLeavesTheShortcutNotBoundAndSaysSo(t *testing.T) {
	waylandSession(t, &portal.Options{Mode: portal.CancelBind})
	h := newHome(t)
	s := startStandIn(t)
	a := startApp(t, h, "--widget-url", s.URL)
	a.waitOutput("its dialog was cancelled", startTimeout)
	waitRecords(t, s, startTimeout, "the widget to mount", mounted)
	waitQuery(t, s, "#notices", func(e Element) bool {
		return strings.Contains(e.Text, "Your desktop did not bind the global shortcut Ctrl+Alt+J, so it does nothing.")
	})

	a.press("ctrl+comma")
	status := waitQuery(t, s, "#s-shortcut-status", func(e Element) bool { return e.Text != "" })
	assert.Equal(t, "Your desktop did not bind Ctrl+Alt+J (its dialog was cancelled, or it declined). Save to ask it again, or bind this command in your desktop's keyboard settings:", status.Text)
	command := query(t, s, "#s-shortcut-command")
	assert.False(t, command.Hidden)
	assert.Equal(t, binary+" --toggle", command.Text)
	assert.Nil(t, a.cmd.ProcessState, "the app runs on")
	screenshot(t, "shortcut-not-bound")
}

func TestWithoutAPortalSettingsShowsTheCommandToBindAndCopiesIt(t *testing.T) {
	_, err := exec.LookPath("xclip")
	require.NoError(t, err, "the test reads the clipboard with xclip (apt-get install xclip)")
	waylandSession(t, nil)
	h := newHome(t)
	s := startStandIn(t)
	a := startApp(t, h, "--widget-url", s.URL)
	a.waitOutput("no XDG desktop portal", startTimeout)
	waitRecords(t, s, startTimeout, "the widget to mount", mounted)

	a.press("ctrl+comma")
	status := waitQuery(t, s, "#s-shortcut-status", func(e Element) bool { return e.Text != "" })
	assert.Equal(t, "Global shortcuts are not available on this desktop. Bind this command in your desktop's keyboard settings instead:", status.Text)
	command := query(t, s, "#s-shortcut-command")
	require.False(t, command.Hidden)
	assert.Equal(t, binary+" --toggle", command.Text)

	// By keyboard: the token, the address, the shortcut, its two buttons, then Copy.
	waitQuery(t, s, "#s-token", func(e Element) bool { return e.Focused })
	a.press("Tab", "Tab", "Tab", "Tab", "Tab")
	waitQuery(t, s, "#shortcut-copy", func(e Element) bool { return e.Focused })
	a.press("space")
	waitQuery(t, s, "#s-shortcut-copied", func(e Element) bool { return e.Text == "Copied." })
	clipboard, err := exec.Command("xclip", "-selection", "clipboard", "-o").Output()
	require.NoError(t, err)
	assert.Equal(t, binary+" --toggle", string(clipboard))
	screenshot(t, "shortcut-command")
}
