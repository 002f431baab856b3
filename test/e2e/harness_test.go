//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"jedidesk-desktop/test/launch"
	"jedidesk-desktop/test/standin"
)

// How long the real app gets for things a person would wait for; generous because CI machines
// are small. These are deadlines for waiting, never assertions about speed.
const (
	startTimeout = 45 * time.Second
	stepTimeout  = 15 * time.Second
)

var (
	binary    = filepath.Join(launch.Root, "build", "bin", "jedidesk-desktop")
	widgetDir = filepath.Join(launch.Root, "frontend", "public", "demo-widget")
)

func TestMain(m *testing.M) {
	if os.Getenv("DISPLAY") == "" || os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		fmt.Fprintln(os.Stderr, "e2e tests need an X server and a D-Bus session: run them with `make test-e2e`")
		os.Exit(1)
	}
	if _, err := os.Stat(binary); err != nil {
		fmt.Fprintln(os.Stderr, "e2e tests need the built app: run `make build` first:", err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// home is one user's set of XDG folders.
type home struct {
	config, data, cache string
	// locale is the system locale the app sees (LANG); the UI language follows it when the
	// profile sets none.
	locale string
	// path replaces PATH when set (to put stand-ins for system programs first).
	path string
	// probe is the stand-in server the app's page answers the tests' questions to
	// (JEDIDESK_TEST_PROBE); startApp takes it from --widget-url when unset.
	probe string
	// extraEnv is added to the app's environment.
	extraEnv []string
}

func newHome(t *testing.T) home {
	dir := t.TempDir()
	h := home{config: filepath.Join(dir, "config"), data: filepath.Join(dir, "data"), cache: filepath.Join(dir, "cache"), locale: "en_US.UTF-8"}
	for _, d := range []string{h.config, h.data, h.cache} {
		require.NoError(t, os.MkdirAll(d, 0o700))
	}
	return h
}

func (h home) appDir() string { return filepath.Join(h.config, "jedidesk-desktop") }

func (h home) writeProfile(t *testing.T, content string) { h.write(t, "profile.json", content) }

// writeSettings writes the user's settings.json and returns its path.
func (h home) writeSettings(t *testing.T, content string) string {
	return h.write(t, "settings.json", content)
}

func (h home) write(t *testing.T, name, content string) string {
	t.Helper()
	require.NoError(t, os.MkdirAll(h.appDir(), 0o700))
	path := filepath.Join(h.appDir(), name)
	require.NoError(t, os.WriteFile(path, []byte(content), 0o600))
	return path
}

// app is one running jedidesk-desktop process.
type app struct {
	t      *testing.T
	proc   *launch.Process
	cmd    *exec.Cmd
	stderr *launch.Output
}

func (h home) env() []string {
	env := os.Environ()
	if h.path != "" {
		env = append(env, "PATH="+h.path)
	}
	if h.probe != "" {
		env = append(env, "JEDIDESK_TEST_PROBE="+h.probe)
	}
	return append(append(env,
		"XDG_CONFIG_HOME="+h.config,
		"XDG_DATA_HOME="+h.data,
		"XDG_CACHE_HOME="+h.cache,
		"NO_AT_BRIDGE=1",
		"LANG="+h.locale, "LC_ALL=", "LC_MESSAGES=",
	), h.extraEnv...)
}

func startApp(t *testing.T, h home, args ...string) *app {
	t.Helper()
	for i, arg := range args {
		if arg == "--widget-url" && i+1 < len(args) && h.probe == "" && strings.HasPrefix(args[i+1], "http://127.0.0.1:") {
			h.probe = args[i+1]
		}
	}
	p := launch.Start(t, h.env(), binary, args...)
	return &app{t: t, proc: p, cmd: p.Cmd, stderr: p.Out}
}

// startOnStandIn starts the app on the stand-in widget s and waits for the widget to mount:
// where most tests begin.
func startOnStandIn(t *testing.T, h home, s *standin.Server, args ...string) *app {
	t.Helper()
	a := startApp(t, h, append([]string{"--widget-url", s.URL}, args...)...)
	waitRecords(t, s, startTimeout, "the widget to mount", mounted)
	return a
}

func (a *app) kill() { a.proc.Kill() }

// waitExit waits for the app to end by itself and returns its exit status.
func (a *app) waitExit(timeout time.Duration) int {
	a.t.Helper()
	return a.proc.WaitExit(a.t, timeout)
}

// waitOutput waits until the app has printed want.
func (a *app) waitOutput(want string, timeout time.Duration) {
	a.t.Helper()
	deadline := time.Now().Add(timeout)
	for !strings.Contains(a.stderr.String(), want) {
		if time.Now().After(deadline) {
			a.t.Fatalf("the app did not print %q within %s; it printed:\n%s", want, timeout, a.stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// window returns the app's visible top-level X window: the biggest of the app's windows by its
// title (GTK maps a 1×1 window off screen during a drag, and a file dialog is the app's too).
func (a *app) window() string {
	a.t.Helper()
	out, err := exec.Command("xdotool", "search", "--sync", "--onlyvisible", "--pid", fmt.Sprint(a.cmd.Process.Pid), "--name", "^JediDesk$").Output()
	require.NoError(a.t, err, "the app's window did not appear")
	ids := strings.Fields(string(out))
	require.NotEmpty(a.t, ids)
	best, area := ids[len(ids)-1], -1
	for _, id := range ids {
		geo, err := exec.Command("xdotool", "getwindowgeometry", "--shell", id).Output()
		if err != nil {
			continue
		}
		var w, h int
		for _, line := range strings.Fields(string(geo)) {
			if v, ok := strings.CutPrefix(line, "WIDTH="); ok {
				w, _ = strconv.Atoi(v)
			}
			if v, ok := strings.CutPrefix(line, "HEIGHT="); ok {
				h, _ = strconv.Atoi(v)
			}
		}
		if w*h > area {
			best, area = id, w*h
		}
	}
	return best
}

// press types a key combination into the app's window. There is no window manager under Xvfb:
// keyboard focus follows the pointer, so the pointer goes over the window first.
func (a *app) press(keys ...string) {
	a.t.Helper()
	w := a.window()
	run(a.t, "xdotool", "mousemove", "--window", w, "300", "300")
	for _, k := range keys {
		run(a.t, "xdotool", "key", "--clearmodifiers", k)
	}
}

func run(t *testing.T, name string, args ...string) {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	require.NoError(t, err, "%s %v: %s", name, args, out)
}

// screenshot keeps a picture of the whole screen as a test artifact.
func screenshot(t *testing.T, name string) string {
	t.Helper()
	return launch.Screenshot(t, name, "root")
}

func startStandIn(t *testing.T) *standin.Server {
	t.Helper()
	s, err := standin.Start(widgetDir, 400*time.Millisecond)
	require.NoError(t, err)
	t.Cleanup(s.Close)
	return s
}

// waitRecords waits until match holds for what the stand-in widget recorded.
func waitRecords(t *testing.T, s *standin.Server, timeout time.Duration, what string, match func([]standin.Record) bool) []standin.Record {
	t.Helper()
	records, ok := s.WaitFor(timeout, match)
	if !ok {
		dump, _ := json.MarshalIndent(records, "", "  ")
		t.Fatalf("timed out waiting for %s; the widget recorded:\n%s", what, dump)
	}
	return records
}

func calls(records []standin.Record, command string) []standin.Record {
	return standin.Calls(records, command)
}

func countCalls(command string, n int) func([]standin.Record) bool {
	return func(records []standin.Record) bool { return len(calls(records, command)) >= n }
}

func hasEvent(name string, n int) func([]standin.Record) bool {
	return func(records []standin.Record) bool {
		count := 0
		for _, r := range records {
			if r.Type == "event" && r.Name == name {
				count++
			}
		}
		return count >= n
	}
}

func mounted(records []standin.Record) bool { return standin.Mounted(records) }

func mountRecord(t *testing.T, records []standin.Record) standin.Record {
	t.Helper()
	for _, r := range records {
		if r.Type == "mount" {
			return r
		}
	}
	t.Fatal("no mount record")
	return standin.Record{}
}

// Element is what the user sees of one element of the app's page.
type Element struct {
	Text    string  `json:"text"`
	Value   *string `json:"value"`
	Checked *bool   `json:"checked"`
	Hidden  bool    `json:"hidden"`
	Lang    string  `json:"lang"`
	Focused bool    `json:"focused"`
	// PageFocused: the window has the keyboard focus (document.hasFocus()) and Go has been told.
	PageFocused bool `json:"pageFocused"`
	// Status is the element's data-status (the delivery line's state).
	Status string `json:"status"`
	// Rect is the element's box in the page's viewport (CSS pixels), Viewport the page's size.
	Rect *struct {
		X      float64 `json:"x"`
		Y      float64 `json:"y"`
		Width  float64 `json:"width"`
		Height float64 `json:"height"`
	} `json:"rect"`
	Viewport struct {
		Width  int `json:"width"`
		Height int `json:"height"`
	} `json:"viewport"`
}

// query asks the app's page (through the stand-in server it reports to) what selector shows.
func query(t *testing.T, s *standin.Server, selector string) Element {
	t.Helper()
	return askElement(t, s, "query", selector)
}

// reveal scrolls selector's element into view and tells what it shows then.
func reveal(t *testing.T, s *standin.Server, selector string) Element {
	t.Helper()
	return askElement(t, s, "reveal", selector)
}

func askElement(t *testing.T, s *standin.Server, do, selector string) Element {
	t.Helper()
	before := len(queries(s.Records()))
	require.NoError(t, s.Drive(map[string]string{"do": do, "selector": selector}))
	records := waitRecords(t, s, stepTimeout, "the answer to query "+selector, func(r []standin.Record) bool { return len(queries(r)) > before })
	answer := queries(records)[before]
	require.NotEqual(t, "null", string(answer.Result), "no element matches %s", selector)
	var el Element
	require.NoError(t, json.Unmarshal(answer.Result, &el))
	return el
}

func queries(records []standin.Record) []standin.Record { return ofType(records, "query") }

// ofType keeps the records of one type ("saveResult", "query", "injectResult"…).
func ofType(records []standin.Record, typ string) []standin.Record {
	return standin.OfType(records, typ)
}

// waitQuery polls what selector shows until ok accepts it.
func waitQuery(t *testing.T, s *standin.Server, selector string, ok func(Element) bool) Element {
	t.Helper()
	deadline := time.Now().Add(stepTimeout)
	for {
		el := query(t, s, selector)
		if ok(el) {
			return el
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s never showed what was expected; last: %+v", selector, el)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// typeText types text into whatever has the keyboard focus.
func (a *app) typeText(text string) {
	a.t.Helper()
	run(a.t, "xdotool", "type", "--delay", "20", text)
}

// menuBar is a picture of the window's menu bar, to see that its labels changed.
func (a *app) menuBar(t *testing.T) []byte {
	t.Helper()
	geo := geometry(t, a.window())
	crop := fmt.Sprintf("%sx24+%s+%s", geo["WIDTH"], geo["X"], geo["Y"])
	pic, err := exec.Command("import", "-window", "root", "-crop", crop, "rgb:-").Output()
	require.NoError(t, err)
	return pic
}

// geometry is xdotool's WIDTH, HEIGHT, X and Y of a window.
func geometry(t *testing.T, window string) map[string]string {
	t.Helper()
	out, err := exec.Command("xdotool", "getwindowgeometry", "--shell", window).Output()
	require.NoError(t, err)
	geo := map[string]string{}
	for _, line := range strings.Fields(string(out)) {
		if k, v, ok := strings.Cut(line, "="); ok {
			geo[k] = v
		}
	}
	// Under a window manager (the keep-on-top test runs one) xdotool's position is off by the
	// frame; xwininfo's is where the window's content is on the screen.
	info, err := exec.Command("xwininfo", "-id", window).Output()
	require.NoError(t, err)
	for _, line := range strings.Split(string(info), "\n") {
		if k, v, ok := strings.Cut(strings.TrimSpace(line), ":"); ok {
			switch k {
			case "Absolute upper-left X":
				geo["X"] = strings.TrimSpace(v)
			case "Absolute upper-left Y":
				geo["Y"] = strings.TrimSpace(v)
			}
		}
	}
	return geo
}
