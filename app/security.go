package app

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"jedidesk-desktop/app/csp"
	"jedidesk-desktop/app/navguard"
)

// securityHeaders gives every response of the app's own origin the page's security policy,
// computed from the widget source of the moment (settings can change it between reloads).
func (a *App) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", csp.Policy(a.Source().WidgetURL))
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}

// appIconPath is where the page finds a branded app's icon; the policy's 'self' covers it.
const appIconPath = "/app-icon.png"

func (a *App) iconPath() string {
	if len(a.icons.Window) == 0 {
		return ""
	}
	return appIconPath
}

// serveIcon answers the page's request for the brand's icon from the binary itself.
func (a *App) serveIcon(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != appIconPath || len(a.icons.Window) == 0 {
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Type", "image/png")
		_, _ = w.Write(a.icons.Window)
	})
}

// navigationBlocked decides about a navigation the webview guard stopped: one the user started
// (a click) or a new window may open in the browser if its scheme is safe; anything else the
// page tried on its own is only logged.
func (a *App) navigationBlocked(b navguard.Blocked) {
	if b.NewWindow || b.UserGesture {
		_ = a.OpenExternal(b.URL)
		return
	}
	fmt.Fprintf(a.log, "jedidesk-desktop: blocked the page's navigation to %s\n", originOf(b.URL))
}

// originOf is what the log may say about an address: its scheme and host, never its path or
// query, which can carry personal data.
func originOf(raw string) string {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return "an unparseable address"
	case u.Host != "":
		return u.Scheme + "://" + u.Host
	case u.Scheme == "":
		// CSP reports "inline" and "eval" as the blocked resource.
		return limit(raw, 20)
	default:
		return "a " + u.Scheme + ": address"
	}
}

// OpenExternal opens a link from the page (a messenger link, an attachment) in the system
// browser. The page is untrusted: only web, mail and phone links leave the app; anything else
// (file:, javascript:, custom schemes) is refused and logged.
func (a *App) OpenExternal(rawURL string) error {
	u, err := url.Parse(rawURL)
	if err != nil || !externalSchemes[strings.ToLower(u.Scheme)] || (strings.HasPrefix(u.Scheme, "http") && u.Host == "") {
		scheme := "unparseable"
		if err == nil {
			scheme = u.Scheme + ":"
		}
		fmt.Fprintf(a.log, "jedidesk-desktop: refused to open a %s link from the page\n", scheme)
		return fmt.Errorf("only http, https, mailto and tel links can be opened")
	}
	a.page.openURL(u.String())
	return nil
}

var externalSchemes = map[string]bool{"http": true, "https": true, "mailto": true, "tel": true}

// ReportViolation is called by the page when its security policy blocked something. Only the
// directive and the blocked resource's origin are logged: a full URL could carry personal data.
func (a *App) ReportViolation(directive, blocked string) {
	fmt.Fprintf(a.log, "jedidesk-desktop: content security policy blocked %s (%s)\n", limit(directive, 60), originOf(blocked))
}
