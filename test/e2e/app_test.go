//go:build e2e

package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/test/standin"
)

const savedProfile = `{
  "name": "Олена \"Q\" </script>",
  "phone": "+380441234567",
  "email": "olena@example.com",
  "note": "line one\nline two",
  "language": "uk",
  "custom_fields": [{"id": 7, "value": "VIP"}]
}`

func jsonEqual(t *testing.T, want string, got json.RawMessage) {
	t.Helper()
	var w, g any
	require.NoError(t, json.Unmarshal([]byte(want), &w))
	require.NoError(t, json.Unmarshal(got, &g), "got %s", got)
	assert.Equal(t, w, g)
}

func TestMenuAcceleratorsDriveTheWidgetAndTheProfileReachesIt(t *testing.T) {
	h := newHome(t)
	h.writeProfile(t, savedProfile)
	s := startStandIn(t)
	a := startApp(t, h, "--widget-url", s.URL)

	records := waitRecords(t, s, startTimeout, "the widget to mount and get the profile", countCalls("customerData", 1))
	m := mountRecord(t, records)
	assert.Equal(t, "uk", m.Settings["language"], "the profile's language goes to jediDeskSettings")
	assert.Equal(t, "", m.Settings["token"])
	first := calls(records, "customerData")[0]
	jsonEqual(t, savedProfile, first.Options)
	assert.False(t, first.Delivered, "before the visitor starts a chat the widget drops customerData")

	a.press("ctrl+o")
	waitRecords(t, s, stepTimeout, "openWidget from Ctrl+O", countCalls("openWidget", 1))
	// A second Ctrl+O must not send openWidget again (it may toggle the chat shut). Ctrl+D's
	// customerData arrives after anything Ctrl+O could have sent, so it marks the point to check.
	a.press("ctrl+o", "ctrl+d")
	records = waitRecords(t, s, stepTimeout, "customerData from Ctrl+D", countCalls("customerData", 2))
	assert.Len(t, calls(records, "openWidget"), 1)
	assert.True(t, calls(records, "")[len(calls(records, ""))-1].Open, "the chat is still open")
	screenshot(t, "chat-open")

	a.press("ctrl+shift+w")
	records = waitRecords(t, s, stepTimeout, "closeWidget from Ctrl+Shift+W", countCalls("closeWidget", 1))
	assert.False(t, calls(records, "closeWidget")[0].Open)

	// The visitor starts a chat: the widget's socket opens and the profile goes out on it (the
	// widget drops the call; delivery_test.go covers who sends the frame).
	require.NoError(t, s.Drive(map[string]string{"do": "startChat"}))
	records = waitRecords(t, s, stepTimeout, "the profile on the chat socket", countFrames(customerDataAction, 1))
	jsonEqual(t, savedProfile, frameFields(t, framesOf(records, customerDataAction)[0]))

	// The page saves a new profile through the bound SaveProfile method, as the editor does.
	newProfile := map[string]any{"name": "Ivan", "email": "ivan@example.com", "phone": "+380 (44) 765-43-21", "language": "en"}
	require.NoError(t, s.Drive(map[string]any{"do": "saveProfile", "profile": newProfile}))
	records = waitRecords(t, s, stepTimeout, "the saved profile on the socket", countFrames(customerDataAction, 2))
	want := `{"name":"Ivan","email":"ivan@example.com","phone":"+380447654321","language":"en"}`
	jsonEqual(t, want, frameFields(t, framesOf(records, customerDataAction)[1]))

	path := filepath.Join(h.appDir(), "profile.json")
	onDisk, err := os.ReadFile(path)
	require.NoError(t, err)
	jsonEqual(t, want, onDisk)
	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())

	// An invalid profile is refused field by field and nothing is written or sent.
	require.NoError(t, s.Drive(map[string]any{"do": "saveProfile", "profile": map[string]any{"name": "Ivan", "email": "not-an-email"}}))
	records = waitRecords(t, s, stepTimeout, "the refused save", func(r []standin.Record) bool { return len(saveResults(r)) == 2 })
	var refused struct {
		Saved  bool `json:"saved"`
		Errors []struct {
			Field string `json:"field"`
		} `json:"errors"`
	}
	require.NoError(t, json.Unmarshal(saveResults(records)[1].Result, &refused))
	assert.False(t, refused.Saved)
	require.Len(t, refused.Errors, 1)
	assert.Equal(t, "email", refused.Errors[0].Field)
	unchanged, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, onDisk, unchanged)
	assert.Len(t, framesOf(s.Records(), customerDataAction), 2)

	a.press("ctrl+q")
	assert.Equal(t, 0, a.waitExit(stepTimeout))
}

func saveResults(records []standin.Record) []standin.Record { return ofType(records, "saveResult") }

func TestTheSupportTeamSeesTheSameVisitorAfterARestart(t *testing.T) {
	h := newHome(t)
	s := startStandIn(t)

	a := startOnStandIn(t, h, s)
	first := mountRecord(t, s.Records())
	require.NotEmpty(t, first.JwID)
	// WebKit keeps a cross-origin frame's localStorage only for the run: the app keeps it.
	require.Eventually(t, func() bool {
		data, _ := os.ReadFile(filepath.Join(h.appDir(), "widget-storage.json"))
		return strings.Contains(string(data), first.JwID)
	}, stepTimeout, 50*time.Millisecond, "the app keeps the widget's visitor id")
	a.press("ctrl+q")
	require.Equal(t, 0, a.waitExit(stepTimeout))

	s.Reset()
	startApp(t, h, "--widget-url", s.URL)
	second := mountRecord(t, waitRecords(t, s, startTimeout, "the mount after restart", mounted))
	assert.Equal(t, first.JwID, second.JwID, "the widget's localStorage visitor id must survive a restart")
}

func TestCommandsGivenWhileTheWidgetLoadsArriveOnceInOrder(t *testing.T) {
	h := newHome(t)
	h.writeProfile(t, `{"name": "Early Bird"}`)
	s, err := standin.Start(widgetDir, 4*time.Second)
	require.NoError(t, err)
	t.Cleanup(s.Close)
	a := startApp(t, h, "--widget-url", s.URL)
	a.window()
	// The widget takes 4 s to mount; these land in the bridge's queue.
	a.press("ctrl+o", "ctrl+shift+w", "ctrl+o", "ctrl+o", "ctrl+d")
	records := waitRecords(t, s, startTimeout, "the queued commands", countCalls("openWidget", 2))
	var got []string
	for _, c := range calls(records, "") {
		got = append(got, c.Command)
	}
	assert.Equal(t, []string{"customerData", "openWidget", "closeWidget", "openWidget"}, got)
}

func TestBadCommandLinesAreRefusedBeforeAnythingStarts(t *testing.T) {
	tests := []struct {
		name string
		args []string
		says string
	}{
		{"widget url that is not http", []string{"--widget-url", "javascript:alert(1)"}, "--widget-url"},
		{"widget url that is a file", []string{"--widget-url", "file:///etc/passwd"}, "--widget-url"},
		{"token with a quote", []string{"--token", `abc"</script>`}, "--token"},
		{"unknown flag", []string{"--frobnicate"}, "frobnicate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHome(t)
			cmd := exec.Command(binary, tt.args...)
			cmd.Env = h.env()
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			require.ErrorAs(t, err, &exit, "output: %s", out)
			assert.Equal(t, 2, exit.ExitCode())
			assert.Contains(t, string(out), tt.says)
			_, statErr := os.Stat(h.appDir())
			assert.True(t, os.IsNotExist(statErr), "nothing may be written")
		})
	}
}

func TestACorruptProfileIsKeptAsideAndTheAppStillRuns(t *testing.T) {
	h := newHome(t)
	h.writeProfile(t, `{"name": "half a file`)
	s := startStandIn(t)
	a := startOnStandIn(t, h, s)
	a.waitOutput("widget ready", stepTimeout)
	a.window()

	aside, err := filepath.Glob(filepath.Join(h.appDir(), "profile.json.corrupt-*"))
	require.NoError(t, err)
	require.Len(t, aside, 1)
	kept, err := os.ReadFile(aside[0])
	require.NoError(t, err)
	assert.Equal(t, `{"name": "half a file`, string(kept), "the user's bytes are kept as they were")
	assert.NoFileExists(t, filepath.Join(h.appDir(), "profile.json"))
	assert.Contains(t, a.stderr.String(), "profile.json.corrupt-")

	a.press("ctrl+d")
	require.NoError(t, s.Drive(map[string]any{"do": "saveProfile", "profile": map[string]any{"name": "Fresh"}}))
	records := waitRecords(t, s, stepTimeout, "the fresh profile to be sent", countCalls("customerData", 1))
	jsonEqual(t, `{"name":"Fresh"}`, calls(records, "customerData")[0].Options)
	screenshot(t, "corrupt-profile-notice")
	assert.FileExists(t, aside[0])
	assert.True(t, strings.HasPrefix(filepath.Base(aside[0]), "profile.json.corrupt-"))
}

func TestWithNoTokenTheBundledDemoWidgetRuns(t *testing.T) {
	h := newHome(t)
	a := startApp(t, h)
	// The demo loads from the app's own assets, so no stand-in sees it: the app's log line says
	// the page saw the demo widget replace the placeholder.
	a.waitOutput("widget ready", startTimeout)
	a.press("ctrl+o")
	time.Sleep(time.Second) // let the panel's opening animation finish for the screenshot
	screenshot(t, "demo-chat-open")
	a.press("ctrl+q")
	assert.Equal(t, 0, a.waitExit(stepTimeout))
	assert.NotContains(t, a.stderr.String(), "widget failed")
}
