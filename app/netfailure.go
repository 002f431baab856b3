package app

import (
	"errors"
	"net/http"
	"net/url"
	"sync"

	"jedidesk-desktop/app/proxy"
	"jedidesk-desktop/app/widget"
	"jedidesk-desktop/app/widgetcache"
)

// networkFailure is what the app saw go wrong between it and the widget's servers since the
// page loaded. The frame sees only a script that did not arrive; the app's own request for it
// saw why, and the window says that instead.
type networkFailure struct {
	mu   sync.Mutex
	code string
}

// saw records code; the proxy's refusal outranks the rest, being the one the user can answer.
func (n *networkFailure) saw(code string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.code == "" || code == widget.FailureProxyRefused {
		n.code = code
	}
}

// reason is the failure to report for a widget the frame says did not load with frameReason.
func (n *networkFailure) reason(frameReason string) string {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.code != "" && frameReason == widget.FailureScriptError {
		return n.code
	}
	return frameReason
}

// pageLoaded starts a new page's watch.
func (n *networkFailure) pageLoaded() {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.code = ""
}

// failureOf is the failure code for a request to the server at base that met err or got status
// through via, "" when neither says more than "it did not load".
func failureOf(err error, status int, base string, via proxy.Config) string {
	u, _ := url.Parse(base)
	throughProxy := via.Mode == proxy.Server && u != nil && !via.Bypasses(u.Hostname())
	var netErr *widgetcache.NetworkError
	switch {
	case err == nil && (status == http.StatusBadGateway || status == http.StatusServiceUnavailable || status == http.StatusGatewayTimeout):
		return widget.FailureServerDown
	case !errors.As(err, &netErr):
		return ""
	case netErr.Kind == widgetcache.NotTrusted:
		return widget.FailureNotTrusted
	case netErr.Kind == widgetcache.ProxyFailed:
		return widget.FailureProxyUnreachable
	case throughProxy && (netErr.Kind == widgetcache.NameNotFound || netErr.Kind == widgetcache.NoConnection):
		// Only the proxy's own name and address are the app's to reach.
		return widget.FailureProxyUnreachable
	case netErr.Kind == widgetcache.NameNotFound:
		return widget.FailureNameNotFound
	case netErr.Kind == widgetcache.NoConnection:
		return widget.FailureServerDown
	}
	return ""
}
