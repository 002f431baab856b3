//go:build e2e

package e2e

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// webProcesses counts the app's WebKit web processes (its children of that name).
func (a *app) webProcesses(t *testing.T) int {
	t.Helper()
	stats, err := filepath.Glob("/proc/[0-9]*/stat")
	require.NoError(t, err)
	n := 0
	for _, path := range stats {
		data, err := os.ReadFile(path)
		if err != nil {
			continue // ended meanwhile
		}
		line := string(data)
		end := strings.LastIndexByte(line, ')')
		fields := strings.Fields(line[end+1:])
		if len(fields) > 1 && fields[1] == strconv.Itoa(a.cmd.Process.Pid) && strings.Contains(line[:end], "WebKitWebProces") {
			n++
		}
	}
	return n
}

// Most of the day the app waits in the tray. With no chat started the widget has no
// connection and nothing can arrive, so the app gives up the web process the page runs in
// (most of its memory) and loads the page again when the chat is needed.
func TestAChatLeftInTheTrayWithoutAConversationGivesUpItsWebProcessUntilNeeded(t *testing.T) {
	w := startWatcher(t)
	h := newHome(t)
	s := startStandIn(t)
	a := startApp(t, h, "--widget-url", s.URL)
	item := trayItem(t, w)
	waitRecords(t, s, startTimeout, "the widget to mount", mounted)
	require.Equal(t, 1, a.webProcesses(t))

	require.NoError(t, w.Activate(item))
	require.Eventually(t, func() bool { return !a.visible() }, stepTimeout, 50*time.Millisecond, "the window hides")
	a.waitOutput("the chat is unloaded while hidden", time.Minute)
	require.Eventually(t, func() bool { return a.webProcesses(t) == 0 }, stepTimeout, 100*time.Millisecond, "the web process ends")

	s.Reset()
	clickTray(t, w, item, "Open chat")
	records := waitRecords(t, s, startTimeout, "the widget back and the chat opened", countCalls("openWidget", 1))
	assert.True(t, mounted(records), "the widget loaded again")
	assert.Len(t, calls(records, "openWidget"), 1, "the open arrived once")
	assert.True(t, a.visible())
	assert.Equal(t, 1, a.webProcesses(t))
}
