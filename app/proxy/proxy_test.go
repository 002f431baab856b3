package proxy_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/proxy"
)

func TestParseAcceptsTheSettingsForms(t *testing.T) {
	tests := []struct {
		name, raw string
		mode      proxy.Mode
		host      string
		glib      string
	}{
		{"empty is the desktop's", "", proxy.System, "", ""},
		{"system in any case", " System ", proxy.System, "", ""},
		{"none connects directly", "none", proxy.Direct, "", "direct://"},
		{"http proxy", "http://proxy.corp.example:3128", proxy.Server, "proxy.corp.example:3128", "http://proxy.corp.example:3128"},
		{"https proxy", "https://proxy.corp.example:443/", proxy.Server, "proxy.corp.example:443", "https://proxy.corp.example:443"},
		{"socks5 proxy", "socks5://127.0.0.1:1080", proxy.Server, "127.0.0.1:1080", "socks5://127.0.0.1:1080"},
		{"user and password", "http://me:s%40cret@proxy.corp.example:8080", proxy.Server, "proxy.corp.example:8080", "http://me:s%40cret@proxy.corp.example:8080"},
		{"IPv6 host", "http://[::1]:3128", proxy.Server, "[::1]:3128", "http://[::1]:3128"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := proxy.Parse(tt.raw, nil)
			require.NoError(t, err)
			assert.Equal(t, tt.mode, c.Mode)
			assert.Equal(t, tt.host, c.Host())
			uri, _ := c.GLib()
			assert.Equal(t, tt.glib, uri)
		})
	}
}

func TestParseNamesWhatIsWrongWithABadProxy(t *testing.T) {
	tests := []struct{ name, raw, says string }{
		{"a word that is no mode", "auto", `proxy must be "system", "none" or a proxy's address like http://proxy.example.com:3128`},
		{"host without scheme", "proxy.corp.example:3128", "proxy: begin the address with http://, https:// or socks5://"},
		{"unknown scheme", "ftp://proxy.corp.example:21", `proxy: "ftp://" is no proxy type the app knows; use http://, https:// or socks5://`},
		{"socks4 is not offered", "socks4://proxy.corp.example:1080", `proxy: "socks4://" is no proxy type`},
		{"no port", "http://proxy.corp.example", "proxy: give the proxy's port after its host"},
		{"no host", "http://:3128", "proxy: the address has no host"},
		{"a path", "http://proxy.corp.example:3128/pac", "proxy: the address must end after the port"},
		{"a query", "http://proxy.corp.example:3128?x=1", "proxy: the address must end after the port"},
		{"space inside", "http://proxy corp:3128", `proxy must be "system", "none" or a proxy's address`},
		{"not a URL at all", "http://[::1", `proxy must be "system", "none" or a proxy's address`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := proxy.Parse(tt.raw, nil)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.says)
			assert.Error(t, proxy.CheckProxy(tt.raw))
		})
	}
}

func TestCheckBypassTakesGLibsForms(t *testing.T) {
	tests := []struct {
		name    string
		entries []string
		ok      bool
	}{
		{"none", nil, true},
		{"host names", []string{"intranet.example.com", ".example.org", "*.example.net", "localhost"}, true},
		{"addresses and ranges", []string{"10.1.2.3", "10.0.0.0/8", "::1", "fe80::/10"}, true},
		{"blank entries are dropped", []string{" ", ""}, true},
		{"a URL is not a host", []string{"http://intranet.example.com"}, false},
		{"a space inside", []string{"intra net"}, false},
		{"an underscore", []string{"intra_net.example.com"}, false},
		{"a bad range", []string{"10.0.0.0/99"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := proxy.CheckBypass(tt.entries)
			if tt.ok {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), "proxy bypass: ")
		})
	}
}

func TestForSendsEachRequestTheWayTheSettingSays(t *testing.T) {
	server, err := proxy.Parse("http://user:pw@proxy.corp.example:3128", []string{"Intranet.example.com", "10.0.0.0/8", "*.local.example", "127.0.0.1"})
	require.NoError(t, err)
	direct, err := proxy.Parse("none", nil)
	require.NoError(t, err)
	tests := []struct {
		name   string
		config proxy.Config
		url    string
		via    string
	}{
		{"through the proxy", server, "https://widget.jedidesk.com/static/js/main.js", "http://user:pw@proxy.corp.example:3128"},
		{"a bypassed host", server, "https://intranet.example.com/x", ""},
		{"a subdomain of a bypassed host", server, "https://chat.intranet.example.com/x", ""},
		{"a host that only ends like a bypassed one", server, "https://notintranet.example.com/x", "http://user:pw@proxy.corp.example:3128"},
		{"a wildcard's domain", server, "http://box.local.example/", ""},
		{"an address in a bypassed range", server, "http://10.20.30.40:8080/", ""},
		{"a bypassed address", server, "http://127.0.0.1:5000/", ""},
		{"none goes direct", direct, "https://widget.jedidesk.com/", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodGet, tt.url, nil)
			require.NoError(t, err)
			got, err := tt.config.For(req)
			require.NoError(t, err)
			if tt.via == "" {
				assert.Nil(t, got)
				return
			}
			require.NotNil(t, got)
			assert.Equal(t, tt.via, got.String())
		})
	}
}

func TestTheLogNeverSeesThePassword(t *testing.T) {
	c, err := proxy.Parse("http://user:secret@proxy.corp.example:3128", nil)
	require.NoError(t, err)
	assert.NotContains(t, c.Redacted(), "secret")
	assert.Contains(t, c.Redacted(), "proxy.corp.example:3128")
}

func TestBypassOnlyAppliesToAProxySetHere(t *testing.T) {
	c, err := proxy.Parse("system", []string{"example.com"})
	require.NoError(t, err)
	assert.False(t, c.Bypasses("example.com"), "with system, the desktop's own list applies")
	_, ignore := c.GLib()
	assert.Empty(t, ignore)
}
