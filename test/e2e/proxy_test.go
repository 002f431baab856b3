//go:build e2e

package e2e

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/test/httpproxy"
	"jedidesk-desktop/test/standin"
)

// proxiedHost is the stand-in's name behind the company proxy: only the proxy resolves it, so
// a request that skips the proxy fails.
const proxiedHost = "widget.test.invalid"

// behindProxy serves the stand-in s under proxiedHost through a new proxy, and returns the
// proxy and the widget's address through it. The tests' probe stays on 127.0.0.1, which the
// app reaches directly (proxy_bypass, or no_proxy in the environment).
func behindProxy(t *testing.T, h *home, s *standin.Server) (*httpproxy.Proxy, string) {
	t.Helper()
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

func (h home) writeSettings(t *testing.T, content string) string {
	t.Helper()
	require.NoError(t, os.MkdirAll(h.appDir(), 0o700))
	path := filepath.Join(h.appDir(), "settings.json")
	require.NoError(t, os.WriteFile(path, []byte(content), 0o600))
	return path
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
