//go:build e2e

package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRepliesMakeOneNotificationThatLeadsToTheChat(t *testing.T) {
	startDunst(t)
	// A dunst that D-Bus started for an earlier test may still show its notifications.
	dunstctl(t, "close-all")
	w := startWatcher(t)
	h := newHome(t)
	s := startStandIn(t)
	a := startOnStandIn(t, h, s, "--hidden")
	item := trayItem(t, w)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("dunst: %s displayed; history %s", dunstctl(t, "count", "displayed"), dunstctl(t, "history"))
		}
	})

	for _, text := range []string{"First reply", "Second reply", "Third reply"} {
		require.NoError(t, s.Drive(map[string]string{"do": "agentMessage", "text": text}))
	}
	// The hidden page may pass the replies on late: the tray says when all three are in.
	require.Eventually(t, func() bool {
		tip, _ := w.Tooltip(item)
		return strings.Contains(tip, "3 new messages")
	}, stepTimeout, 50*time.Millisecond, "the app has the three replies")
	require.Eventually(t, func() bool { return dunstctl(t, "count", "displayed") == "1" }, stepTimeout, 50*time.Millisecond,
		"one notification stands for the three replies")
	// The last update must be on screen before the click, or the click lands on an older one.
	time.Sleep(500 * time.Millisecond)
	require.Equal(t, "1", dunstctl(t, "count", "displayed"))
	screenshot(t, "notification-three-replies")

	dunstctl(t, "action", "0")
	waitRecords(t, s, stepTimeout, "openWidget from the notification", countCalls("openWidget", 1))
	require.Eventually(t, a.visible, stepTimeout, 50*time.Millisecond, "the notification shows the window")
	require.Eventually(t, func() bool { return strings.Contains(dunstctl(t, "history"), "Third reply") }, stepTimeout, 50*time.Millisecond)
	assert.Contains(t, dunstctl(t, "history"), "3 new messages", "the notification said how many replies wait")

	// Reading the open chat in the focused window, the user needs no notification.
	a.focusWindow(s)
	history := dunstctl(t, "count", "history")
	require.NoError(t, s.Drive(map[string]string{"do": "agentMessage", "text": "A reply in the open chat"}))
	time.Sleep(time.Second)
	assert.Equal(t, "0", dunstctl(t, "count", "displayed"), "no notification over the chat the user reads")
	assert.Equal(t, history, dunstctl(t, "count", "history"))
}

func TestAKeptNotificationStaysUntilTheChatIsRead(t *testing.T) {
	startDunst(t)
	dunstctl(t, "close-all")
	w := startWatcher(t)
	h := newHome(t)
	h.writeSettings(t, `{"keep_notifications": true}`)
	s := startStandIn(t)
	a := startOnStandIn(t, h, s, "--hidden")
	item := trayItem(t, w)

	require.NoError(t, s.Drive(map[string]string{"do": "agentMessage", "text": "Your order has shipped"}))
	require.Eventually(t, func() bool { return dunstctl(t, "count", "displayed") == "1" }, stepTimeout, 50*time.Millisecond, "the reply is notified")

	// Read from the tray, not from the notification: the app takes it down itself.
	clickTray(t, w, item, "Open chat")
	require.Eventually(t, a.visible, stepTimeout, 50*time.Millisecond, "the window shows")
	waitRecords(t, s, stepTimeout, "openWidget from the tray", countCalls("openWidget", 1))
	require.Eventually(t, func() bool { return dunstctl(t, "count", "displayed") == "0" }, stepTimeout, 50*time.Millisecond,
		"the notification of a reply the user now reads is taken down")
}
