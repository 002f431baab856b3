// Package standin serves the JediDesk widget's stand-in on 127.0.0.1 for end-to-end tests and
// benchmarks: the app's own demo widget (same API, settings, quirks and events as the real one)
// with a hook that records every call the widget receives and lets the test drive it, and the
// widget's chat server: a real WebSocket at /wss that speaks the real server's protocol (see the
// widget contract) and records every frame it receives.
package standin

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/coder/websocket"
)

//go:embed prelude.js
var prelude string

// DefaultAcceptDelay is how long the server waits before it accepts a WebSocket when
// Options.AcceptDelay is zero. The real widget assigns its socket's onopen in a later render; a
// socket that opens before that (as one on loopback would) never authenticates, so the stand-in
// is as slow as a real network (see the widget contract).
const DefaultAcceptDelay = 150 * time.Millisecond

// DefaultReconnectStep is Options.ReconnectStep when it is zero: the real widget's.
const DefaultReconnectStep = time.Second

// ReconnectKind is what the widget sends on a socket it opens after the server closed the
// previous one. Two of the real widget's handlers race to set a reconnected socket's onopen;
// which one wins decides whether the visitor is authenticated again (see the widget contract,
// "A reconnect is not a first connect"). The first socket of a page load always gets the first
// connect's sequence, and so does every socket of a visitor who has no c_id yet.
type ReconnectKind int

const (
	// ReconnectWithoutAuth, the usual case (2 of 3 reconnects seen in production):
	// setOpenData with c_id, JWGetMessages, JWGetManager, ping, JWChangeChatCondition; no JWAuth.
	ReconnectWithoutAuth ReconnectKind = iota
	// ReconnectWithAuth: the first connect's sequence, JWAuth included.
	ReconnectWithAuth
	// ReconnectAlternate: without, without, with, and again, as the reconnects seen in production.
	ReconnectAlternate
)

// flag is the kind as the widget's hook reads it (reconnectAuth).
func (k ReconnectKind) flag() (string, error) {
	switch k {
	case ReconnectWithoutAuth:
		return "without", nil
	case ReconnectWithAuth:
		return "with", nil
	case ReconnectAlternate:
		return "alternate", nil
	}
	return "", fmt.Errorf("stand-in widget: unknown reconnect kind %d", int(k))
}

// Options configures a stand-in.
type Options struct {
	// Addr is the loopback address to listen on; "" means 127.0.0.1:0 (a free port).
	Addr string
	// MountDelay is how long the widget waits after its script runs before it mounts.
	MountDelay time.Duration
	// AcceptDelay is how long the server waits before accepting a WebSocket; zero means
	// DefaultAcceptDelay.
	AcceptDelay time.Duration
	// FixedCustomerData serves a (hypothetical) future widget whose JediDesk("customerData", …)
	// sends the JWCustomerData frame itself while its socket is open. By default the widget has
	// the real one's bug: every customerData call is dropped.
	FixedCustomerData bool
	// CrashMounts makes the first CrashMounts loads of the widget's script mount and then crash
	// (the root emptied and an uncaught error thrown, as React unmounting on an error).
	CrashMounts int
	// UnknownTokens are the widget tokens the service does not know: their settings request
	// gets 404, as a mistyped or revoked token does. Every other token is the stand-in's
	// company's.
	UnknownTokens []string
	// Heavy serves the real widget's weight and request pattern (heavy.go): files of its sizes
	// with validators (ETag, Last-Modified) and no Cache-Control, as a plain static server
	// sends them, the settings API and the synchronous jsonip before the widget mounts.
	Heavy bool
	// Release names the widget's release (heavy mode: it changes the files and their
	// validators); the widget's records carry it.
	Release string
	// APIDelay is how long the widget's API (its settings, heavy mode's jsonip) takes to answer,
	// as over a slow line.
	APIDelay time.Duration
	// Reconnect is what the widget sends on a reconnected socket (by default the usual case,
	// without JWAuth).
	Reconnect ReconnectKind
	// HTTPS: the widget is served as https:// by a proxy in front that ends the TLS (a
	// company's TLS-inspecting proxy); the stand-in itself speaks plain HTTP.
	HTTPS bool
	// ReconnectStep is the widget's unit of waiting to reconnect: it opens a new socket one step
	// after a close and, after the n-th socket in a row that failed to open, n steps later; after
	// 10 failed sockets in a row it gives up. Zero means DefaultReconnectStep.
	ReconnectStep time.Duration
}

// Company is the company the stand-in's service answers a known token with.
const Company = "Stand-in Support"

// Record is one thing the widget saw or did, as the page's hook reported it, or one thing that
// happened on the chat server's sockets.
type Record struct {
	// Seq is the page's own sequence number (0 for records made by the server).
	Seq int `json:"seq"`
	// Type is one of the page's mount, call, event, widgetFrame, crash, gaveUp (the widget
	// stopped reconnecting after 10 failed sockets in a row), saveResult, query, injectResult,
	// controlError, or the server's frame (a frame received on a socket) and socket (a socket
	// opened, closed or refused).
	Type      string          `json:"type"`
	Command   string          `json:"command,omitempty"`
	Options   json.RawMessage `json:"options,omitempty"`
	Delivered bool            `json:"delivered,omitempty"`
	Open      bool            `json:"open,omitempty"`
	// Name is an event's name, or a socket record's "open" / "closed" / "refused" (a refused
	// socket has no number).
	Name string `json:"name,omitempty"`
	// Data is an event's data (e.g. JediDeskClientSendMessage's {text, firstMessage}).
	Data     json.RawMessage `json:"data,omitempty"`
	JwID     string          `json:"jw_id,omitempty"`
	Settings map[string]any  `json:"settings,omitempty"`
	Result   json.RawMessage `json:"result,omitempty"`
	Error    string          `json:"error,omitempty"`
	// Socket is the 1-based number of the socket (in the order the server accepted them) of
	// a frame or socket record.
	Socket int `json:"socket,omitempty"`
	// Action is a frame's "action" (also on the page's widgetFrame records).
	Action string `json:"action,omitempty"`
	// Frame is the frame as received (a JSON string if the frame was not JSON).
	Frame json.RawMessage `json:"frame,omitempty"` // At is when the page made the record (milliseconds since the epoch, the page's clock).
	At    int64           `json:"at,omitempty"`
	// Release is the Options.Release of the script that made the record.
	Release string `json:"release,omitempty"`
	// Agent is a request record's User-Agent: the app's own requests say jedidesk-desktop,
	// the webview's say Mozilla/….
	Agent string `json:"agent,omitempty"`
	// Status is a request record's HTTP status (heavy mode records what it served).
	Status int `json:"status,omitempty"`
}

// Message is a chat message as the server sends it, with every field the real widget reads.
type Message struct {
	ID               int64   `json:"id"`   // never 0: 0 is the widget's own welcome message
	From             string  `json:"from"` // "manager" or "customer"
	Text             string  `json:"text"`
	Time             string  `json:"time"` // "2026-12-02 05:12": the widget splits it on " "
	Media            *string `json:"media"`
	MediaType        string  `json:"media_type"` // "" for text; a missing one makes the widget throw
	IsSystem         bool    `json:"is_system"`
	Status           string  `json:"status"`
	ReplyToMessageID *int64  `json:"reply_to_message_id"`
	HasAI            bool    `json:"has_ai"`
}

// visitor is one chat visitor as the server knows it, by its c_id.
type visitor struct {
	cID      int64
	profile  map[string]json.RawMessage // the latest value of every JWCustomerData field
	messages []Message
}

// socket is one accepted WebSocket.
type socket struct {
	n       int
	conn    *websocket.Conn
	visitor *visitor // set by setOpenData
	done    chan struct{}
}

// Server is a running stand-in.
type Server struct {
	URL string

	widgetDir string
	opts      Options
	heavy     *heavyFiles // nil unless Options.Heavy
	srv       *http.Server
	ctx       context.Context // ends when the server closes
	cancel    context.CancelFunc
	handlers  sync.WaitGroup

	reconnectAuth string // Options.Reconnect's flag

	mu      sync.Mutex
	closed  bool
	refuse  bool // RefuseSockets
	records []Record
	changed chan struct{}
	// controls are the open control streams by role: "widget" (the stand-in widget's hook, in
	// the widget's frame) and "page" (the app's page, when the app runs with
	// JEDIDESK_TEST_PROBE set to this server).
	controls   map[string][]chan []byte
	loads      int
	sockets    map[int]*socket
	lastSocket int
	visitors   map[int64]*visitor
	lastCID    int64
	lastMsgID  int64
}

// Start serves the widget found in widgetDir (the demo widget's folder, holding static/js and
// static/css) on a free loopback port. mountDelay is how long the widget waits before mounting.
func Start(widgetDir string, mountDelay time.Duration) (*Server, error) {
	return StartWith(widgetDir, Options{MountDelay: mountDelay})
}

// StartAt is Start on a given loopback address, for tests where the widget's host comes up
// only after the app has tried it.
func StartAt(addr, widgetDir string, mountDelay time.Duration) (*Server, error) {
	return StartWith(widgetDir, Options{Addr: addr, MountDelay: mountDelay})
}

// StartWith serves the widget found in widgetDir and its chat server as o says.
func StartWith(widgetDir string, o Options) (*Server, error) {
	if _, err := os.Stat(filepath.Join(widgetDir, "static", "js", "main.js")); err != nil {
		return nil, fmt.Errorf("stand-in widget: %w", err)
	}
	if o.Addr == "" {
		o.Addr = "127.0.0.1:0"
	}
	if o.AcceptDelay <= 0 {
		o.AcceptDelay = DefaultAcceptDelay
	}
	if o.ReconnectStep <= 0 {
		o.ReconnectStep = DefaultReconnectStep
	}
	reconnectAuth, err := o.Reconnect.flag()
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{
		URL:           "http://" + ln.Addr().String(),
		widgetDir:     widgetDir,
		opts:          o,
		reconnectAuth: reconnectAuth,
		ctx:           ctx,
		cancel:        cancel,
		changed:       make(chan struct{}),
		sockets:       map[int]*socket{},
		visitors:      map[int64]*visitor{},
		lastCID:       1000,
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /static/js/main.js", s.serveScript)
	mux.Handle("GET /static/css/", http.StripPrefix("/static/css/", http.FileServer(http.Dir(filepath.Join(widgetDir, "static", "css")))))
	mux.Handle("GET /static/media/", http.StripPrefix("/static/media/", http.FileServer(http.Dir(filepath.Join(widgetDir, "static", "media")))))
	mux.HandleFunc("POST /__record", s.record)
	mux.HandleFunc("GET /__control", s.control)
	mux.HandleFunc("GET /wss", s.serveSocket)
	if o.Heavy {
		// The real widget's API as the bench measures it, settings request included.
		s.heavy = newHeavyFiles(widgetDir, o.Release)
		s.heavy.route(s, mux)
	} else {
		mux.HandleFunc("GET /api/widget/settings/{token}", s.widgetSettings)
	}
	s.srv = &http.Server{Handler: s.tracked(cors(mux)), ReadHeaderTimeout: 5 * time.Second}
	go s.srv.Serve(ln)
	return s, nil
}

// Close stops the server, ends the control streams, closes the sockets and waits for every
// handler to return.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	for _, c := range slices.Concat(s.controls["widget"], s.controls["page"]) {
		close(c)
	}
	s.controls = nil
	open := s.openSocketsLocked()
	s.mu.Unlock()
	s.cancel()
	for _, sock := range open {
		sock.conn.CloseNow()
	}
	s.srv.Close()
	s.handlers.Wait()
}

// tracked counts running handlers so that Close can wait for them (a hijacked WebSocket's
// handler outlives http.Server.Close).
func (s *Server) tracked(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			http.Error(w, "the stand-in is closing", http.StatusServiceUnavailable)
			return
		}
		s.handlers.Add(1)
		s.mu.Unlock()
		defer s.handlers.Done()
		h.ServeHTTP(w, r)
	})
}

// The page's origin is wails://wails, so every response must allow any origin.
func cors(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Cache-Control", "no-store")
		h.ServeHTTP(w, r)
	})
}

// scheme is the one the widget is served under.
func (s *Server) scheme() string {
	if s.opts.HTTPS {
		return "https"
	}
	return "http"
}

func (s *Server) serveScript(w http.ResponseWriter, r *http.Request) {
	widget, err := os.ReadFile(filepath.Join(s.widgetDir, "static", "js", "main.js"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	s.mu.Lock()
	s.loads++
	crash := s.loads <= s.opts.CrashMounts
	s.mu.Unlock()
	flags := strings.NewReplacer(
		"__MOUNT_DELAY_MS__", strconv.Itoa(int(s.opts.MountDelay/time.Millisecond)),
		"__FIXED_CUSTOMER_DATA__", strconv.FormatBool(s.opts.FixedCustomerData),
		"__CRASH_ON_MOUNT__", strconv.FormatBool(crash),
		"__ORIGIN__", jsString(s.scheme()+"://"+r.Host),
		"__RELEASE__", jsString(s.opts.Release),
		"__HEAVY__", strconv.FormatBool(s.opts.Heavy),
		"__RECONNECT_AUTH__", jsString(s.reconnectAuth),
		"__RECONNECT_STEP_MS__", strconv.FormatInt(s.opts.ReconnectStep.Milliseconds(), 10),
	)
	if s.heavy != nil {
		s.heavy.serveScript(s, w, r, append([]byte(flags.Replace(prelude)), widget...))
		return
	}
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	io.WriteString(w, flags.Replace(prelude))
	w.Write(widget)
}

// jsString is s as a JavaScript string literal.
func jsString(s string) string {
	data, _ := json.Marshal(s)
	return string(data)
}

// addLocked appends a record and wakes WaitFor; s.mu must be held.
func (s *Server) addLocked(rec Record) {
	s.records = append(s.records, rec)
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *Server) add(rec Record) {
	s.mu.Lock()
	s.addLocked(rec)
	s.mu.Unlock()
}

func (s *Server) record(w http.ResponseWriter, r *http.Request) {
	var rec Record
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&rec); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	s.add(rec)
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
	if s.closed {
		s.mu.Unlock()
		return
	}
	role := controlRole(r.URL.Query().Get("role"))
	if s.controls == nil {
		s.controls = map[string][]chan []byte{}
	}
	s.controls[role] = append(s.controls[role], c)
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
			s.controls[role] = slices.DeleteFunc(s.controls[role], func(other chan []byte) bool { return other == c })
			s.mu.Unlock()
			return
		}
	}
}

// widgetSettings answers the widget's settings request (and the app's check of a token) as
// JediDesk's API does: the company behind a known token, 404 for an unknown one.
func (s *Server) widgetSettings(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	s.add(Record{Type: "settingsRequest", Name: token, Agent: r.UserAgent()})
	time.Sleep(s.opts.APIDelay)
	if slices.Contains(s.opts.UnknownTokens, token) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"message":"widget not found"}`)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"data": map[string]any{
		"company": Company, "title": "Write to us", "color": "#4f46e5",
	}})
}

// ---- the chat socket -----------------------------------------------------------------------

func (s *Server) serveSocket(w http.ResponseWriter, r *http.Request) {
	delay := time.NewTimer(s.opts.AcceptDelay)
	defer delay.Stop()
	select {
	case <-delay.C:
	case <-r.Context().Done():
		return
	case <-s.ctx.Done():
		return
	}
	s.mu.Lock()
	refuse := s.refuse
	if refuse {
		s.addLocked(Record{Type: "socket", Name: "refused"})
	}
	s.mu.Unlock()
	if refuse {
		http.Error(w, "the chat server is down", http.StatusServiceUnavailable)
		return
	}
	// The page's origin is wails://wails (or anything in a browser): accept any Origin.
	conn, err := websocket.Accept(w, r, &websocket.AcceptOptions{InsecureSkipVerify: true})
	if err != nil {
		return
	}
	conn.SetReadLimit(1 << 20)
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		conn.CloseNow()
		return
	}
	s.lastSocket++
	sock := &socket{n: s.lastSocket, conn: conn, done: make(chan struct{})}
	s.sockets[sock.n] = sock
	s.addLocked(Record{Type: "socket", Socket: sock.n, Name: "open"})
	s.mu.Unlock()

	defer func() {
		conn.CloseNow()
		s.mu.Lock()
		delete(s.sockets, sock.n)
		s.addLocked(Record{Type: "socket", Socket: sock.n, Name: "closed"})
		s.mu.Unlock()
		close(sock.done)
	}()
	for {
		typ, data, err := conn.Read(s.ctx)
		if err != nil {
			return
		}
		s.handleFrame(sock, typ, data)
	}
}

// frame is what the server reads of a frame from the widget.
type frame struct {
	Action  string          `json:"action"`
	JwToken string          `json:"jw_token"`
	CID     json.RawMessage `json:"c_id"`
	Data    struct {
		Text string `json:"text"`
	} `json:"data"`
}

func (s *Server) handleFrame(sock *socket, typ websocket.MessageType, data []byte) {
	var f frame
	raw := json.RawMessage(data)
	if typ != websocket.MessageText || !json.Valid(data) {
		raw, _ = json.Marshal(string(data))
	} else {
		// Best effort: a frame with fields of unexpected types keeps the fields it has.
		json.Unmarshal(data, &f)
	}
	s.add(Record{Type: "frame", Socket: sock.n, Action: f.Action, Frame: raw})

	switch f.Action {
	case "setOpenData":
		s.mu.Lock()
		v := s.visitorLocked(parseCID(f.CID))
		sock.visitor = v
		reply := map[string]any{"type": "authData", "c_id": v.cID, "data": map[string]string{
			"name": v.field("name"), "phone": v.field("phone"), "email": v.field("email"),
		}}
		s.mu.Unlock()
		s.send(sock, reply)
	case "JWGetMessages":
		s.mu.Lock()
		history := []Message{}
		if sock.visitor != nil {
			history = append(history, sock.visitor.messages...)
		}
		s.mu.Unlock()
		s.send(sock, map[string]any{"type": "messages", "data": history})
	case "JWGetManager":
		s.send(sock, map[string]any{"type": "chatManager", "data": nil})
	case "ping":
		s.send(sock, map[string]any{"type": "pong"})
	case "JWSendMessage":
		if strings.TrimSpace(f.Data.Text) == "" {
			return
		}
		s.mu.Lock()
		m := s.messageLocked("customer", f.Data.Text)
		if sock.visitor != nil {
			sock.visitor.messages = append(sock.visitor.messages, m)
		}
		s.mu.Unlock()
		s.send(sock, map[string]any{"type": "newMessage", "data": m})
	case "JWCustomerData":
		var fields map[string]json.RawMessage
		json.Unmarshal(data, &fields)
		delete(fields, "action")
		s.mu.Lock()
		if sock.visitor != nil {
			for k, v := range fields {
				sock.visitor.profile[k] = v
			}
		}
		s.mu.Unlock()
	}
	// Anything else (JWAuth, JWChangeChatCondition, JWTypeMessage, unknown actions) is only
	// recorded.
}

// parseCID reads setOpenData's c_id, a number or a numeric string; 0 if absent or unusable.
func parseCID(raw json.RawMessage) int64 {
	var n json.Number
	if len(raw) == 0 || json.Unmarshal(raw, &n) != nil {
		var str string
		if json.Unmarshal(raw, &str) != nil {
			return 0
		}
		n = json.Number(str)
	}
	id, err := n.Int64()
	if err != nil || id <= 0 {
		return 0
	}
	return id
}

// visitorLocked is the returning visitor with cID, or a new one. A c_id this server has not
// handed out (the stand-in was restarted under the same app profile) is taken over as it is,
// so the visitor keeps its id.
func (s *Server) visitorLocked(cID int64) *visitor {
	if v, ok := s.visitors[cID]; ok {
		return v
	}
	if cID == 0 {
		s.lastCID++
		cID = s.lastCID
	} else if cID > s.lastCID {
		s.lastCID = cID
	}
	v := &visitor{cID: cID, profile: map[string]json.RawMessage{}}
	s.visitors[cID] = v
	return v
}

// field is a string field of the visitor's profile, "" if unset or not a string.
func (v *visitor) field(name string) string {
	var str string
	json.Unmarshal(v.profile[name], &str)
	return str
}

func (s *Server) messageLocked(from, text string) Message {
	s.lastMsgID++
	return Message{
		ID: s.lastMsgID, From: from, Text: text, Time: time.Now().Format("2006-01-02 15:04"),
		Status: "sent",
	}
}

// send writes one JSON frame; a socket that fails is closing anyway.
func (s *Server) send(sock *socket, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(s.ctx, 5*time.Second)
	defer cancel()
	return sock.conn.Write(ctx, websocket.MessageText, data)
}

func (s *Server) openSocketsLocked() []*socket {
	open := make([]*socket, 0, len(s.sockets))
	for n := 1; n <= s.lastSocket; n++ {
		if sock, ok := s.sockets[n]; ok {
			open = append(open, sock)
		}
	}
	return open
}

// OpenSockets is how many sockets are open now.
func (s *Server) OpenSockets() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sockets)
}

// DropSockets closes every open socket abnormally (no close frame: the client sees code 1006),
// as a server restart does, and returns once their "closed" records are in. The widget
// reconnects by itself.
func (s *Server) DropSockets() {
	s.mu.Lock()
	open := s.openSocketsLocked()
	s.mu.Unlock()
	for _, sock := range open {
		sock.conn.CloseNow()
	}
	for _, sock := range open {
		<-sock.done
	}
}

// RefuseSockets turns refusing new sockets on or off, as a chat server that is down (or
// behind a proxy that cannot reach it) would: while on, every /wss request is answered, after
// the accept delay, with 503 and no upgrade, so the widget's socket fails before it opens
// (the widget retries, and gives up after 10 in a row), and each refusal is
// recorded as a socket record named "refused". Sockets already open stay open (DropSockets
// closes them).
func (s *Server) RefuseSockets(refuse bool) {
	s.mu.Lock()
	s.refuse = refuse
	s.mu.Unlock()
}

// AgentMessage pushes a newMessage from "manager" (a support agent's reply) on every open
// socket, and keeps it in the history of each socket's visitor. It fails if no socket is open
// or text is empty (the real widget cannot show an empty message).
func (s *Server) AgentMessage(text string) error {
	if strings.TrimSpace(text) == "" {
		return errors.New("an agent message needs text")
	}
	s.mu.Lock()
	open := s.openSocketsLocked()
	if len(open) == 0 {
		s.mu.Unlock()
		return errors.New("no chat socket is open")
	}
	m := s.messageLocked("manager", text)
	stored := map[*visitor]bool{}
	for _, sock := range open {
		if v := sock.visitor; v != nil && !stored[v] {
			v.messages = append(v.messages, m)
			stored[v] = true
		}
	}
	s.mu.Unlock()
	var errs []error
	for _, sock := range open {
		if err := s.send(sock, map[string]any{"type": "newMessage", "data": m}); err != nil {
			errs = append(errs, fmt.Errorf("socket %d: %w", sock.n, err))
		}
	}
	return errors.Join(errs...)
}

// ---- driving and reading -------------------------------------------------------------------

// pageControls are what the app's page answers (frontend/src/page/testProbe.ts): the widget's
// frame cannot see the page. Every other control goes to the widget.
var pageControls = map[string]bool{"query": true, "reveal": true, "layout": true, "saveProfile": true, "axe": true}

func controlRole(role string) string {
	if role == "page" {
		return "page"
	}
	return "widget"
}

// Drive sends a control message to whoever carries it out, e.g. {"do": "startChat"} to the
// widget or {"do": "saveProfile", "profile": {...}} to the app's page. A widget or page that
// has just loaded opens its control stream a moment later, so Drive waits a little for one.
func (s *Server) Drive(msg any) error {
	data, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	var do struct {
		Do string `json:"do"`
	}
	_ = json.Unmarshal(data, &do)
	role := "widget"
	if pageControls[do.Do] {
		role = "page"
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		s.mu.Lock()
		if streams := s.controls[role]; len(streams) > 0 {
			for _, c := range streams {
				c <- data
			}
			s.mu.Unlock()
			return nil
		}
		s.mu.Unlock()
		if time.Now().After(deadline) {
			return fmt.Errorf("no %s is connected to the stand-in (the page connects only with JEDIDESK_TEST_PROBE set)", role)
		}
	}
}

// Records returns what the widget reported and the sockets saw so far, in order.
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

// Frames returns the frames the server received with action ("" for all), in order, from
// the widget and from anything else that wrote on its sockets (the app). The page's
// widgetFrame records tell which of them the widget sent itself.
func (s *Server) Frames(action string) []Record {
	var frames []Record
	for _, r := range s.Records() {
		if r.Type == "frame" && (action == "" || r.Action == action) {
			frames = append(frames, r)
		}
	}
	return frames
}

// Reset forgets the records so far (for tests that run the app more than once). Visitors,
// their messages and the socket numbering are kept, as a real server keeps them.
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

// OfType keeps the records of one type ("mount", "call", "saveResult", "query"…).
func OfType(records []Record, typ string) []Record {
	var out []Record
	for _, r := range records {
		if r.Type == typ {
			out = append(out, r)
		}
	}
	return out
}

// Calls keeps the widget's calls of command ("" for every command).
func Calls(records []Record, command string) []Record {
	var out []Record
	for _, r := range OfType(records, "call") {
		if command == "" || r.Command == command {
			out = append(out, r)
		}
	}
	return out
}

// Mounted reports whether the widget has mounted: the condition tests wait for most.
func Mounted(records []Record) bool { return len(OfType(records, "mount")) > 0 }
