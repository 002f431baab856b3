//go:build e2e

package e2e

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/brand"
	"jedidesk-desktop/test/launch"
	"jedidesk-desktop/test/sniwatcher"
	"jedidesk-desktop/test/standin"
)

// newerBuild is the built app as the next version: the binary embeds wails.json, whose
// version the patch raises by the same number of characters, so the app is otherwise the one
// under test (building a second one would take minutes).
func newerBuild(t *testing.T) (data []byte, version string) {
	t.Helper()
	data, err := os.ReadFile(binary)
	require.NoError(t, err)
	project, err := os.ReadFile(filepath.Join(launch.Root, "wails.json"))
	require.NoError(t, err)
	current, err := brand.ProductVersion(project)
	require.NoError(t, err)
	parts := strings.Split(current, ".")
	last, _ := strconv.Atoi(parts[2])
	version = strings.Join(parts[:2], ".") + "." + strconv.Itoa((last+1)%10+last/10*10)
	require.Len(t, version, len(current))
	old, next := []byte(`"productVersion": "`+current+`"`), []byte(`"productVersion": "`+version+`"`)
	require.Equal(t, 1, bytes.Count(data, old), "the binary embeds wails.json once")
	return bytes.Replace(data, old, next, 1), version
}

// runningFrom is the pid of the process running the file at path, 0 for none.
func runningFrom(path string) int {
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if exe, err := os.Readlink(filepath.Join("/proc", e.Name(), "exe")); err == nil && exe == path {
			return pid
		}
	}
	return 0
}

// The package manager replaces the running app's binary (a new file renamed over the old one,
// as dpkg does): the window says so with a Restart button, the tray too (its tooltip, and a
// Restart to update entry), and Restart brings the app back from the new binary with the same
// profile and the same window.
func TestAReplacedBinaryIsNoticedAndRestartRunsTheNewOne(t *testing.T) {
	dir := t.TempDir()
	installed := filepath.Join(dir, "jedidesk-desktop")
	plain, err := os.ReadFile(binary)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(installed, plain, 0o755))
	newer, version := newerBuild(t)

	w := startWatcher(t)
	s := startStandIn(t)
	h := newHome(t)
	h.writeProfile(t, `{"name": "Olena Restart", "email": "olena@example.com"}`)
	h.probe = s.URL
	p := launch.Start(t, h.env(), installed, "--widget-url", s.URL)
	a := &app{t: t, proc: p, cmd: p.Cmd, stderr: p.Out}
	// The relaunched app is not the test's child: it is ended by the file it runs.
	t.Cleanup(func() {
		if pid := runningFrom(installed); pid != 0 {
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
	})
	waitRecords(t, s, startTimeout, "the widget to mount", mounted)
	item := trayItem(t, w)
	window := a.window()
	run(t, "xdotool", "windowsize", window, "900", "700")
	time.Sleep(500 * time.Millisecond)
	before := geometry(t, window)
	assert.True(t, query(t, s, "#update").Hidden, "no notice before any update")

	next := installed + ".dpkg-new"
	require.NoError(t, os.WriteFile(next, newer, 0o755))
	require.NoError(t, os.Rename(next, installed))

	notice := waitQuery(t, s, "#update", func(e Element) bool { return !e.Hidden })
	assert.Equal(t, "Updated to "+version+" — restart to use it.", query(t, s, "#update-text").Text)
	assert.Equal(t, "Restart", query(t, s, "#restart").Text)
	require.NotNil(t, notice.Rect)
	require.Eventually(t, func() bool {
		tip, _ := w.Tooltip(item)
		return strings.Contains(tip, "Updated to "+version+" — restart to use it.")
	}, stepTimeout, 50*time.Millisecond, "the tray's tooltip says it too")
	menu, err := w.Menu(item)
	require.NoError(t, err)
	assert.True(t, slices.ContainsFunc(menu, func(m sniwatcher.MenuItem) bool { return m.Label == "Restart to update" && m.Enabled }),
		"the tray offers the restart: %+v", menu)
	screenshot(t, "update-notice")

	mounts := len(ofType(s.Records(), "mount"))
	a.click(t, s, "#restart")
	assert.Equal(t, 0, a.waitExit(startTimeout), "the old app quits as Quit does")
	waitRecords(t, s, startTimeout, "the restarted app's widget to mount", func(r []standin.Record) bool { return len(ofType(r, "mount")) > mounts })

	pid := runningFrom(installed)
	require.NotZero(t, pid, "the new binary runs")
	out, err := exec.Command(installed, "--version").Output()
	require.NoError(t, err)
	assert.Equal(t, version, strings.TrimSpace(string(out)))
	assert.Contains(t, waitQuery(t, s, "#summary", func(e Element) bool { return e.Text != "" }).Text, "Olena Restart", "the same profile")
	assert.True(t, query(t, s, "#update").Hidden, "the new version has nothing newer to say")

	ids, err := exec.Command("xdotool", "search", "--sync", "--onlyvisible", "--pid", strconv.Itoa(pid), "--name", "^JediDesk$").Output()
	require.NoError(t, err, "the restarted app's window")
	fields := strings.Fields(string(ids))
	after := geometry(t, fields[len(fields)-1])
	assert.Equal(t, before["WIDTH"], after["WIDTH"], "the same window size")
	assert.Equal(t, before["HEIGHT"], after["HEIGHT"], "the same window size")
	screenshot(t, "update-restarted")
}
