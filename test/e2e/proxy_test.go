//go:build e2e

package e2e

import (
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/test/httpproxy"
	"jedidesk-desktop/test/launch"
	"jedidesk-desktop/test/standin"
)

// proxiedHost is the stand-in's name behind the company proxy: only the proxy resolves it, so
// a request that skips the proxy fails.
const proxiedHost = "widget.test.invalid"

// behindProxy serves the stand-in s under proxiedHost through a new proxy, and returns the
// proxy and the widget's address through it. The tests' probe stays on 127.0.0.1, which the
// app reaches directly (proxy_bypass, or no_proxy in the environment). The app reads the
// keyring for a proxy set in its settings: the test's session has a Secret Service.
func behindProxy(t *testing.T, h *home, s *standin.Server) (*httpproxy.Proxy, string) {
	t.Helper()
	secretService(t)
	p, err := httpproxy.Start(map[string]string{proxiedHost: "127.0.0.1"})
	require.NoError(t, err)
	t.Cleanup(func() {
		if t.Failed() {
			for _, e := range p.Log() {
				t.Logf("proxy: %+v", e)
			}
		}
		p.Close()
	})
	u, err := url.Parse(s.URL)
	require.NoError(t, err)
	h.probe = s.URL
	return p, "http://" + proxiedHost + ":" + u.Port()
}

// assertAllThroughProxy checks that the widget's files, the app's own requests and the chat
// socket all went through p. Only the widget's host gets through it: the page's preconnect to
// JediDesk's API is refused there, which shows it asked the proxy too.
func assertAllThroughProxy(t *testing.T, p *httpproxy.Proxy, widgetURL string) {
	t.Helper()
	u, err := url.Parse(widgetURL)
	require.NoError(t, err)
	var appFile, appAPI, socket bool
	for _, e := range p.Log() {
		if e.Host != u.Host {
			assert.Equal(t, 403, e.Status, "only the widget's host goes through the proxy: %+v", e)
			continue
		}
		assert.Equal(t, 200, e.Status, "%+v", e)
		ownRequest := e.UserAgent == "jedidesk-desktop"
		switch {
		case strings.HasPrefix(e.Path, "/static/js/main.js") && ownRequest:
			appFile = true
		case strings.HasPrefix(e.Path, "/api/widget/settings/") && ownRequest:
			appAPI = true
		case e.Path == "/wss" || strings.HasPrefix(e.Path, "/wss?") || e.Method == "CONNECT":
			socket = true
		}
	}
	assert.True(t, appFile, "the app's own fetch of the widget's script went through the proxy")
	assert.True(t, appAPI, "the app's early settings request went through the proxy")
	assert.True(t, socket, "the chat socket went through the proxy")
}

// chatThroughProxy starts a chat and waits for the profile to reach the support team's server.
func chatThroughProxy(t *testing.T, a *app, s *standin.Server) {
	t.Helper()
	a.press("ctrl+o")
	require.NoError(t, s.Drive(map[string]string{"do": "startChat"}))
	records := waitRecords(t, s, startTimeout, "the profile on the chat socket", countFrames(customerDataAction, 1))
	jsonEqual(t, savedProfile, frameFields(t, framesOf(records, customerDataAction)[0]))
}

func TestTheWidgetTheChatAndTheAppsOwnRequestsGoThroughTheProxySetInSettings(t *testing.T) {
	h := newHome(t)
	h.writeProfile(t, savedProfile)
	s := startStandIn(t)
	p, widgetURL := behindProxy(t, &h, s)
	h.writeSettings(t, `{"proxy": "`+p.URL+`", "proxy_bypass": ["127.0.0.1"]}`)

	a := startApp(t, h, "--widget-url", widgetURL, "--token", "tok_proxy")

	waitRecords(t, s, startTimeout, "the widget to mount through the proxy", mounted)
	chatThroughProxy(t, a, s)
	assertAllThroughProxy(t, p, widgetURL)
	a.waitOutput("network: proxy "+p.URL, stepTimeout)
}

func TestTheAdministratorsLockedProxyCarriesTheChatAndShowsReadOnly(t *testing.T) {
	h := newHome(t)
	h.writeProfile(t, savedProfile)
	s := startStandIn(t)
	p, widgetURL := behindProxy(t, &h, s)
	adminFile(t, `{"proxy": "`+p.URL+`", "proxy_bypass": ["127.0.0.1"], "locked": ["proxy", "proxy_bypass"]}`)
	userFile := h.writeSettings(t, `{"proxy": "none"}`)

	a := startApp(t, h, "--widget-url", widgetURL, "--token", "tok_proxy")

	waitRecords(t, s, startTimeout, "the widget to mount through the administrator's proxy", mounted)
	chatThroughProxy(t, a, s)
	assertAllThroughProxy(t, p, widgetURL)

	a.press("ctrl+comma")
	waitQuery(t, s, "#s-token", func(e Element) bool { return e.Focused })
	assert.Equal(t, p.URL, *reveal(t, s, "#s-proxy").Value, "the user sees the proxy in use")
	// In the profile's language.
	assert.Equal(t, "Встановлено адміністратором.", query(t, s, "#locked-proxy").Text)
	assert.Equal(t, "Встановлено адміністратором.", query(t, s, "#locked-proxy_bypass").Text)
	screenshot(t, "settings-locked-proxy")
	a.click(t, s, "#s-proxy")
	a.typeText("x")
	a.press("Return")
	waitQuery(t, s, "#settings", func(e Element) bool { return e.Hidden })
	assert.Equal(t, p.URL, *query(t, s, "#s-proxy").Value, "the field is read-only")
	saved, err := os.ReadFile(userFile)
	require.NoError(t, err)
	jsonEqual(t, `{"proxy": "none"}`, saved)
}

func TestTheDesktopsProxyFromTheEnvironmentStillCarriesTheChat(t *testing.T) {
	h := newHome(t)
	h.writeProfile(t, savedProfile)
	s := startStandIn(t)
	p, widgetURL := behindProxy(t, &h, s)
	for _, name := range []string{"http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"} {
		t.Setenv(name, p.URL)
	}
	t.Setenv("no_proxy", "127.0.0.1")
	t.Setenv("NO_PROXY", "127.0.0.1")

	a := startApp(t, h, "--widget-url", widgetURL, "--token", "tok_proxy")

	waitRecords(t, s, startTimeout, "the widget to mount through the environment's proxy", mounted)
	chatThroughProxy(t, a, s)
	assertAllThroughProxy(t, p, widgetURL)
	a.waitOutput("network: proxy system", stepTimeout)
}

func TestHostsInTheBypassListAreReachedWithoutTheProxy(t *testing.T) {
	secretService(t)
	h := newHome(t)
	s := startStandIn(t)
	p, err := httpproxy.Start(map[string]string{proxiedHost: "127.0.0.1"})
	require.NoError(t, err)
	t.Cleanup(p.Close)
	h.writeSettings(t, `{"proxy": "`+p.URL+`", "proxy_bypass": ["127.0.0.1"]}`)

	// The stand-in on 127.0.0.1, which the proxy would refuse.
	a := startOnStandIn(t, h, s, "--token", "tok_direct")

	a.waitOutput("widget ready", stepTimeout)
	log := p.Log()
	require.NotEmpty(t, log, "the proxy is in use (the page's preconnect to JediDesk asks it)")
	for _, e := range log {
		assert.NotContains(t, e.Host, "127.0.0.1", "nothing for a bypassed host goes to the proxy")
	}
}

func TestABadProxyIsRefusedInSettingsWithItsErrorAndNothingIsSaved(t *testing.T) {
	h := newHome(t)
	s := startStandIn(t)
	a := startOnStandIn(t, h, s)
	a.waitOutput("widget ready", stepTimeout)

	a.press("ctrl+comma")
	waitQuery(t, s, "#s-token", func(e Element) bool { return e.Focused })
	a.click(t, s, "#s-proxy")
	a.typeText("proxy.corp.example:3128")
	a.press("Return")
	refused := waitQuery(t, s, "#e-proxy", func(e Element) bool { return e.Text != "" })
	assert.Equal(t, "Enter “system”, “none” or a proxy address with its port, like http://proxy.example.com:3128 (http://, https:// or socks5://).", refused.Text)
	assert.True(t, query(t, s, "#s-proxy").Focused, "the wrong field has the focus")
	screenshot(t, "settings-bad-proxy")
	_, err := os.Stat(filepath.Join(h.appDir(), "settings.json"))
	assert.ErrorIs(t, err, os.ErrNotExist, "nothing is written")
	a.waitOutput("refused a settings change: proxy (invalid_format)", stepTimeout)
}

func TestABadProxyInTheAdministratorsFileIsNamedAndNothingOfItApplies(t *testing.T) {
	path := adminFile(t, `{"proxy": "http://proxy.corp.example", "locked": ["proxy"]}`)
	h := newHome(t)
	s := startStandIn(t)

	a := startOnStandIn(t, h, s)

	a.waitOutput("Your administrator's settings could not be used (administrator settings "+path+": proxy: give the proxy's port after its host", stepTimeout)
	notice := waitQuery(t, s, "#notices", func(e Element) bool { return e.Text != "" })
	assert.Contains(t, notice.Text, "proxy: give the proxy's port after its host")
	a.waitOutput("network: proxy system", stepTimeout)
}

const (
	proxyUser     = "alice"
	proxyPassword = "s3cret-pw"
)

// signInPrompt waits for the proxy's sign-in to show, naming p, and returns its text.
func signInPrompt(t *testing.T, s *standin.Server, p *httpproxy.Proxy) {
	t.Helper()
	waitQuery(t, s, "#proxy-signin", func(e Element) bool { return !e.Hidden })
	text := query(t, s, "#proxy-signin-text").Text
	assert.Equal(t, "The proxy "+p.Addr+" asks for your user name and password before the chat can load.", text)
}

func TestTheProxysSignInAsksAgainWhenRefusedAndLoadsTheChatWithTheRightDetails(t *testing.T) {
	h := newHome(t)
	h.writeProfile(t, `{"name": "Alice", "language": "en"}`)
	s := startStandIn(t)
	p, widgetURL := behindProxy(t, &h, s)
	p.RequireAuth(proxyUser, proxyPassword)
	h.writeSettings(t, `{"proxy": "`+p.URL+`", "proxy_bypass": ["127.0.0.1"]}`)

	a := startApp(t, h, "--widget-url", widgetURL, "--token", "tok_proxy")

	signInPrompt(t, s, p)
	waitQuery(t, s, "#p-user", func(e Element) bool { return e.Focused })
	screenshot(t, "proxy-sign-in")
	a.typeText(proxyUser)
	a.press("Tab")
	a.typeText("wrong")
	a.press("Return")
	refused := waitQuery(t, s, "#proxy-signin-refused", func(e Element) bool { return e.Text != "" })
	assert.Equal(t, "The proxy refused this user name and password. Check them and try again.", refused.Text)
	assert.True(t, query(t, s, "#p-password").Focused, "asked again for the password")
	screenshot(t, "proxy-sign-in-refused")

	a.typeText(proxyPassword)
	a.press("Return")
	waitRecords(t, s, startTimeout, "the widget to mount after the sign-in", mounted)
	a.press("ctrl+o")
	require.NoError(t, s.Drive(map[string]string{"do": "startChat"}))
	waitRecords(t, s, startTimeout, "the profile on the chat socket", countFrames(customerDataAction, 1))
	var signedIn bool
	for _, e := range p.Log() {
		signedIn = signedIn || (e.User == proxyUser && e.Status == 200 && strings.HasPrefix(e.Path, "/static/js/main.js"))
	}
	assert.True(t, signedIn, "the app's own requests carry the details")
	log := a.stderr.String()
	assert.Contains(t, log, "network: the proxy "+p.Addr+" refused the app (407: it asks for a sign-in)")
	assert.Contains(t, log, `signed in to the proxy `+p.Addr+` as "alice"`)
	assert.NotContains(t, log, proxyPassword, "never a password in the log")
	assert.NotContains(t, log, "wrong")
}

func TestCancellingTheProxysSignInSaysTheProxyRefusedAndOffersToTryAgain(t *testing.T) {
	h := newHome(t)
	h.writeProfile(t, `{"name": "Alice", "language": "en"}`)
	s := startStandIn(t)
	p, widgetURL := behindProxy(t, &h, s)
	p.RequireAuth(proxyUser, proxyPassword)
	h.writeSettings(t, `{"proxy": "`+p.URL+`", "proxy_bypass": ["127.0.0.1"]}`)

	a := startApp(t, h, "--widget-url", widgetURL, "--token", "tok_proxy")

	signInPrompt(t, s, p)
	// The window says it behind the sign-in at once; the bar grows with it, so wait before clicking.
	status := waitQuery(t, s, "#status", func(e Element) bool { return strings.Contains(e.Text, "proxy") })
	a.click(t, s, "#cancel-proxy-signin")
	waitQuery(t, s, "#proxy-signin", func(e Element) bool { return e.Hidden })
	assert.Equal(t, "The chat could not be loaded: the network's proxy refused the connection (it asks for a sign-in).", status.Text)
	assert.False(t, query(t, s, "#retry").Hidden, "Try again is offered")
	screenshot(t, "proxy-refused")
	a.waitOutput("the user cancelled the proxy's sign-in", stepTimeout)

	a.click(t, s, "#retry")
	signInPrompt(t, s, p)
}

// secretService starts a Secret Service (gnome-keyring) on the test's session bus, with a login
// keyring of its own, unlocked, as a desktop session has. Every test with a proxy in the app's
// settings has one: the app reads the keyring at start, and without a service of its own the
// bus would start one that asks for a password on screen.
func secretService(t *testing.T) {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.Command("gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets")
	cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_DATA_HOME="+filepath.Join(dir, "data"), "XDG_CACHE_HOME="+filepath.Join(dir, "cache"), "XDG_CONFIG_HOME="+filepath.Join(dir, "config"))
	cmd.Stdin = strings.NewReader("test keyring password")
	require.NoError(t, cmd.Start(), "gnome-keyring (scripts/setup.sh installs it)")
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	bus, err := dbus.SessionBus()
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		var owned bool
		return bus.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, "org.freedesktop.secrets").Store(&owned) == nil && owned
	}, stepTimeout, 50*time.Millisecond, "the Secret Service on the session bus")
}

func TestARememberedProxySignInIsKeptInTheKeyringAndAskedForNoMore(t *testing.T) {
	h := newHome(t)
	h.writeProfile(t, `{"name": "Alice", "language": "en"}`)
	s := startStandIn(t)
	p, widgetURL := behindProxy(t, &h, s)
	p.RequireAuth(proxyUser, proxyPassword)
	settingsPath := h.writeSettings(t, `{"proxy": "`+p.URL+`", "proxy_bypass": ["127.0.0.1"]}`)

	a := startApp(t, h, "--widget-url", widgetURL, "--token", "tok_proxy")
	signInPrompt(t, s, p)
	a.typeText(proxyUser)
	a.press("Tab")
	a.typeText(proxyPassword)
	// The bar grows with the failure it shows behind the sign-in: click once it has.
	waitQuery(t, s, "#status", func(e Element) bool { return strings.Contains(e.Text, "proxy") })
	a.click(t, s, "#p-remember")
	waitQuery(t, s, "#p-remember", func(e Element) bool { return e.Checked != nil && *e.Checked })
	a.press("Return")
	waitRecords(t, s, startTimeout, "the widget to mount after the sign-in", mounted)
	a.waitOutput("is kept in the desktop's keyring", stepTimeout)
	a.kill()

	// The next start asks nothing: the kept sign-in goes with the first requests.
	s.Reset()
	a = startApp(t, h, "--widget-url", widgetURL, "--token", "tok_proxy")
	waitRecords(t, s, startTimeout, "the widget to mount with the kept sign-in", mounted)
	a.waitOutput(`the sign-in of user "alice" for the proxy `+p.Addr+` comes from the desktop's keyring`, stepTimeout)
	assert.True(t, query(t, s, "#proxy-signin").Hidden, "nothing asked")
	a.press("ctrl+o")
	require.NoError(t, s.Drive(map[string]string{"do": "startChat"}))
	waitRecords(t, s, startTimeout, "the profile on the chat socket", countFrames(customerDataAction, 1))

	// Neither the settings nor the log hold the password.
	saved, err := os.ReadFile(settingsPath)
	require.NoError(t, err)
	assert.NotContains(t, string(saved), proxyPassword)
	assert.NotContains(t, a.stderr.String(), proxyPassword)
}

func TestTheWindowSaysWhetherTheProxyTheServersNameOrTheServerFailed(t *testing.T) {
	tests := []struct {
		name, settings, widgetURL, code, words string
	}{
		{"a proxy that does not answer", `{"proxy": "http://127.0.0.9:9", "proxy_bypass": ["127.0.0.1"]}`, "http://" + proxiedHost + ":9",
			"proxy-unreachable", "the network's proxy does not answer (check the proxy in Settings, or ask your IT department)."},
		{"a name that does not resolve", `{"proxy": "none"}`, "http://nowhere.test.invalid:9",
			"name-not-found", "the chat's server could not be found by name (no network yet, or its name service is down)."},
		{"a server that does not answer", `{"proxy": "none"}`, "http://127.0.0.9:9",
			"server-down", "the chat's server does not answer (it may be down, or the network blocks it)."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			secretService(t)
			h := newHome(t)
			h.writeProfile(t, `{"language": "en"}`)
			s := startStandIn(t)
			h.probe = s.URL
			h.writeSettings(t, tt.settings)

			a := startApp(t, h, "--widget-url", tt.widgetURL, "--token", "tok_offline")

			status := waitQuery(t, s, "#status", func(e Element) bool { return strings.Contains(e.Text, "could not be loaded") })
			assert.Contains(t, status.Text, "The chat could not be loaded: "+tt.words)
			a.waitOutput("network: "+tt.code, stepTimeout)
			screenshot(t, "network-"+tt.code)
		})
	}
}

// outage is how long the widget's server is down after the app starts, the issue's: long enough
// for the page's own pauses (2, 4, 8 s… up to a minute) to have reached their longest.
const outage = 90 * time.Second

func TestTheChatIsBackWithinSecondsOfItsServerAndThePageIsNotReloadedWhileItIsDown(t *testing.T) {
	probe := startStandIn(t)
	h := newHome(t)
	h.writeProfile(t, `{"language": "en"}`)
	h.probe = probe.URL
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())

	a := startApp(t, h, "--widget-url", "http://"+addr, "--token", "tok_outage")
	started := time.Now()

	status := waitQuery(t, probe, "#status", func(e Element) bool { return strings.Contains(e.Text, "as soon as its server answers") })
	assert.Contains(t, status.Text, "the chat's server does not answer")
	a.waitOutput("network: the widget's server does not answer", stepTimeout)
	time.Sleep(outage - time.Since(started))
	assert.Equal(t, 1, strings.Count(a.stderr.String(), "widget loading"), "no page reloads while the server is down")

	s, err := standin.StartAt(addr, widgetDir, 400*time.Millisecond)
	require.NoError(t, err)
	t.Cleanup(s.Close)
	up := time.Now()
	waitRecords(t, s, startTimeout, "the widget to mount once its server is up", mounted)
	back := time.Since(up)
	t.Logf("server down for %s after launch; the widget mounted %s after it came up", outage.Round(time.Second), back.Round(10*time.Millisecond))
	assert.Less(t, back, 5*time.Second, "the chat is back within 5 s of its server")
	a.waitOutput("network: the widget's server answers", stepTimeout)
}

// withCompanyCA starts the app with ca added to the system's certificate store for it alone: a
// copy of the store with ca in it, bound over the system's in a mount namespace of the app's
// own, so that the machine's store is never touched.
func withCompanyCA(t *testing.T, h home, ca *httpproxy.CompanyCA, args ...string) *app {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("a mount namespace of the app's own needs root (the tests run as root in CI)")
	}
	const store = "/etc/ssl/certs/ca-certificates.crt"
	system, err := os.ReadFile(store)
	require.NoError(t, err)
	bundle := filepath.Join(t.TempDir(), "ca-certificates.crt")
	require.NoError(t, os.WriteFile(bundle, append(append(system, '\n'), ca.PEM...), 0o644))
	p := launch.Start(t, h.env(), "unshare", append([]string{"--mount", "sh", "-c", `mount --bind "$0" ` + store + ` && exec "$@"`, bundle, binary}, args...)...)
	return &app{t: t, proc: p, cmd: p.Cmd, stderr: p.Out}
}

func TestACompanyCertificateAuthorityInTheSystemStoreIsTrustedByTheWebviewAndTheApp(t *testing.T) {
	ca, err := httpproxy.NewCompanyCA()
	require.NoError(t, err)
	leaf, err := ca.Leaf(proxiedHost)
	require.NoError(t, err)
	h := newHome(t)
	h.writeProfile(t, savedProfile)
	s := startStandInWith(t, standin.Options{HTTPS: true})
	p, plainURL := behindProxy(t, &h, s)
	p.Inspect(leaf)
	widgetURL := strings.Replace(plainURL, "http://", "https://", 1)
	h.writeSettings(t, `{"proxy": "`+p.URL+`", "proxy_bypass": ["127.0.0.1"]}`)

	// Without the company's authority the inspected TLS is refused: nothing loads.
	a := startApp(t, h, "--widget-url", widgetURL, "--token", "tok_tls")
	status := waitQuery(t, s, "#status", func(e Element) bool { return strings.Contains(e.Text, "довіряти") })
	assert.Contains(t, status.Text, "жоден центр сертифікації на цьому комп'ютері за нього не ручається", "in the profile's language")
	assert.False(t, mounted(s.Records()), "no widget without the company's authority")
	a.waitOutput("network: not-trusted", stepTimeout)
	screenshot(t, "network-not-trusted")
	a.kill()

	a = withCompanyCA(t, h, ca, "--widget-url", widgetURL, "--token", "tok_tls")

	waitRecords(t, s, startTimeout, "the widget to mount over the inspected TLS", mounted)
	chatThroughProxy(t, a, s)
	// Inside the tunnels the proxy sees no paths: the app's own and the webview's tunnels.
	u, err := url.Parse(widgetURL)
	require.NoError(t, err)
	var own, webview int
	for _, e := range p.Log() {
		if e.Host != u.Host {
			assert.Equal(t, 403, e.Status, "only the widget's host goes through the proxy: %+v", e)
			continue
		}
		assert.Equal(t, "CONNECT", e.Method)
		if e.UserAgent == "jedidesk-desktop" {
			own++
		} else {
			webview++
		}
	}
	assert.Positive(t, own, "the app's own requests went through the inspecting proxy")
	assert.Positive(t, webview, "the webview's went through it")
}

func TestTheDesktopsProxyAskingForASignInIsToldAndLeftToTheDesktopsSettings(t *testing.T) {
	h := newHome(t)
	h.writeProfile(t, `{"language": "en"}`)
	s := startStandIn(t)
	p, widgetURL := behindProxy(t, &h, s)
	p.RequireAuth(proxyUser, proxyPassword)
	for _, name := range []string{"http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"} {
		t.Setenv(name, p.URL)
	}
	t.Setenv("no_proxy", "127.0.0.1")
	t.Setenv("NO_PROXY", "127.0.0.1")

	a := startApp(t, h, "--widget-url", widgetURL, "--token", "tok_proxy")

	status := waitQuery(t, s, "#status", func(e Element) bool { return strings.Contains(e.Text, "proxy") })
	assert.Equal(t, "The chat could not be loaded: the network's proxy refused the connection (it asks for a sign-in).", status.Text)
	a.waitOutput("the desktop's proxy refused the app (407: it asks for a sign-in; give it in the desktop's proxy settings", stepTimeout)
	assert.True(t, query(t, s, "#proxy-signin").Hidden, "the app asks for no proxy it does not know")
}
