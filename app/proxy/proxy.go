// Package proxy is the one way out to the network for everything the app sends: the webview's
// page, frame and sockets, and the app's own requests (the widget's files, its early answers, the
// token check). The `proxy` setting says which: the desktop's own ("system"), none, or one proxy
// server; `proxy_bypass` names hosts reached directly.
package proxy

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"unicode"
)

// Mode is how the app reaches the network.
type Mode int

const (
	// System follows the desktop: GNOME's proxy settings, the environment's http(s)_proxy, a
	// PAC file, as GIO resolves them for WebKit.
	System Mode = iota
	// Direct uses no proxy at all.
	Direct
	// Server sends everything through Config.URL.
	Server
)

// The words of the setting that are not a proxy's address.
const (
	SystemWord = "system"
	NoneWord   = "none"
)

// Config is the parsed setting.
type Config struct {
	Mode Mode
	// URL is the proxy (Server only); it may carry a user name and password.
	URL *url.URL
	// Bypass are hosts reached directly, in GLib's forms (see CheckBypass).
	Bypass []string
	// SignIn is what the user gave when the proxy asked (407) for a URL without its own: kept
	// apart from the URL so that it never reaches a settings file or GLib's resolver, and
	// answered where the proxy asks (SoupMessage's and WebKitWebView's authenticate).
	SignIn *url.Userinfo
}

// SignInFor is the user name and password to answer the proxy's 407 with: the sign-in, else
// those in the proxy's address.
func (c Config) SignInFor() (user, password string, ok bool) {
	info := c.SignIn
	if info == nil && c.URL != nil {
		info = c.URL.User
	}
	if info == nil {
		return "", "", false
	}
	password, _ = info.Password()
	return info.Username(), password, true
}

// Parse reads the `proxy` and `proxy_bypass` settings; "" is "system". The error says what is
// wrong in words for the settings panel and the administrator's file.
func Parse(raw string, bypass []string) (Config, error) {
	u, err := parseProxy(raw)
	if err != nil {
		return Config{}, err
	}
	if err := CheckBypass(bypass); err != nil {
		return Config{}, err
	}
	c := Config{Mode: System, Bypass: Normalize(bypass)}
	switch {
	case u != nil:
		c.Mode, c.URL = Server, u
	case strings.EqualFold(strings.TrimSpace(raw), NoneWord):
		c.Mode = Direct
	}
	return c, nil
}

// CheckProxy checks a `proxy` value: "" or "system", "none", or an http://, https:// or
// socks5:// address with a host and a port, and perhaps user:password@.
func CheckProxy(raw string) error {
	_, err := parseProxy(raw)
	return err
}

// Example is the form of a proxy's address that errors show.
const Example = "http://proxy.example.com:3128"

func parseProxy(raw string) (*url.URL, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" || strings.EqualFold(raw, SystemWord) || strings.EqualFold(raw, NoneWord) {
		return nil, nil
	}
	u, err := url.Parse(raw)
	switch {
	case !strings.Contains(raw, "://") && !strings.ContainsFunc(raw, unicode.IsSpace) && strings.Contains(raw, ":"):
		return nil, fmt.Errorf("proxy: begin the address with http://, https:// or socks5://, like %s", Example)
	case err != nil || strings.ContainsFunc(raw, unicode.IsSpace) || u.Opaque != "" || u.Host == "":
		return nil, fmt.Errorf(`proxy must be "system", "none" or a proxy's address like %s`, Example)
	case u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "socks5":
		return nil, fmt.Errorf("proxy: %q is no proxy type the app knows; use http://, https:// or socks5://", u.Scheme+"://")
	case u.Hostname() == "":
		return nil, fmt.Errorf("proxy: the address has no host, like %s", Example)
	case u.Port() == "":
		return nil, fmt.Errorf("proxy: give the proxy's port after its host, like %s", Example)
	case strings.Trim(u.Path, "/") != "" || u.RawQuery != "" || u.Fragment != "" || strings.HasSuffix(raw, "?"):
		return nil, fmt.Errorf("proxy: the address must end after the port (no path, query or fragment), like %s", Example)
	}
	u.Path = ""
	return u, nil
}

// CheckBypass checks `proxy_bypass`: each entry a host name ("example.com", ".example.com" or
// "*.example.com", each meaning the host and every subdomain), an IP address, or an address
// range ("10.0.0.0/8"), as GLib's proxy resolver takes them.
func CheckBypass(entries []string) error {
	for _, e := range entries {
		e = strings.TrimSpace(e)
		if e == "" {
			continue
		}
		if _, _, err := net.ParseCIDR(e); err == nil || net.ParseIP(e) != nil {
			continue
		}
		if !isHostName(strings.TrimPrefix(strings.TrimPrefix(e, "*"), ".")) {
			return fmt.Errorf("proxy bypass: %q is not a host name, address or address range, like example.com, *.example.com or 10.0.0.0/8", e)
		}
	}
	return nil
}

func isHostName(h string) bool {
	if h == "" || len(h) > 253 {
		return false
	}
	for _, label := range strings.Split(h, ".") {
		if label == "" || len(label) > 63 || strings.HasPrefix(label, "-") || strings.HasSuffix(label, "-") {
			return false
		}
		for _, r := range label {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
				return false
			}
		}
	}
	return true
}

// Normalize is entries trimmed and lower-cased, without empty ones; nil when none is left.
func Normalize(entries []string) []string {
	var out []string
	for _, e := range entries {
		if e = strings.ToLower(strings.TrimSpace(e)); e != "" {
			out = append(out, e)
		}
	}
	return out
}

// Host is the proxy's host:port as the user knows it ("" unless Mode is Server).
func (c Config) Host() string {
	if c.URL == nil {
		return ""
	}
	return c.URL.Host
}

// Redacted is the setting for the log: the proxy without its password.
func (c Config) Redacted() string {
	switch c.Mode {
	case Direct:
		return NoneWord
	case Server:
		return c.URL.Redacted()
	}
	return SystemWord
}

// For is the proxy for req, for net/http's Transport.Proxy: nil for none. "system" is the
// environment's http(s)_proxy and no_proxy here; the webview asks GIO, which reads the same
// variables and the desktop's settings as well.
func (c Config) For(req *http.Request) (*url.URL, error) {
	switch {
	case c.Mode == Direct || c.Bypasses(req.URL.Hostname()):
		return nil, nil
	case c.Mode == Server && c.SignIn != nil && c.URL.User == nil:
		u := *c.URL
		u.User = c.SignIn
		return &u, nil
	case c.Mode == Server:
		return c.URL, nil
	}
	return http.ProxyFromEnvironment(req)
}

// Bypasses reports whether a request to host skips the proxy set here, as GLib's resolver
// matches ignore_hosts. With "system" the desktop's own list applies instead.
func (c Config) Bypasses(host string) bool {
	if c.Mode != Server {
		return false
	}
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	ip := net.ParseIP(host)
	for _, e := range c.Bypass {
		if _, network, err := net.ParseCIDR(e); err == nil {
			if ip != nil && network.Contains(ip) {
				return true
			}
			continue
		}
		if entryIP := net.ParseIP(e); entryIP != nil {
			if ip != nil && entryIP.Equal(ip) {
				return true
			}
			continue
		}
		domain := strings.TrimPrefix(strings.TrimPrefix(e, "*"), ".")
		if host == domain || strings.HasSuffix(host, "."+domain) {
			return true
		}
	}
	return false
}

// Transport is an http.Transport whose every request takes the proxy current() gives.
func Transport(current func() Config) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.Proxy = func(req *http.Request) (*url.URL, error) { return current().For(req) }
	return t
}

// GLib is the setting as GLib's proxy resolver (GSimpleProxyResolver) and WebKitGTK take it: the
// proxy's URI ("" for the desktop's own resolver, "direct://" for none) and the hosts it skips.
func (c Config) GLib() (uri string, ignoreHosts []string) {
	switch c.Mode {
	case Direct:
		return "direct://", nil
	case Server:
		return c.URL.String(), c.Bypass
	}
	return "", nil
}
