//go:build e2e

package e2e

import (
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/test/standin"
)

// scriptLoads are the stand-in's answers to the widget's script, in order.
func scriptLoads(records []standin.Record) []int {
	var out []int
	for _, r := range records {
		if r.Type == "request" && r.Name == "/static/js/main.js" {
			out = append(out, r.Status)
		}
	}
	return out
}

// quitApp quits the running app as a user does, and waits for it to end.
func quitApp(t *testing.T, h home, a *app) {
	t.Helper()
	cmd := exec.Command(binary, "--quit")
	cmd.Env = h.env()
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "--quit: %s", out)
	assert.Equal(t, 0, a.waitExit(startTimeout))
}

// The app keeps the widget's files between starts (the real widget's weight: 0.7 MB of script)
// and asks the widget's server about them on every start: an unchanged release is not
// downloaded again, a new one is running from the next start on.
func TestANewWidgetReleaseRunsFromTheNextStartAndAnUnchangedOneIsNotDownloadedAgain(t *testing.T) {
	h := newHome(t)
	first := startStandInWith(t, standin.Options{Heavy: true, Release: "1"})
	startAndQuit := func(s *standin.Server) standin.Record {
		t.Helper()
		s.Reset()
		a := startApp(t, h, "--widget-url", s.URL)
		records := waitRecords(t, s, startTimeout, "the widget to mount", mounted)
		quitApp(t, h, a)
		return mountRecord(t, records)
	}

	assert.Equal(t, "1", startAndQuit(first).Release)
	assert.Equal(t, []int{200}, scriptLoads(first.Records()), "the first start downloads the script")

	assert.Equal(t, "1", startAndQuit(first).Release)
	assert.Equal(t, []int{304}, scriptLoads(first.Records()), "the second asks whether it changed, and it did not")

	// A new release on the same address (the server restarted with it).
	addr := first.URL[len("http://"):]
	first.Close()
	second := startStandInWith(t, standin.Options{Addr: addr, Heavy: true, Release: "2"})
	assert.Equal(t, "2", startAndQuit(second).Release, "the new release runs")
	assert.Equal(t, []int{200}, scriptLoads(second.Records()))
}

// The widget's first two requests (its settings, and synchronously the visitor's address) go
// out as the app starts, long before the widget's script has run: the service sees each once,
// from the app, and the widget mounts with the app's answers, read by the token check too;
// also when the answers are still on their way as the page asks for them (a slow line).
func TestTheWidgetsFirstRequestsAreMadeByTheAppAsItStartsAndNotAgainByTheWidget(t *testing.T) {
	for _, tt := range []struct {
		name  string
		delay time.Duration
	}{
		{"answers in before the page asks", 0},
		{"answers still on their way", 600 * time.Millisecond},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := newHome(t)
			s := startStandInWith(t, standin.Options{Heavy: true, APIDelay: tt.delay})
			a := startApp(t, h, "--token", "early-token", "--widget-url", s.URL)
			records := waitRecords(t, s, startTimeout, "the widget to mount", mounted)
			a.waitOutput("widget ready", stepTimeout)

			var asked []string
			for _, r := range records {
				if r.Type == "request" && strings.HasPrefix(r.Name, "/api/") {
					asked = append(asked, r.Name)
					assert.Equal(t, "jedidesk-desktop", r.Agent, "%s was asked by the app, not by the webview", r.Name)
				}
			}
			assert.ElementsMatch(t, []string{"/api/widget/settings/early-token", "/api/jsonip"}, asked, "each once")
			status := waitQuery(t, s, "#status", func(e Element) bool { return e.Text != "" })
			assert.NotContains(t, status.Text, "does not know this widget token", "the token check read the app's answer")
			assert.NotContains(t, a.stderr.String(), "does not recognise the widget token")
		})
	}
}
