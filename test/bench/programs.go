package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"jedidesk-desktop/test/sniwatcher"
	"jedidesk-desktop/test/standin"
)

// program is one of the two things compared.
type program interface {
	name() string
	// command starts the program as l says.
	command(l launch) *exec.Cmd
	// quit asks the running program to quit, as a user does, so that it keeps what it keeps
	// between starts (its caches); env is the one it was started with.
	quit(cmd *exec.Cmd, env []string) error
	// chat returns how to open and close the chat, once the widget has mounted.
	chat(cmd *exec.Cmd, s *standin.Server) (chat, error)
	// globalShortcut is the key combination that toggles the chat from anywhere, or "".
	globalShortcut() string
	// hide puts the running program away as a user does for the day: the app to its tray,
	// Chromium's window minimised. panel is the desktop's tray (a StatusNotifierWatcher).
	hide(cmd *exec.Cmd, panel *sniwatcher.Watcher) error
}

// launch is how a program is started.
type launch struct {
	// widgetURL is the stand-in widget's address; dir holds the program's files.
	widgetURL, dir string
	// token is the widget token ("": none, as in the loopback suite).
	token string
	// openAtLaunch asks for the chat at once, as a user who opens it while the program starts:
	// it opens as soon as the widget can open it.
	openAtLaunch bool
}

// chat opens and closes the widget's chat; the widget's record of the call is the caller's to
// wait for.
type chat interface {
	open() error
	close() error
}

// homeEnv gives a program its own empty XDG folders under dir, the same for both programs, so
// every run is a first start and nothing of the user's is read or written.
func homeEnv(dir string) ([]string, error) {
	env := os.Environ()
	for _, v := range []string{"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"} {
		d := filepath.Join(dir, strings.ToLower(strings.TrimPrefix(v, "XDG_")))
		if err := os.MkdirAll(d, 0o700); err != nil {
			return nil, err
		}
		env = append(env, v+"="+d)
	}
	// As the e2e tests run the app: no accessibility bus, English UI (the widget follows it).
	return append(env, "NO_AT_BRIDGE=1", "LANG=en_US.UTF-8", "LC_ALL=", "LC_MESSAGES="), nil
}

// appProgram is JediDesk Desktop pointed at the stand-in, as `--widget-url` lets a user do.
type appProgram struct{ binary string }

func (appProgram) name() string           { return "app" }
func (appProgram) globalShortcut() string { return "ctrl+alt+j" }

func (p appProgram) command(l launch) *exec.Cmd {
	args := []string{"--widget-url", l.widgetURL}
	if l.token != "" {
		args = append(args, "--token", l.token)
	}
	if l.openAtLaunch {
		args = append(args, "--open")
	}
	return exec.Command(p.binary, args...)
}

// quit is a second launch with --quit, which the running app takes over D-Bus (SIGTERM would
// only hide it to the tray).
func (p appProgram) quit(_ *exec.Cmd, env []string) error {
	q := exec.Command(p.binary, "--quit")
	q.Env = env
	if out, err := q.CombinedOutput(); err != nil {
		return fmt.Errorf("%s --quit: %v: %s", p.binary, err, out)
	}
	return nil
}

// chat for the app is its menu accelerators. There is no window manager under Xvfb: keyboard
// focus follows the pointer, so the pointer goes over the window first (and stays there).
func (p appProgram) chat(cmd *exec.Cmd, _ *standin.Server) (chat, error) {
	ctx, cancel := context.WithTimeout(context.Background(), stepTimeout)
	defer cancel()
	out, err := exec.CommandContext(ctx, "xdotool", "search", "--sync", "--onlyvisible", "--pid", fmt.Sprint(cmd.Process.Pid)).Output()
	ids := strings.Fields(string(out))
	if err != nil || len(ids) == 0 {
		return nil, fmt.Errorf("the app's window did not appear: %v", err)
	}
	if err := xdotool("mousemove", "--window", ids[len(ids)-1], "300", "300"); err != nil {
		return nil, err
	}
	return accelerators{}, nil
}

type accelerators struct{}

func (accelerators) open() error  { return xdotool("key", "--clearmodifiers", "ctrl+o") }
func (accelerators) close() error { return xdotool("key", "--clearmodifiers", "ctrl+shift+w") }

func xdotool(args ...string) error {
	if out, err := exec.Command("xdotool", args...).CombinedOutput(); err != nil {
		return fmt.Errorf("xdotool %v: %v: %s", args, err, out)
	}
	return nil
}

// chromiumProgram is Chromium showing hostPage in an --app window: a real window under Xvfb,
// like the app's, not headless.
type chromiumProgram struct {
	binary  string
	hostURL string
}

// chromiumFlags are the platform notes' flags for Chromium on these machines, plus the X11
// backend and the app's window size so both draw the same number of pixels, and its own
// password store: a desktop keyring on the session bus would otherwise ask for a password.
var chromiumFlags = []string{
	"--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
	"--disable-background-networking", "--disable-component-update", "--disable-sync",
	"--ozone-platform=x11", "--window-size=1100,760", "--password-store=basic",
}

func (chromiumProgram) name() string           { return "chromium" }
func (chromiumProgram) globalShortcut() string { return "" }

func (p chromiumProgram) command(l launch) *exec.Cmd {
	query := url.Values{"widget": {l.widgetURL}, "token": {l.token}}
	if l.openAtLaunch {
		query.Set("open", "1")
	}
	args := append(append([]string(nil), chromiumFlags...), "--user-data-dir="+filepath.Join(l.dir, "chromium"), "--app="+p.hostURL+"?"+query.Encode())
	return exec.Command(p.binary, args...)
}

// quit: Chromium shuts down in order on SIGTERM, writing its caches.
func (chromiumProgram) quit(cmd *exec.Cmd, _ []string) error {
	return cmd.Process.Signal(syscall.SIGTERM)
}

// chat for Chromium goes through the stand-in's "post" control: the widget's page posts the
// message to itself, and hostPage's listener passes it to window.JediDesk.
func (chromiumProgram) chat(_ *exec.Cmd, s *standin.Server) (chat, error) { return pageHook{s}, nil }

type pageHook struct{ s *standin.Server }

func (h pageHook) open() error  { return h.call("openWidget") }
func (h pageHook) close() error { return h.call("closeWidget") }

func (h pageHook) call(command string) error {
	return h.s.Drive(map[string]any{"do": "post", "message": map[string]string{"jediDeskBench": command}})
}

// hostPage embeds the widget given in ?widget= the way the app's frontend/src/frame/bridge.ts does
// (and JediDesk's install snippet): settings and a placeholder JediDesk before the script,
// <div id="jedidesk">, the CSS link, then main.js, async, with a cache-buster. The app runs with
// no profile language, hence the same settings here, and the token given in ?token=. The
// additions are the bench's message listener, the browser's stand-in for the app's menu, and
// with ?open=1 an openWidget as soon as the widget has mounted (it replaces the placeholder),
// as the app's --open does.
const hostPage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>JediDesk</title></head>
<body>
<script>
(function () {
  "use strict";
  var params = new URLSearchParams(location.search);
  window.jediDeskSettings = { token: params.get("token") || "" };
  var placeholder = function () {};
  var current = placeholder;
  Object.defineProperty(window, "JediDesk", {
    configurable: true,
    get: function () { return current; },
    set: function (fn) {
      current = fn;
      if (fn !== placeholder && params.get("open") === "1") fn("openWidget");
    }
  });
  window.JediDesk = placeholder;
  window.addEventListener("message", function (e) {
    if (e.source === window && e.data && typeof e.data.jediDeskBench === "string") window.JediDesk(e.data.jediDeskBench);
  });
  var base = new URL(params.get("widget").replace(/\/+$/, "") + "/");
  var mount = document.createElement("div");
  mount.id = "jedidesk";
  document.body.appendChild(mount);
  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = new URL("static/css/index_bundle.css", base).href;
  document.head.appendChild(css);
  var src = new URL("static/js/main.js", base);
  src.searchParams.set("v", String(Date.now()));
  var script = document.createElement("script");
  script.async = true;
  script.src = src.href;
  document.body.appendChild(script);
})();
</script>
</body>
</html>
`

// serveHostPage serves hostPage on a free loopback port and returns its URL and a stop function.
func serveHostPage() (string, func(), error) {
	return serveLoopback(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		servePage(w, hostPage)
	}))
}

// serveLoopback serves h on a free loopback port and returns its URL and a stop function.
func serveLoopback(h http.Handler) (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String() + "/", func() { srv.Close() }, nil
}

// servePage answers with page, never kept by the browser.
func servePage(w http.ResponseWriter, page string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprint(w, page)
}
