package standin

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// The real widget's weight (see the widget contract): about 0.7 MB of script, 18 KB of CSS,
// its fonts (Google Fonts' woff2 files are ~20 KB each) and images.
const (
	HeavyScriptBytes = 700 << 10
	HeavyCSSBytes    = 18 << 10
	heavyFontBytes   = 20 << 10
	heavyImageSide   = 48
)

// heavyFiles are the heavy mode's files for one release, made once when the server starts.
type heavyFiles struct {
	release string
	// modified is the release's Last-Modified: days ago, as a deployed widget's files are, so
	// a browser's heuristic freshness keeps them (10 % of their age) as it would the real ones.
	modified time.Time
	css      []byte
	media    map[string][]byte
}

var heavyMedia = []string{"jd-sans-400.woff2", "jd-sans-500.woff2", "jd-sans-700.woff2", "launcher.png", "avatar.png"}

func newHeavyFiles(widgetDir, release string) *heavyFiles {
	h := &heavyFiles{release: release, modified: time.Now().Add(-72 * time.Hour).Truncate(time.Second), media: map[string][]byte{}}
	for _, name := range heavyMedia {
		if strings.HasSuffix(name, ".png") {
			h.media[name] = noisePNG(h.seed(name))
		} else {
			h.media[name] = noiseBytes(h.seed(name), heavyFontBytes)
		}
	}
	css, _ := os.ReadFile(filepath.Join(widgetDir, "static", "css", "index_bundle.css"))
	css = append(css, []byte(`
@font-face { font-family: "JD Sans"; font-weight: 400; src: url(../media/jd-sans-400.woff2) format("woff2"); }
@font-face { font-family: "JD Sans"; font-weight: 500; src: url(../media/jd-sans-500.woff2) format("woff2"); }
@font-face { font-family: "JD Sans"; font-weight: 700; src: url(../media/jd-sans-700.woff2) format("woff2"); }
.jdw-root { font-family: "JD Sans", system-ui, sans-serif; }
.jdw-launcher { background-image: url(../media/launcher.png); background-size: cover; }
.jdw-avatar { background-image: url(../media/avatar.png); background-size: cover; }
`)...)
	h.css = pad(css, HeavyCSSBytes, "/* release "+release+": the rest of the widget's styles */\n", func(i int) string {
		return fmt.Sprintf(".jdw-pad-%d { margin: %dpx; color: #%06x; }\n", i, i%17, i*2654435761%0xffffff)
	})
	return h
}

func (h *heavyFiles) seed(name string) uint64 {
	sum := sha256.Sum256([]byte(h.release + "/" + name))
	return uint64(sum[0]) | uint64(sum[1])<<8 | uint64(sum[2])<<16 | uint64(sum[3])<<24
}

func (h *heavyFiles) route(s *Server, mux *http.ServeMux) {
	mux.HandleFunc("GET /static/css/index_bundle.css", func(w http.ResponseWriter, r *http.Request) {
		h.serveStatic(s, w, r, "text/css; charset=utf-8", h.css)
	})
	mux.HandleFunc("GET /static/media/{name}", func(w http.ResponseWriter, r *http.Request) {
		body, ok := h.media[r.PathValue("name")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		h.serveStatic(s, w, r, "", body)
	})
	// The API answers are the visitor's own and never cached (cors sets no-store).
	mux.HandleFunc("GET /api/widget/settings/", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(s.opts.APIDelay)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"data":{"company":%s,"token":%s,"color":"#2f6fed","position":"right","title":"JediDesk","greeting":"Hi there!","workingHours":[%s],"messengers":[]}}`,
			jsString(Company), jsString(strings.TrimPrefix(r.URL.Path, "/api/widget/settings/")), strings.Repeat(`{"day":1,"from":"09:00","to":"18:00"},`, 30)+`{"day":7,"from":"","to":""}`)
		s.add(Record{Type: "request", Name: r.URL.Path, Status: http.StatusOK, Agent: r.UserAgent()})
	})
	mux.HandleFunc("GET /api/jsonip", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(s.opts.APIDelay)
		// The widget splits the body on newlines before parsing it.
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprintf(w, "{\"ip\":\"127.0.0.1\",\"country\":\"UA\"}\n")
		s.add(Record{Type: "request", Name: r.URL.Path, Status: http.StatusOK, Agent: r.UserAgent()})
	})
}

// serveScript serves the script (the prelude and the widget) grown to the real one's size with
// code that is parsed and run as a bundle's module definitions are, different per release.
func (h *heavyFiles) serveScript(s *Server, w http.ResponseWriter, r *http.Request, script []byte) {
	body := pad(append(script, "\n;(function () {\n  var modules = {};\n"...), HeavyScriptBytes-len("})();\n"), "", func(i int) string {
		return fmt.Sprintf("  modules.m%d = function (a, b) { var c = a * %d + b; return c > %d ? [a, b, %q] : null; };\n", i, i, i*7, h.release)
	})
	h.serveStatic(s, w, r, "text/javascript; charset=utf-8", append(body, "})();\n"...))
}

// serveStatic answers as a static file server does: ETag and Last-Modified, 304 to a request
// that has them, no Cache-Control (browsers then keep files by heuristic freshness).
func (h *heavyFiles) serveStatic(s *Server, w http.ResponseWriter, r *http.Request, contentType string, body []byte) {
	w.Header().Del("Cache-Control")
	sum := sha256.Sum256(body)
	w.Header().Set("ETag", `"`+hex.EncodeToString(sum[:16])+`"`)
	if contentType != "" {
		w.Header().Set("Content-Type", contentType)
	}
	rec := &statusWriter{ResponseWriter: w, status: http.StatusOK}
	http.ServeContent(rec, r, r.URL.Path, h.modified, bytes.NewReader(body))
	s.add(Record{Type: "request", Name: r.URL.Path, Status: rec.status, Agent: r.UserAgent()})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(status int) {
	s.status = status
	s.ResponseWriter.WriteHeader(status)
}

// pad grows b to size bytes: a header, then lines of filler(i), then spaces for the rest.
func pad(b []byte, size int, header string, filler func(i int) string) []byte {
	b = append(b, header...)
	for i := 0; ; i++ {
		line := filler(i)
		if len(b)+len(line) > size {
			break
		}
		b = append(b, line...)
	}
	return append(b, bytes.Repeat([]byte(" "), max(0, size-len(b)))...)
}

func noiseBytes(seed uint64, n int) []byte {
	rng := rand.New(rand.NewPCG(seed, 1))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	return b
}

// noisePNG is a real PNG that does not compress: what an avatar photo weighs.
func noisePNG(seed uint64) []byte {
	rng := rand.New(rand.NewPCG(seed, 2))
	img := image.NewNRGBA(image.Rect(0, 0, heavyImageSide, heavyImageSide))
	for y := 0; y < heavyImageSide; y++ {
		for x := 0; x < heavyImageSide; x++ {
			img.Set(x, y, color.NRGBA{uint8(rng.Uint32()), uint8(rng.Uint32()), uint8(rng.Uint32()), 255})
		}
	}
	var out bytes.Buffer
	_ = png.Encode(&out, img)
	return out.Bytes()
}
