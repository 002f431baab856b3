package app

import (
	"bytes"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"

	"jedidesk-desktop/app/apiprefetch"
	"jedidesk-desktop/app/csp"
	"jedidesk-desktop/app/navguard"
	"jedidesk-desktop/app/widgetcache"
)

// The app serves two documents. The page (index.html) holds the profile and calls into Go;
// the widget's frame (widget-frame.html) runs JediDesk's script. Where the webview lets the
// app serve a second origin (frameHost), the frame lives there, so nothing in the widget's
// realm can reach the page's DOM, window.go or the Wails runtime.
const (
	framePath = "/widget-frame.html"
	// ipcKeyMeta names the element of index.html that hands the page its IPC key.
	ipcKeyMeta = "jedidesk-ipc-key"
	// frameMeta names the element of index.html that tells the page where the widget's frame
	// is, so that the frame starts loading before the page has asked Go anything.
	frameMeta = "jedidesk-frame"
)

// pageAssets serves the app's two origins: each its own files, with its own security policy
// (app/csp); the page's index.html with the IPC key.
type pageAssets struct {
	app *App
	// ipcKey is what the page's messages to Go must carry (app/ipcgate).
	ipcKey string
}

// frameFiles are all the widget's frame may load from its own origin: its document, the
// built scripts and styles, and the bundled demo widget.
func frameFile(path string) bool {
	return path == framePath || strings.HasPrefix(path, "/assets/") || strings.HasPrefix(path, "/demo-widget/")
}

// handler gives every response of the app's origins its security policy, computed
// from the widget source of the moment (settings can change it between reloads), and keeps
// each origin to its own files. The page's index.html carries the IPC key.
func (p *pageAssets) handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		frame := frameOrigin()
		isolated := frame != appOrigin()
		switch {
		case isolated && r.Host == hostOf(frame):
			if strings.HasPrefix(r.URL.Path, "/"+widgetcache.Prefix) {
				p.serveWidgetFile(w, r)
				return
			}
			if r.URL.Path == apiprefetch.Route {
				p.serveEarlyAnswer(w, r)
				return
			}
			if !frameFile(r.URL.Path) {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Security-Policy", csp.FramePolicy(p.app.source().WidgetURL, appOrigin()))
			if r.URL.Path == framePath {
				preconnect(w.Header(), p.app.source())
			}
		case r.Host == hostOf(appOrigin()) || r.Host == "":
			if r.URL.Path == framePath {
				if isolated {
					// Framed from the page's own origin, the widget would share its realm.
					http.NotFound(w, r)
					return
				}
				w.Header().Set("Content-Security-Policy", csp.FramePolicy(p.app.source().WidgetURL, appOrigin()))
				break
			}
			w.Header().Set("Content-Security-Policy", csp.AppPolicy(frame, p.probeOrigins()...))
			if r.URL.Path == "/" || r.URL.Path == "/index.html" {
				serveWithMeta(next, w, r, [][2]string{{ipcKeyMeta, p.ipcKey}, {frameMeta, frameOrigin() + framePath}})
				return
			}
		default:
			http.NotFound(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// preconnect asks WebKit, with the frame's document, to open connections to the widget's API
// while the widget's script is still being read: the widget's first two requests (its
// settings, and beside it a synchronous one for the visitor's address) then skip the
// connection set-up, a round trip each (two or three more with TLS). WebKit opens one
// connection per preconnect mode, so there is one of each: two connections, one per request
// (measured: one alone saved nothing, the second request still waited for its own). Only
// origins the frame's policy lets it connect to.
func preconnect(h http.Header, src WidgetSource) {
	if src.Demo {
		return
	}
	for _, origin := range csp.APIOrigins(src.WidgetURL) {
		h.Add("Link", "<"+origin+">; rel=preconnect; crossorigin")
		h.Add("Link", "<"+origin+">; rel=preconnect")
	}
}

// serveWidgetFile serves one of the widget's files to its frame from the app's revalidated
// copy (app/widgetcache), on the frame's own origin. What the widget's server answered is
// passed on; a server that cannot be reached is a failed load, as it would be without the
// copy.
func (p *pageAssets) serveWidgetFile(w http.ResponseWriter, r *http.Request) {
	src := p.app.source()
	base, ok := widgetcache.Base(src.WidgetURL)
	if r.Method != http.MethodGet || p.app.widgetFiles == nil || src.Demo || !ok {
		http.NotFound(w, r)
		return
	}
	rel := strings.TrimPrefix(r.URL.Path, "/")
	if r.URL.RawQuery != "" {
		rel += "?" + r.URL.RawQuery
	}
	f, err := p.app.widgetFiles.Get(r.Context(), base, rel)
	if code := failureOf(err, f.Status, base, p.app.proxyConfig()); code != "" {
		p.app.netFailure.saw(code)
		fmt.Fprintf(p.app.log, "jedidesk-desktop: network: %s (the widget's file %s from %s)\n", code, limit(r.URL.Path, 80), originOf(base))
	}
	if err != nil {
		fmt.Fprintf(p.app.log, "jedidesk-desktop: the widget's file %s could not be fetched from %s: %v\n", limit(r.URL.Path, 80), originOf(base), err)
		http.Error(w, "the widget's server could not be reached", http.StatusBadGateway)
		return
	}
	if f.Status == http.StatusProxyAuthRequired {
		p.app.signIn.refusedBy(p.app.proxyConfig())
	}
	// WebKit asks again on every load; the copy answers without the network within a run.
	writeUnkept(w, f.Status, f.ContentType, f.Body)
}

// serveEarlyAnswer serves the widget's frame the app's answer to one of the widget's first
// requests (app/apiprefetch), once; anything the app did not hand out is not there.
func (p *pageAssets) serveEarlyAnswer(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		http.NotFound(w, r)
		return
	}
	answer, ok := p.app.early.Take(r.URL.Query().Get("url"))
	if !ok {
		http.NotFound(w, r)
		return
	}
	// The visitor's own answer, which the service marks no-store.
	writeUnkept(w, answer.Status, answer.ContentType, answer.Body)
}

// writeUnkept answers the frame with what a server of the widget's sent, for WebKit not to keep.
func writeUnkept(w http.ResponseWriter, status int, contentType string, body []byte) {
	if contentType != "" {
		w.Header().Set("Content-Type", contentType)
	}
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// serveWithMeta serves the page with meta elements (name, content) at the top of its head: the
// IPC key, which only a document of the page's own origin can read, so only the page's calls
// reach Go (app/ipcgate), and where the widget's frame is.
func serveWithMeta(next http.Handler, w http.ResponseWriter, r *http.Request, metas [][2]string) {
	rec := &bufferedResponse{header: http.Header{}, status: http.StatusOK}
	next.ServeHTTP(rec, r)
	body := rec.body.Bytes()
	if rec.status == http.StatusOK && strings.Contains(rec.header.Get("Content-Type"), "text/html") {
		var elements strings.Builder
		for _, m := range metas {
			elements.WriteString(`<meta name="` + html.EscapeString(m[0]) + `" content="` + html.EscapeString(m[1]) + `">`)
		}
		body = bytes.Replace(body, []byte("<head>"), []byte("<head>"+elements.String()), 1)
	}
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	w.Header().Del("Content-Length")
	w.WriteHeader(rec.status)
	_, _ = w.Write(body)
}

type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header         { return b.header }
func (b *bufferedResponse) WriteHeader(status int)      { b.status = status }
func (b *bufferedResponse) Write(p []byte) (int, error) { return b.body.Write(p) }

func hostOf(origin string) string {
	u, err := url.Parse(origin)
	if err != nil {
		return ""
	}
	return u.Host
}

// refusedCall logs a message the IPC gate stopped: something other than the app's own page
// (the widget's frame) tried to call into Go.
func (p *pageAssets) refusedCall(description string) {
	fmt.Fprintf(p.app.log, "jedidesk-desktop: refused %s from outside the app's page\n", description)
}

// appIconPath is where the page finds a branded app's icon; the policy's 'self' covers it.
const appIconPath = "/app-icon.png"

func (p *pageAssets) iconPath() string {
	if len(p.app.icons.Window) == 0 {
		return ""
	}
	return appIconPath
}

// serveIcon answers the page's request for the brand's icon from the binary itself.
func (p *pageAssets) serveIcon(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != appIconPath || len(p.app.icons.Window) == 0 {
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Type", "image/png")
		_, _ = w.Write(p.app.icons.Window)
	})
}

// navigationBlocked decides about a navigation the webview guard stopped: one the user started
// (a click) or a new window may open in the browser if its scheme is safe; anything else the
// page tried on its own is only logged.
func (a *App) navigationBlocked(b navguard.Blocked) {
	if b.NewWindow || b.UserGesture {
		_ = a.chat.OpenExternal(b.URL)
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

// probeOrigins are the origins the page may fetch from besides its own: the tests' stand-in.
func (p *pageAssets) probeOrigins() []string {
	if p.app.overrides.TestProbe == "" {
		return nil
	}
	return []string{p.app.overrides.TestProbe}
}
