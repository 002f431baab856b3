//go:build e2e

package e2e

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/test/standin"
)

func TestCommandsGivenWhileOfflineArriveOnceInOrderWhenTheWidgetHostComesBack(t *testing.T) {
	h := newHome(t)
	h.writeProfile(t, `{"name": "Offline Olena"}`)
	// A loopback port with nothing behind it yet: connections are refused.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())

	a := startApp(t, h, "--widget-url", "http://"+addr)
	a.waitOutput("widget failed: server-down", startTimeout)
	a.press("ctrl+o", "ctrl+d")
	time.Sleep(300 * time.Millisecond) // let the status line repaint for the picture
	screenshot(t, "offline-error")

	s, err := standin.StartAt(addr, widgetDir, 400*time.Millisecond)
	require.NoError(t, err)
	t.Cleanup(s.Close)
	// The page reloads once the app finds the host answering; the queued commands follow the mount.
	records := waitRecords(t, s, startTimeout, "the queued commands after recovery", countCalls("openWidget", 1))
	var got []string
	for _, c := range calls(records, "") {
		got = append(got, c.Command)
	}
	assert.Equal(t, []string{"customerData", "openWidget"}, got)
	jsonEqual(t, `{"name":"Offline Olena"}`, calls(records, "customerData")[0].Options)
}

// fakeBrowser puts an xdg-open on PATH that records what it was asked to open.
func fakeBrowser(t *testing.T) (pathEnv, opened string) {
	dir := t.TempDir()
	opened = filepath.Join(dir, "opened.txt")
	script := "#!/bin/sh\necho \"$@\" >> " + opened + "\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "xdg-open"), []byte(script), 0o755))
	return dir + string(os.PathListSeparator) + os.Getenv("PATH"), opened
}

func TestTheWindowNeverLeavesTheAppPage(t *testing.T) {
	h := newHome(t)
	pathEnv, opened := fakeBrowser(t)
	h.path = pathEnv
	s := startStandIn(t)
	a := startOnStandIn(t, h, s)

	// The widget's frame tries to leave: the page's policy frames nothing but the widget's
	// frame document, and says so.
	require.NoError(t, s.Drive(map[string]string{"do": "navigate", "url": "https://evil.example.com/phish?email=olena@example.com"}))
	a.waitOutput("blocked frame-src (https://evil.example.com)", stepTimeout)
	require.NoError(t, s.Drive(map[string]string{"do": "open", "url": "file:///etc/passwd"}))
	a.waitOutput("refused to open a file: link", stepTimeout)
	require.NoError(t, s.Drive(map[string]string{"do": "open", "url": "https://t.me/jedidesk"}))
	require.Eventually(t, func() bool {
		data, _ := os.ReadFile(opened)
		return strings.Contains(string(data), "https://t.me/jedidesk")
	}, stepTimeout, 50*time.Millisecond, "a safe link opens in the system browser")

	// Still the app's page: it answers, and no file: URL ever reached the browser.
	assert.Equal(t, "en", query(t, s, "html").Lang)
	data, _ := os.ReadFile(opened)
	assert.NotContains(t, string(data), "passwd")
	assert.NotContains(t, a.stderr.String(), "olena@example.com", "the log never holds the blocked address's query")
}

func TestAScriptInjectedIntoThePageIsBlockedAndReported(t *testing.T) {
	h := newHome(t)
	s := startStandIn(t)
	a := startOnStandIn(t, h, s)

	require.NoError(t, s.Drive(map[string]string{"do": "inject"}))
	records := waitRecords(t, s, stepTimeout, "the injection's outcome", func(r []standin.Record) bool {
		return len(ofType(r, "injectResult")) > 0
	})
	jsonEqual(t, `{"ran": false}`, ofType(records, "injectResult")[0].Result)
	a.waitOutput("content security policy blocked script-src", stepTimeout)
}
