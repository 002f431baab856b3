// Package csp writes the Content-Security-Policies of the app's two documents. The app's page
// holds the user's profile and calls into Go: it loads nothing but its own files and frames
// only the widget's frame. The widget's frame may load code and data only from itself and the
// JediDesk widget's known hosts, so a look-alike script elsewhere cannot run even there.
package csp

import (
	"net/url"
	"strings"
)

// The real widget's own hosts besides the one it is loaded from (see the widget contract):
// its REST API and chat socket, Google Fonts, and giphy for the GIF picker.
var (
	apiHosts   = []string{"https://app.jedidesk.com", "wss://app.jedidesk.com"}
	fontStyles = "https://fonts.googleapis.com"
	fontFiles  = "https://fonts.gstatic.com"
	gifHosts   = []string{"https://*.giphy.com"}
	// jediDeskWidget is where JediDesk's own widget loads from; its API is apiHosts'.
	jediDeskWidget = "https://widget.jedidesk.com"
)

// AppPolicy is the policy of the app's own page. frameOrigin is the widget frame's origin;
// extraConnect are further origins the page may fetch from (the tests' probe, when on).
func AppPolicy(frameOrigin string, extraConnect ...string) string {
	return strings.Join([]string{
		"default-src 'self'",
		"script-src 'self'",
		"style-src 'self'",
		"img-src 'self' data:",
		"font-src 'self' data:",
		"connect-src " + strings.Join(append([]string{"'self'"}, extraConnect...), " "),
		"frame-src " + frameOrigin,
		"object-src 'none'",
		"base-uri 'none'",
		"form-action 'none'",
		// Framed by anyone (the widget's frame loading the app's page into a frame of its
		// own), the page would act for them.
		"frame-ancestors 'none'",
	}, "; ")
}

// FramePolicy is the policy of the widget's frame whose widget loads from widgetURL (an
// absolute http(s) URL, or a path inside the app for the bundled demo); only the app's page
// at appOrigin may frame it.
func FramePolicy(widgetURL, appOrigin string) string {
	return Policy(widgetURL) + "; frame-ancestors " + appOrigin
}

// Policy is the policy for a document whose widget loads from widgetURL: an absolute http(s)
// URL, or a path inside the app for the bundled demo.
func Policy(widgetURL string) string {
	widget := origin(widgetURL)
	src := func(extra ...string) string {
		parts := []string{"'self'"}
		if widget != "" {
			parts = append(parts, widget)
		}
		return strings.Join(append(parts, extra...), " ")
	}
	directives := []string{
		"default-src 'self'",
		// No 'unsafe-inline' and no 'unsafe-eval': the page's own code is in files, and a script
		// injected into the page cannot run.
		"script-src " + src(),
		// The widget, like most React widgets, sets inline styles.
		"style-src " + src("'unsafe-inline'", fontStyles),
		"img-src " + src(append([]string{"data:", "blob:", apiHosts[0]}, gifHosts...)...),
		"font-src " + src("data:", fontFiles),
		"media-src " + src(),
		// A self-hosted widget's chat socket is on its own host: refused, the socket throws
		// inside the widget and the whole widget unmounts.
		"connect-src " + src(append(append(sockets(widgetURL), apiHosts...), gifHosts...)...),
		"frame-src " + src(gifHosts...),
		"object-src 'none'",
		"base-uri 'none'",
		"form-action 'none'",
	}
	return strings.Join(directives, "; ")
}

// APIOrigins are where the widget loaded from widgetURL sends its first requests (its
// settings, the visitor's address): JediDesk's API, and for a widget on any other host
// (self-hosted, a stand-in) that host too.
func APIOrigins(widgetURL string) []string {
	origins := []string{apiHosts[0]}
	if widget := origin(widgetURL); widget != "" && widget != jediDeskWidget {
		origins = append(origins, widget)
	}
	return origins
}

// sockets are the WebSocket origins on the widget's own host: wss always, and ws only for a
// widget that is itself served without TLS.
func sockets(widgetURL string) []string {
	u, err := url.Parse(widgetURL)
	if err != nil || u.Host == "" {
		return nil
	}
	switch u.Scheme {
	case "https":
		return []string{"wss://" + u.Host}
	case "http":
		return []string{"ws://" + u.Host, "wss://" + u.Host}
	}
	return nil
}

// origin is scheme://host[:port] of an absolute http(s) URL, or "" for anything else (the
// demo's in-app path is already 'self').
func origin(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host
}
