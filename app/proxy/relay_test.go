package proxy_test

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/proxy"
	"jedidesk-desktop/test/httpproxy"
)

func TestTheRelayPassesRequestsOnWithTheUsersSignIn(t *testing.T) {
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		assert.Empty(t, r.Header.Get("Proxy-Authorization"), "the sign-in is the proxy's, not the server's")
		_, _ = io.WriteString(w, "the widget")
	}))
	t.Cleanup(target.Close)
	company, err := httpproxy.Start(map[string]string{"widget.test.invalid": "127.0.0.1"})
	require.NoError(t, err)
	t.Cleanup(company.Close)
	company.RequireAuth("alice", "pw")
	relay, err := proxy.StartRelay()
	require.NoError(t, err)
	t.Cleanup(relay.Close)
	_, port, err := net.SplitHostPort(target.Listener.Addr().String())
	require.NoError(t, err)

	tests := []struct {
		name     string
		password string
		status   int
	}{
		{"the right password passes", "pw", http.StatusOK},
		{"a wrong one is the proxy's 407", "wrong", http.StatusProxyAuthRequired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := proxy.Parse(company.URL, []string{"localhost"})
			require.NoError(t, err)
			c.SignIn = url.UserPassword("alice", tt.password)
			webview := relay.Via(c)
			require.NotEqual(t, company.URL, webview.URL.String(), "the webview goes through the relay")
			assert.Nil(t, webview.SignIn, "the webview gets no password")
			assert.Equal(t, []string{"localhost"}, webview.Bypass)
			client := &http.Client{Transport: proxy.Transport(func() proxy.Config { return webview })}
			resp, err := client.Get("http://widget.test.invalid:" + port + "/")
			require.NoError(t, err)
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			assert.Equal(t, tt.status, resp.StatusCode)
			if tt.status == http.StatusOK {
				assert.Equal(t, "the widget", string(body))
			}
		})
	}
	log := company.Log()
	require.NotEmpty(t, log)
	assert.Equal(t, "alice", log[0].User)
}

func TestTheRelayIsLeftOutWithoutASignIn(t *testing.T) {
	relay, err := proxy.StartRelay()
	require.NoError(t, err)
	t.Cleanup(relay.Close)
	plain, err := proxy.Parse("http://proxy.corp.example:3128", nil)
	require.NoError(t, err)
	assert.Equal(t, plain, relay.Via(plain))
	socks, err := proxy.Parse("socks5://proxy.corp.example:1080", nil)
	require.NoError(t, err)
	socks.SignIn = url.UserPassword("alice", "pw")
	assert.Equal(t, socks, relay.Via(socks), "a SOCKS proxy takes its sign-in in its own handshake")
	var none *proxy.Relay
	assert.Equal(t, plain, none.Via(plain), "no relay: the proxy as it is")
}
