//go:build e2e

package e2e

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/test/standin"
)

// conditions is what the chat server heard of the visitor's presence, in order.
func conditions(records []standin.Record) []string {
	var out []string
	for _, f := range framesOf(records, "JWChangeChatCondition") {
		var frame struct {
			Condition string `json:"condition"`
		}
		if json.Unmarshal(f.Frame, &frame) == nil {
			out = append(out, frame.Condition)
		}
	}
	return out
}

// nowSays waits until the server's latest word on the visitor's presence is want, after the
// first `after` conditions.
func nowSays(after int, want string) func([]standin.Record) bool {
	return func(records []standin.Record) bool {
		c := conditions(records)
		return len(c) > after && c[len(c)-1] == want
	}
}

func TestAgentsSeeTheVisitorStillThereWhileTheAppWaitsInTheTray(t *testing.T) {
	w := startWatcher(t)
	h := newHome(t)
	s := startStandIn(t)
	a := startOnStandIn(t, h, s)
	item := trayItem(t, w)

	require.NoError(t, s.Drive(map[string]string{"do": "startChat"}))
	records := waitRecords(t, s, stepTimeout, "the chat's socket to say the chat is closed", nowSays(0, "hide"))
	clickTray(t, w, item, "Open chat")
	records = waitRecords(t, s, stepTimeout, "the open chat to show the visitor online", nowSays(len(conditions(records)), "online"))

	closeWindow(t, a.window())
	require.Eventually(t, func() bool { return !a.visible() }, stepTimeout, 50*time.Millisecond, "closing hides to the tray")
	records = waitRecords(t, s, stepTimeout, "the hidden window to show the visitor present, the chat out of sight",
		nowSays(len(conditions(records)), "hide"))

	require.NoError(t, w.Activate(item))
	require.Eventually(t, a.visible, stepTimeout, 50*time.Millisecond, "the window shows again")
	records = waitRecords(t, s, stepTimeout, "the shown window to show the visitor online again", nowSays(len(conditions(records)), "online"))
	assert.False(t, slices.Contains(conditions(records), "offline"), "agents never saw the visitor leave: %v", conditions(records))

	// Quitting is leaving: the widget's last word stands.
	clickTray(t, w, item, "Quit")
	assert.Equal(t, 0, a.waitExit(stepTimeout))
}
