//go:build e2e

package e2e

import (
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// urgencyHint is bit 8 of WM_HINTS' flags (ICCCM 4.1.2.4): the window wants attention.
const urgencyHint = 1 << 8

// urgent reads whether window carries the urgency hint, as a window manager would.
func urgent(t *testing.T, window string) bool {
	t.Helper()
	out, err := exec.Command("xprop", "-id", window, "-f", "WM_HINTS", "32c", " $0", "WM_HINTS").CombinedOutput()
	require.NoError(t, err, "xprop: %s", out)
	fields := strings.Fields(string(out))
	if len(fields) < 2 {
		return false // no WM_HINTS at all
	}
	flags, err := strconv.ParseUint(fields[1], 10, 32)
	require.NoError(t, err, "WM_HINTS flags in %q", out)
	return flags&urgencyHint != 0
}

// The window hidden in the tray carries no mark a window manager could show (GTK writes the
// hint of a withdrawn window when it maps it), and showing it from the tray gives it the focus,
// which takes the mark back: app/desktop_test.go covers that case. Here, a window in the
// background.
func TestAReplyTheUserIsNotLookingAtMarksTheWindowUrgentUntilItIsFocused(t *testing.T) {
	startWatcher(t)
	h := newHome(t)
	s := startStandIn(t)
	a := startOnStandIn(t, h, s)
	window := a.window()
	require.False(t, urgent(t, window), "a new window wants no attention")

	otherClient(t)
	// The page reports the lost focus on its own; a reply before that would be one the user
	// was looking at.
	time.Sleep(time.Second)
	require.NoError(t, s.Drive(map[string]string{"do": "agentMessage", "text": "Are you still there?"}))
	require.Eventually(t, func() bool { return urgent(t, window) }, stepTimeout, 50*time.Millisecond,
		"the reply marks the window as wanting attention")
	screenshot(t, "urgent-window")

	run(t, "xdotool", "mousemove", "--window", window, "300", "300")
	require.Eventually(t, func() bool { return !urgent(t, window) }, stepTimeout, 50*time.Millisecond,
		"focusing the window takes the mark back")
}
