// Package standin serves the JediDesk widget's stand-in on 127.0.0.1 for end-to-end tests and
// benchmarks: the app's own demo widget (same API, settings, quirks and events as the real one)
// with a hook that records every call the widget receives and lets the test drive it.
package standin

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

//go:embed prelude.js
var prelude string

// Record is one thing the widget saw or did, as the hook reported it.
type Record struct {
	Seq       int             `json:"seq"`
	Type      string          `json:"type"` // mount, call, event, saveResult, query, injectResult, controlError
	Command   string          `json:"command,omitempty"`
	Options   json.RawMessage `json:"options,omitempty"`
	Delivered bool            `json:"delivered,omitempty"`
	Open      bool            `json:"open,omitempty"`
	Name      string          `json:"name,omitempty"`
	JwID      string          `json:"jw_id,omitempty"`
	Settings  map[string]any  `json:"settings,omitempty"`
	Result    json.RawMessage `json:"result,omitempty"`
	Error     string          `json:"error,omitempty"`
}

// Server is a running stand-in.
type Server struct {
	URL string

	widgetDir string
	mountMs   int
	srv       *http.Server

	mu       sync.Mutex
	records  []Record
	changed  chan struct{}
	controls []chan []byte
}

// Start serves the widget found in widgetDir (the demo widget's folder, holding static/js and
// static/css) on a free loopback port. mountDelay is how long the widget waits before mounting.
func Start(widgetDir string, mountDelay time.Duration) (*Server, error) {
	return StartAt("127.0.0.1:0", widgetDir, mountDelay)
}

// StartAt is Start on a given loopback address, for tests where the widget's host comes up
// only after the app has tried it.
func StartAt(addr, widgetDir string, mountDelay time.Duration) (*Server, error) {
	if _, err := os.Stat(filepath.Join(widgetDir, "static", "js", "main.js")); err != nil {
		return nil, fmt.Errorf("stand-in widget: %w", err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	s := &Server{
		URL:       "http://" + ln.Addr().String(),
		widgetDir: widgetDir,
		mountMs:   int(mountDelay / time.Millisecond),
		changed:   make(chan struct{}),
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /static/js/main.js", s.serveScript)
	mux.Handle("GET /static/css/", http.StripPrefix("/static/css/", http.FileServer(http.Dir(filepath.Join(widgetDir, "static", "css")))))
	mux.HandleFunc("POST /__record", s.record)
	mux.HandleFunc("GET /__control", s.control)
	s.srv = &http.Server{Handler: cors(mux), ReadHeaderTimeout: 5 * time.Second}
	go s.srv.Serve(ln)
	return s, nil
}

// Close stops the server and ends the control streams.
func (s *Server) Close() {
	s.mu.Lock()
	for _, c := range s.controls {
		close(c)
	}
	s.controls = nil
	s.mu.Unlock()
	s.srv.Close()
}

// The page's origin is wails://wails, so every response must allow any origin.
func cors(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Cache-Control", "no-store")
		h.ServeHTTP(w, r)
	})
}

func (s *Server) serveScript(w http.ResponseWriter, _ *http.Request) {
	widget, err := os.ReadFile(filepath.Join(s.widgetDir, "static", "js", "main.js"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	io.WriteString(w, strings.Replace(prelude, "__MOUNT_DELAY_MS__", strconv.Itoa(s.mountMs), 1))
	w.Write(widget)
}

func (s *Server) record(w http.ResponseWriter, r *http.Request) {
	var rec Record
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&rec); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	s.records = append(s.records, rec)
	close(s.changed)
	s.changed = make(chan struct{})
	s.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) control(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.WriteHeader(http.StatusOK)
	flusher.Flush()
	c := make(chan []byte, 16)
	s.mu.Lock()
	s.controls = append(s.controls, c)
	s.mu.Unlock()
	for {
		select {
		case msg, open := <-c:
			if !open {
				return
			}
			fmt.Fprintf(w, "data: %s\n\n", msg)
			flusher.Flush()
		case <-r.Context().Done():
			s.mu.Lock()
			for i, other := range s.controls {
				if other == c {
					s.controls = append(s.controls[:i], s.controls[i+1:]...)
					break
				}
			}
			s.mu.Unlock()
			return
		}
	}
}

// Drive sends a control message to every widget instance connected, e.g.
// {"do": "startChat"} or {"do": "saveProfile", "profile": {...}}. A widget that has just
// mounted opens its control stream a moment later, so Drive waits a little for one.
func (s *Server) Drive(msg any) error {
	data, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		s.mu.Lock()
		if len(s.controls) > 0 {
			for _, c := range s.controls {
				c <- data
			}
			s.mu.Unlock()
			return nil
		}
		s.mu.Unlock()
		if time.Now().After(deadline) {
			return fmt.Errorf("no widget is connected to the stand-in")
		}
	}
}

// Records returns what the widget reported so far, in order.
func (s *Server) Records() []Record {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Record(nil), s.records...)
}

// Calls returns the JediDesk(...) calls the widget received, in order.
func (s *Server) Calls() []Record {
	var calls []Record
	for _, r := range s.Records() {
		if r.Type == "call" {
			calls = append(calls, r)
		}
	}
	return calls
}

// Reset forgets the records so far (for tests that run the app more than once).
func (s *Server) Reset() {
	s.mu.Lock()
	s.records = nil
	s.mu.Unlock()
}

// WaitFor waits until match accepts the records, or timeout passes; it returns the records
// and whether they matched.
func (s *Server) WaitFor(timeout time.Duration, match func([]Record) bool) ([]Record, bool) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		records := append([]Record(nil), s.records...)
		changed := s.changed
		s.mu.Unlock()
		if match(records) {
			return records, true
		}
		select {
		case <-changed:
		case <-deadline.C:
			return records, false
		}
	}
}
