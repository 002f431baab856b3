package standin

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const waitTimeout = 10 * time.Second

// widgetDir is a folder shaped like the demo widget's, with a script that is only a marker.
func widgetDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "static", "js"), 0o755))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "static", "css"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "static", "js", "main.js"), []byte("/* the widget */\n"), 0o644))
	return dir
}

func start(t *testing.T, o Options) *Server {
	t.Helper()
	s, err := StartWith(widgetDir(t), o)
	require.NoError(t, err)
	t.Cleanup(s.Close)
	return s
}

// client is one chat socket, as the widget opens it.
type client struct {
	t    *testing.T
	conn *websocket.Conn
}

func dial(t *testing.T, s *Server) *client {
	t.Helper()
	conn, _, err := tryDial(s)
	require.NoError(t, err)
	t.Cleanup(func() { conn.CloseNow() })
	return &client{t: t, conn: conn}
}

// tryDial opens a chat socket as the widget does, and returns the handshake's response too.
func tryDial(s *Server) (*websocket.Conn, *http.Response, error) {
	ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
	defer cancel()
	url := "ws" + strings.TrimPrefix(s.URL, "http") + "/wss"
	return websocket.Dial(ctx, url, &websocket.DialOptions{HTTPHeader: http.Header{"Origin": {"wails://wails"}}})
}

func (c *client) send(frame string) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
	defer cancel()
	require.NoError(c.t, c.conn.Write(ctx, websocket.MessageText, []byte(frame)))
}

// read is the next frame from the server, decoded.
func (c *client) read() map[string]any {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
	defer cancel()
	typ, data, err := c.conn.Read(ctx)
	require.NoError(c.t, err)
	require.Equal(c.t, websocket.MessageText, typ)
	var frame map[string]any
	require.NoError(c.t, json.Unmarshal(data, &frame), "frame %s", data)
	return frame
}

// ask sends a frame and returns the server's answer.
func (c *client) ask(frame string) map[string]any {
	c.t.Helper()
	c.send(frame)
	return c.read()
}

// handshake sends the widget's opening frames and returns the c_id the server gave.
func (c *client) handshake(openData string) float64 {
	c.t.Helper()
	auth := c.ask(openData)
	require.Equal(c.t, "authData", auth["type"])
	return auth["c_id"].(float64)
}

func waitRecords(t *testing.T, s *Server, what string, match func([]Record) bool) []Record {
	t.Helper()
	records, ok := s.WaitFor(waitTimeout, match)
	require.True(t, ok, "timed out waiting for %s; records: %+v", what, records)
	return records
}

var messageTime = regexp.MustCompile(`^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$`)

// assertMessage checks that m has every field the real widget reads, with usable values.
func assertMessage(t *testing.T, m any, from, text string) {
	t.Helper()
	msg, ok := m.(map[string]any)
	require.True(t, ok, "a message is an object: %v", m)
	for _, k := range []string{"id", "from", "text", "time", "media", "media_type", "is_system", "status", "reply_to_message_id", "has_ai"} {
		assert.Contains(t, msg, k)
	}
	assert.NotZero(t, msg["id"], "id 0 is the widget's own welcome")
	assert.IsType(t, float64(0), msg["id"])
	assert.Equal(t, from, msg["from"])
	assert.Equal(t, text, msg["text"])
	assert.Regexp(t, messageTime, msg["time"])
	assert.Nil(t, msg["media"])
	assert.Equal(t, "", msg["media_type"])
	assert.Equal(t, false, msg["is_system"])
	assert.Nil(t, msg["reply_to_message_id"])
	assert.Equal(t, false, msg["has_ai"])
}

func TestTheServerAnswersTheWidgetsHandshakeFrames(t *testing.T) {
	s := start(t, Options{AcceptDelay: time.Millisecond})
	c := dial(t, s)

	auth := c.ask(`{"action":"setOpenData","t":"c","jw_token":"T"}`)
	assert.Equal(t, "authData", auth["type"])
	assert.Greater(t, auth["c_id"], float64(0))
	assert.Equal(t, map[string]any{"name": "", "phone": "", "email": ""}, auth["data"])

	tests := []struct {
		frame string
		want  map[string]any
	}{
		{`{"action":"JWGetMessages"}`, map[string]any{"type": "messages", "data": []any{}}},
		{`{"action":"JWGetManager"}`, map[string]any{"type": "chatManager", "data": nil}},
		{`{"action":"ping"}`, map[string]any{"type": "pong"}},
	}
	for _, tt := range tests {
		t.Run(tt.frame, func(t *testing.T) {
			assert.Equal(t, tt.want, c.ask(tt.frame))
		})
	}
}

func TestAVisitorsMessageIsStoredAndAnsweredAsANewMessage(t *testing.T) {
	s := start(t, Options{AcceptDelay: time.Millisecond})
	c := dial(t, s)
	c.handshake(`{"action":"setOpenData","t":"c","jw_token":"T"}`)

	reply := c.ask(`{"action":"JWSendMessage","data":{"text":"Hello, I need help"}}`)
	assert.Equal(t, "newMessage", reply["type"])
	assertMessage(t, reply["data"], "customer", "Hello, I need help")

	history := c.ask(`{"action":"JWGetMessages"}`)
	require.Len(t, history["data"], 1)
	assertMessage(t, history["data"].([]any)[0], "customer", "Hello, I need help")
}

func TestAReturningVisitorKeepsItsIdHistoryAndProfile(t *testing.T) {
	s := start(t, Options{AcceptDelay: time.Millisecond})
	first := dial(t, s)
	cID := first.handshake(`{"action":"setOpenData","t":"c","jw_token":"T"}`)
	first.ask(`{"action":"JWSendMessage","data":{"text":"before the reconnect"}}`)
	first.send(`{"action":"JWCustomerData","name":"Olena","phone":"+380441234567","email":"olena@example.com","language":"uk"}`)
	first.ask(`{"action":"ping"}`) // the server has handled everything before it
	require.NoError(t, first.conn.Close(websocket.StatusNormalClosure, ""))

	again := dial(t, s)
	auth := again.ask(`{"action":"setOpenData","t":"c","jw_token":"T","c_id":` + jsonNumber(cID) + `}`)
	assert.Equal(t, cID, auth["c_id"])
	assert.Equal(t, map[string]any{"name": "Olena", "phone": "+380441234567", "email": "olena@example.com"}, auth["data"])
	history := again.ask(`{"action":"JWGetMessages"}`)
	require.Len(t, history["data"], 1)
	assertMessage(t, history["data"].([]any)[0], "customer", "before the reconnect")

	stranger := dial(t, s)
	assert.NotEqual(t, cID, stranger.handshake(`{"action":"setOpenData","t":"c","jw_token":"T"}`), "a new visitor gets a new c_id")
}

func jsonNumber(f float64) string {
	b, _ := json.Marshal(f)
	return string(b)
}

func TestAnUnknownCIDIsTakenOverSoTheVisitorKeepsIt(t *testing.T) {
	s := start(t, Options{AcceptDelay: time.Millisecond})
	c := dial(t, s)
	assert.Equal(t, float64(987654), c.handshake(`{"action":"setOpenData","t":"c","jw_token":"T","c_id":987654}`))
	other := dial(t, s)
	assert.Greater(t, other.handshake(`{"action":"setOpenData","t":"c","jw_token":"T"}`), float64(987654), "new ids never collide with it")
}

func TestEveryFrameIsRecordedInOrderWithItsSocket(t *testing.T) {
	s := start(t, Options{AcceptDelay: time.Millisecond})
	// A page record before the socket: both kinds go into the one list.
	resp, err := http.Post(s.URL+"/__record", "text/plain", strings.NewReader(`{"seq":1,"type":"mount","jw_id":"abc"}`))
	require.NoError(t, err)
	resp.Body.Close()

	c := dial(t, s)
	frames := []string{
		`{"action":"setOpenData","t":"c","jw_token":"T"}`,
		`{"action":"JWGetMessages"}`,
		`{"action":"JWGetManager"}`,
		`{"action":"ping"}`,
		`{"action":"JWAuth","href":"wails://wails/","ip":"127.0.0.1","language":"uk","location":""}`,
		`{"action":"JWSomethingNew","x":1}`,
		`not json`,
	}
	for _, f := range frames {
		c.send(f)
	}
	records := waitRecords(t, s, "every frame", func(r []Record) bool { return len(OfType(r, "frame")) == len(frames) })

	assert.Equal(t, "mount", records[0].Type)
	assert.Equal(t, Record{Type: "socket", Socket: 1, Name: "open"}, records[1])
	got := s.Frames("")
	require.Len(t, got, len(frames))
	wantActions := []string{"setOpenData", "JWGetMessages", "JWGetManager", "ping", "JWAuth", "JWSomethingNew", ""}
	for i, f := range got {
		assert.Equal(t, 1, f.Socket)
		assert.Equal(t, wantActions[i], f.Action)
	}
	assert.JSONEq(t, frames[4], string(got[4].Frame), "the frame is kept as received")
	assert.JSONEq(t, `"not json"`, string(got[6].Frame), "a frame that is not JSON is kept as a string")
	require.Len(t, s.Frames("ping"), 1)
	assert.JSONEq(t, `{"action":"ping"}`, string(s.Frames("ping")[0].Frame))

	second := dial(t, s)
	second.send(`{"action":"ping"}`)
	waitRecords(t, s, "the second socket's ping", func([]Record) bool { return len(s.Frames("ping")) == 2 })
	assert.Equal(t, 2, s.Frames("ping")[1].Socket, "sockets are numbered from 1 in the order they open")

	require.NoError(t, c.conn.Close(websocket.StatusNormalClosure, ""))
	waitRecords(t, s, "socket 1 closed", func(r []Record) bool {
		for _, rec := range OfType(r, "socket") {
			if rec.Socket == 1 && rec.Name == "closed" {
				return true
			}
		}
		return false
	})
	assert.Equal(t, 1, s.OpenSockets())
}

func TestTheSocketIsNotAcceptedBeforeTheAcceptDelay(t *testing.T) {
	tests := []struct {
		name  string
		delay time.Duration
		least time.Duration
	}{
		{"zero means the default", 0, DefaultAcceptDelay},
		{"a longer delay", 400 * time.Millisecond, 400 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := start(t, Options{AcceptDelay: tt.delay})
			began := time.Now()
			dial(t, s)
			assert.GreaterOrEqual(t, time.Since(began), tt.least)
		})
	}
}

func TestDropSocketsClosesEveryOpenSocketAbnormally(t *testing.T) {
	s := start(t, Options{AcceptDelay: time.Millisecond})
	clients := []*client{dial(t, s), dial(t, s)}
	waitRecords(t, s, "both sockets open", func([]Record) bool { return s.OpenSockets() == 2 })

	s.DropSockets()
	assert.Equal(t, 0, s.OpenSockets())
	for _, c := range clients {
		ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
		_, _, err := c.conn.Read(ctx)
		cancel()
		require.Error(t, err)
		assert.Equal(t, websocket.StatusCode(-1), websocket.CloseStatus(err), "no close frame, as when a server dies: %v", err)
	}
	closed := 0
	for _, r := range OfType(s.Records(), "socket") {
		if r.Name == "closed" {
			closed++
		}
	}
	assert.Equal(t, 2, closed)

	// The widget reconnects, and the server takes it.
	again := dial(t, s)
	assert.Equal(t, map[string]any{"type": "pong"}, again.ask(`{"action":"ping"}`))
	assert.Equal(t, 1, s.OpenSockets())
}

func TestRefuseSocketsRefusesNewSocketsUntilTurnedOff(t *testing.T) {
	s := start(t, Options{AcceptDelay: time.Millisecond})
	before := dial(t, s)
	waitRecords(t, s, "the first socket open", func([]Record) bool { return s.OpenSockets() == 1 })

	s.RefuseSockets(true)
	for i := range 2 {
		conn, resp, err := tryDial(s)
		require.Error(t, err, "try %d", i+1)
		assert.Nil(t, conn)
		require.NotNil(t, resp, "the server answers, without upgrading")
		assert.Equal(t, http.StatusServiceUnavailable, resp.StatusCode)
	}
	assert.Equal(t, map[string]any{"type": "pong"}, before.ask(`{"action":"ping"}`), "a socket open before stays open")
	assert.Equal(t, []Record{
		{Type: "socket", Socket: 1, Name: "open"},
		{Type: "socket", Name: "refused"},
		{Type: "socket", Name: "refused"},
	}, OfType(s.Records(), "socket"))

	s.RefuseSockets(false)
	after := dial(t, s)
	assert.Equal(t, map[string]any{"type": "pong"}, after.ask(`{"action":"ping"}`))
	assert.Equal(t, 2, s.Frames("ping")[1].Socket, "a refused socket takes no number")
	assert.Equal(t, 2, s.OpenSockets())
}

func TestAgentMessageReachesEveryOpenSocket(t *testing.T) {
	s := start(t, Options{AcceptDelay: time.Millisecond})
	require.Error(t, s.AgentMessage("anyone there?"), "with no socket open there is nobody to tell")

	a, b := dial(t, s), dial(t, s)
	a.handshake(`{"action":"setOpenData","t":"c","jw_token":"T"}`)
	b.handshake(`{"action":"setOpenData","t":"c","jw_token":"T"}`)
	require.Error(t, s.AgentMessage(" "), "the widget cannot show an empty message")

	require.NoError(t, s.AgentMessage("Hello from support"))
	for _, c := range []*client{a, b} {
		got := c.read()
		assert.Equal(t, "newMessage", got["type"])
		assertMessage(t, got["data"], "manager", "Hello from support")
	}
	history := a.ask(`{"action":"JWGetMessages"}`)
	require.Len(t, history["data"], 1, "the reply is in the visitor's history")
	assertMessage(t, history["data"].([]any)[0], "manager", "Hello from support")
}

func TestCloseEndsTheSocketsAndLeavesNoGoroutineBehind(t *testing.T) {
	before := runtime.NumGoroutine()
	s, err := StartWith(widgetDir(t), Options{AcceptDelay: time.Millisecond})
	require.NoError(t, err)
	c := dial(t, s)
	waitRecords(t, s, "the socket open", func([]Record) bool { return s.OpenSockets() == 1 })
	// A socket still waiting out its accept delay must end too.
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
		defer cancel()
		if conn, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(s.URL, "http")+"/wss", nil); err == nil {
			conn.CloseNow()
		}
	}()

	s.Close()
	ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
	defer cancel()
	_, _, err = c.conn.Read(ctx)
	assert.Error(t, err)
	assert.Equal(t, 0, s.OpenSockets())
	s.Close() // twice is fine (tests close explicitly and in cleanup)
	c.conn.CloseNow()
	for deadline := time.Now().Add(waitTimeout); runtime.NumGoroutine() > before; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			stacks := make([]byte, 1<<20)
			t.Fatalf("%d goroutines before, %d after:\n%s", before, runtime.NumGoroutine(), stacks[:runtime.Stack(stacks, true)])
		}
	}
}

// script is the widget's script as the page loads it.
func script(t *testing.T, s *Server) string {
	t.Helper()
	resp, err := http.Get(s.URL + "/static/js/main.js?v=1")
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return string(body)
}

func TestTheScriptCarriesTheOptions(t *testing.T) {
	tests := []struct {
		name  string
		opts  Options
		fixed string
		crash []string // crashOnMount for the first loads, in order
	}{
		{"the real widget by default", Options{MountDelay: 400 * time.Millisecond}, "false", []string{"false", "false", "false"}},
		{"a fixed customerData", Options{FixedCustomerData: true}, "true", []string{"false", "false"}},
		{"crashes for the first loads only", Options{CrashMounts: 2}, "false", []string{"true", "true", "false", "false"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := start(t, tt.opts)
			for i, crash := range tt.crash {
				script := script(t, s)
				assert.Contains(t, script, "mountDelayMs: "+jsonNumber(float64(tt.opts.MountDelay/time.Millisecond))+",")
				assert.Contains(t, script, "fixedCustomerData: "+tt.fixed+",")
				assert.Contains(t, script, "crashOnMount: "+crash+",", "load %d", i+1)
				assert.NotContains(t, script, "__MOUNT_DELAY_MS__")
				assert.True(t, strings.HasSuffix(script, "/* the widget */\n"), "the widget follows the prelude")
			}
		})
	}
}

func TestTheScriptCarriesTheReconnectOptions(t *testing.T) {
	tests := []struct {
		name   string
		opts   Options
		auth   string
		stepMs string
	}{
		{"by default the usual reconnect, without JWAuth, a second apart", Options{}, `"without"`, "1000"},
		{"with JWAuth", Options{Reconnect: ReconnectWithAuth}, `"with"`, "1000"},
		{"alternating, as seen in production", Options{Reconnect: ReconnectAlternate}, `"alternate"`, "1000"},
		{"a shorter step for tests", Options{ReconnectStep: 50 * time.Millisecond}, `"without"`, "50"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			script := script(t, start(t, tt.opts))
			assert.Contains(t, script, "reconnectAuth: "+tt.auth+",")
			assert.Contains(t, script, "reconnectStepMs: "+tt.stepMs+",")
			assert.NotContains(t, script, "__RECONNECT_")
		})
	}
}

func TestAnUnknownReconnectKindIsRefused(t *testing.T) {
	_, err := StartWith(widgetDir(t), Options{Reconnect: ReconnectAlternate + 1})
	assert.ErrorContains(t, err, "unknown reconnect kind")
}
