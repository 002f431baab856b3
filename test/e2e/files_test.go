//go:build e2e

package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/test/launch"
	"jedidesk-desktop/test/standin"
)

// attachments are the names of the files the stand-in widget's attachment input received.
func attachments(records []standin.Record) [][]string {
	var out [][]string
	for _, r := range ofType(records, "attachment") {
		var got struct {
			Files []struct {
				Name string `json:"name"`
			} `json:"files"`
		}
		_ = json.Unmarshal(r.Result, &got)
		var names []string
		for _, f := range got.Files {
			names = append(names, f.Name)
		}
		out = append(out, names)
	}
	return out
}

func countAttachments(n int) func([]standin.Record) bool {
	return func(r []standin.Record) bool { return len(attachments(r)) >= n }
}

// dragFile drags file from a file manager's window (test/dragsource) and drops it at x, y.
func dragFile(t *testing.T, file string, x, y int) {
	t.Helper()
	source := filepath.Join(t.TempDir(), "dragsource")
	build := exec.Command("go", "build", "-o", source, "./test/dragsource")
	build.Dir = launch.Root
	out, err := build.CombinedOutput()
	require.NoError(t, err, "%s", out)
	cmd := exec.Command(source, file)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	ids, err := exec.Command("xdotool", "search", "--sync", "--onlyvisible", "--name", "^dragsource$").Output()
	require.NoError(t, err)
	geo := geometry(t, strings.Fields(string(ids))[0])
	sx, _ := strconv.Atoi(geo["X"])
	sy, _ := strconv.Atoi(geo["Y"])
	sx, sy = sx+80, sy+60
	run(t, "xdotool", "mousemove", "--sync", strconv.Itoa(sx), strconv.Itoa(sy))
	run(t, "xdotool", "mousedown", "1")
	// GTK starts a drag once the pointer has moved a few pixels with the button down; the
	// target hears the pointer move over it before the drop.
	for i := 1; i <= 20; i++ {
		run(t, "xdotool", "mousemove", "--sync", strconv.Itoa(sx+(x-sx)*i/20), strconv.Itoa(sy+(y-sy)*i/20))
		time.Sleep(30 * time.Millisecond)
	}
	run(t, "xdotool", "mousemove", "--sync", strconv.Itoa(x+1), strconv.Itoa(y))
	time.Sleep(200 * time.Millisecond)
	run(t, "xdotool", "mouseup", "1")
}

func TestFilesReachTheWidgetsAttachmentInput(t *testing.T) {
	h := newHome(t)
	s := startStandIn(t)
	a := startApp(t, h, "--widget-url", s.URL)
	openChatSession(t, a, s)
	dir := t.TempDir()
	report := filepath.Join(dir, "report.txt")
	require.NoError(t, os.WriteFile(report, []byte("the screen went blank"), 0o600))

	// Dropped on the chat: attached, and the window stays on the app's page.
	x, y := a.widgetPoint(t, s, "#jedidesk .jdw-messages")
	dragFile(t, report, x, y)
	records := waitRecords(t, s, stepTimeout, "the dropped file in the widget's attachment input", countAttachments(1))
	assert.Equal(t, []string{"report.txt"}, attachments(records)[0])
	time.Sleep(300 * time.Millisecond) // for the picture: the widget draws the name a moment later
	screenshot(t, "file-dropped-on-chat")
	assert.Equal(t, "en", query(t, s, "html").Lang, "the window is still the app's page")
	assert.NotContains(t, a.stderr.String(), "file:")

	// The paperclip opens GTK's file dialog, and the chosen file arrives.
	photo := filepath.Join(dir, "photo.png")
	require.NoError(t, os.WriteFile(photo, []byte("png"), 0o600))
	before := visibleWindows(t, a)
	a.clickWidget(t, s, "#jedidesk .jdw-attach", 1)
	var dialog string
	require.Eventually(t, func() bool {
		for _, w := range visibleWindows(t, a) {
			if !slices.Contains(before, w) {
				dialog = w
				return true
			}
		}
		return false
	}, stepTimeout, 100*time.Millisecond, "a file dialog opened")
	// Focus follows the pointer under Xvfb.
	run(t, "xdotool", "mousemove", "--window", dialog, "200", "20")
	screenshot(t, "file-dialog")
	// The path goes into the dialog's location field (Ctrl+L) pasted: typed, the field's
	// completion would finish names half-way. The dialog takes a moment to listen, and to find
	// the file before Return opens it.
	setClipboard(t, photo)
	time.Sleep(500 * time.Millisecond)
	run(t, "xdotool", "key", "--clearmodifiers", "ctrl+l")
	time.Sleep(300 * time.Millisecond)
	run(t, "xdotool", "key", "--clearmodifiers", "ctrl+v")
	time.Sleep(500 * time.Millisecond)
	screenshot(t, "file-dialog-typed")
	run(t, "xdotool", "key", "Return")
	records = waitRecords(t, s, stepTimeout, "the chosen file in the widget's attachment input", countAttachments(2))
	assert.Equal(t, []string{"photo.png"}, attachments(records)[1])
	time.Sleep(300 * time.Millisecond) // for the picture: the widget draws the name a moment later
	screenshot(t, "file-chosen")
}

// visibleWindows are the app's windows on the screen.
func visibleWindows(t *testing.T, a *app) []string {
	t.Helper()
	out, _ := exec.Command("xdotool", "search", "--onlyvisible", "--pid", strconv.Itoa(a.cmd.Process.Pid)).Output()
	return strings.Fields(string(out))
}
