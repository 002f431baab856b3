package notify

import (
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/test/sniwatcher"
)

const eventually = 5 * time.Second

// shown is one Notify call as the server received it.
type shown struct {
	App      string
	Icon     string
	Entry    string
	Replaces uint32
	Summary  string
	Body     string
	Actions  []string
	ID       uint32
	// Kept: the server was asked to keep it up (resident, no expiry).
	Kept bool
}

func entry(hints map[string]dbus.Variant) string {
	s, _ := hints["desktop-entry"].Value().(string)
	return s
}

// fakeServer is a notification server on the private bus that records what it is asked to show
// and, on the test's word, says the user clicked.
type fakeServer struct {
	conn *dbus.Conn
	caps []string

	mu     sync.Mutex
	last   uint32
	open   map[uint32]bool
	shown  []shown
	closed []uint32
}

func startFakeServer(t *testing.T, caps ...string) *fakeServer {
	t.Helper()
	conn, err := dbus.ConnectSessionBus()
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	f := &fakeServer{conn: conn, caps: caps, open: map[uint32]bool{}}
	require.NoError(t, conn.Export(f, serverPath, serverName))
	reply, err := conn.RequestName(serverName, dbus.NameFlagDoNotQueue)
	require.NoError(t, err)
	require.Equal(t, dbus.RequestNameReplyPrimaryOwner, reply)
	return f
}

func (f *fakeServer) GetServerInformation() (string, string, string, string, *dbus.Error) {
	return "fake", "tests", "1", "1.2", nil
}

func (f *fakeServer) GetCapabilities() ([]string, *dbus.Error) { return f.caps, nil }

func (f *fakeServer) Notify(app string, replaces uint32, icon, summary, body string, actions []string,
	hints map[string]dbus.Variant, timeout int32) (uint32, *dbus.Error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	// Like real servers, it replaces a notification still up and gives a closed one's
	// replacement a new id.
	id := replaces
	if !f.open[id] {
		f.last++
		id = f.last
	}
	f.open[id] = true
	resident, _ := hints["resident"].Value().(bool)
	f.shown = append(f.shown, shown{App: app, Icon: icon, Entry: entry(hints), Replaces: replaces, Summary: summary, Body: body, Actions: actions, ID: id,
		Kept: resident && timeout == 0})
	return id, nil
}

func (f *fakeServer) CloseNotification(id uint32) *dbus.Error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.closed = append(f.closed, id)
	return nil
}

func (f *fakeServer) closedByClient() []uint32 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]uint32(nil), f.closed...)
}

func (f *fakeServer) received() []shown {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]shown(nil), f.shown...)
}

func (f *fakeServer) click(t *testing.T, id uint32, action string) {
	t.Helper()
	require.NoError(t, f.conn.Emit(serverPath, serverName+".ActionInvoked", id, action))
}

func (f *fakeServer) dismiss(t *testing.T, id uint32) {
	t.Helper()
	f.mu.Lock()
	delete(f.open, id)
	f.mu.Unlock()
	require.NoError(t, f.conn.Emit(serverPath, serverName+".NotificationClosed", id, uint32(2)))
}

func TestNewWithoutAServerSaysSo(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T)
	}{
		{"no session bus at all", func(t *testing.T) {
			t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
			t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
		}},
		{"a session bus with no notification server", func(t *testing.T) { sniwatcher.PrivateBus(t) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.setup(t)
			n, err := New("JediDesk", "jedidesk-desktop", func() {})
			require.ErrorIs(t, err, ErrNoServer)
			assert.Nil(t, n)
			assert.Contains(t, err.Error(), "no desktop notification server")
		})
	}
}

func TestNotifySendsPlainTextTheServerCannotMisread(t *testing.T) {
	message := `<b>Hi</b> & welcome ` + strings.Repeat("слово ", 60)
	tests := []struct {
		name     string
		caps     []string
		wantBody string
	}{
		{"a markup server gets the text escaped", []string{"actions", "body", "body-markup"}, Text(message)},
		{"a plain server gets the text as is", []string{"actions", "body"}, shorten(message)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sniwatcher.PrivateBus(t)
			server := startFakeServer(t, tt.caps...)
			n, err := New("JediDesk", "jedidesk-desktop", func() {})
			require.NoError(t, err)
			defer n.Close()

			id, err := n.Notify("Support <team>", message, false)
			require.NoError(t, err)
			got := server.received()
			require.Len(t, got, 1)
			assert.Equal(t, shown{App: "JediDesk", Icon: "jedidesk-desktop", Entry: "jedidesk-desktop", Summary: "Support <team>", Body: tt.wantBody,
				Actions: []string{"default", "Open"}, ID: id}, got[0])
			assert.True(t, strings.HasSuffix(got[0].Body, "…"), "a long message is shortened")
		})
	}
}

func TestANewNotificationReplacesThePreviousOne(t *testing.T) {
	sniwatcher.PrivateBus(t)
	server := startFakeServer(t, "body-markup")
	n, err := New("JediDesk", "jedidesk-desktop", func() {})
	require.NoError(t, err)
	defer n.Close()

	first, err := n.Notify("JediDesk", "one", false)
	require.NoError(t, err)
	second, err := n.Notify("JediDesk", "two", false)
	require.NoError(t, err)
	assert.Equal(t, first, second)
	got := server.received()
	require.Len(t, got, 2)
	assert.Zero(t, got[0].Replaces, "the first replaces nothing")
	assert.Equal(t, first, got[1].Replaces, "the second replaces the first")
}

func TestAKeptNotificationStaysUntilWithdrawn(t *testing.T) {
	sniwatcher.PrivateBus(t)
	server := startFakeServer(t, "body-markup", "persistence")
	n, err := New("JediDesk", "jedidesk-desktop", func() {})
	require.NoError(t, err)
	defer n.Close()

	require.NoError(t, n.Withdraw(), "nothing to withdraw yet")
	assert.Empty(t, server.closedByClient())
	id, err := n.Notify("JediDesk", "kept", true)
	require.NoError(t, err)
	_, err = n.Notify("JediDesk", "not kept", false)
	require.NoError(t, err)
	got := server.received()
	require.Len(t, got, 2)
	assert.True(t, got[0].Kept, "resident, no expiry")
	assert.False(t, got[1].Kept, "the server's own timeout")

	require.NoError(t, n.Withdraw())
	assert.Equal(t, []uint32{id}, server.closedByClient())
	server.dismiss(t, id)
	require.Eventually(t, func() bool {
		n.mu.Lock()
		defer n.mu.Unlock()
		return !n.ours[id]
	}, eventually, 10*time.Millisecond, "the notifier hears that the server closed it")
	require.NoError(t, n.Withdraw())
	assert.Len(t, server.closedByClient(), 1, "a notification already closed is not withdrawn again")
}

func TestClickingOurNotificationActivatesTheApp(t *testing.T) {
	sniwatcher.PrivateBus(t)
	server := startFakeServer(t, "actions", "body-markup")
	activated := make(chan struct{}, 8)
	n, err := New("JediDesk", "jedidesk-desktop", func() { activated <- struct{}{} })
	require.NoError(t, err)
	id, err := n.Notify("JediDesk", "Hello", false)
	require.NoError(t, err)

	// Signals from one sender arrive in order: once a click that counts has been seen, every
	// signal emitted before it has been handled, so any activation they caused is queued too.
	expectOnlyOneActivation := func(t *testing.T) {
		t.Helper()
		select {
		case <-activated:
		case <-time.After(eventually):
			require.Fail(t, "the click on our notification did not activate the app")
		}
		assert.Empty(t, activated, "activations besides the one expected")
	}

	t.Run("a click on ours activates and takes it down", func(t *testing.T) {
		server.click(t, id, "default")
		expectOnlyOneActivation(t)
		assert.EventuallyWithT(t, func(c *assert.CollectT) {
			assert.Equal(c, []uint32{id}, server.closedByClient())
		}, eventually, 10*time.Millisecond)
	})
	t.Run("clicks on other apps' notifications and other actions do not", func(t *testing.T) {
		server.click(t, id+100, "default")
		server.click(t, id, "reply")
		server.click(t, id, "default")
		expectOnlyOneActivation(t)
	})
	t.Run("a look-alike signal from another client does not", func(t *testing.T) {
		other, err := dbus.ConnectSessionBus()
		require.NoError(t, err)
		defer other.Close()
		require.NoError(t, other.Emit(serverPath, serverName+".ActionInvoked", id, "default"))
		// A round trip through the bus makes sure it routed that signal before the real one.
		require.NoError(t, other.BusObject().Call("org.freedesktop.DBus.GetId", 0).Err)
		server.click(t, id, "default")
		expectOnlyOneActivation(t)
	})
	t.Run("a closed notification is forgotten", func(t *testing.T) {
		server.dismiss(t, id)
		server.click(t, id, "default")
		second, err := n.Notify("JediDesk", "Again", false)
		require.NoError(t, err)
		server.click(t, second, "default")
		expectOnlyOneActivation(t)
	})
	t.Run("after Close nothing activates", func(t *testing.T) {
		require.NoError(t, n.Close())
		server.click(t, id, "default")
		time.Sleep(100 * time.Millisecond)
		assert.Empty(t, activated)
	})
}

// TestDunstShowsTheMessageAsPlainText shows a notification with a real server, Debian's dunst,
// clicks it with dunstctl and reads back what dunst showed. Dunst needs a display: run the
// tests under xvfb-run.
func TestDunstShowsTheMessageAsPlainText(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		t.Skip("needs an X display for dunst: run under xvfb-run")
	}
	dunst, err := exec.LookPath("dunst")
	if err != nil {
		t.Skip("needs dunst and dunstctl (Debian package dunst)")
	}
	sniwatcher.PrivateBus(t)
	cmd := exec.Command(dunst)
	// An empty config home: the packaged defaults, not a developer's own dunstrc.
	cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+t.TempDir())
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})

	activated := make(chan struct{}, 4)
	var n *Notifier
	require.Eventually(t, func() bool {
		n, err = New("JediDesk", "jedidesk-desktop", func() { activated <- struct{}{} })
		return err == nil
	}, eventually, 20*time.Millisecond, "dunst came up on the bus")
	defer n.Close()

	message := "<b>Вітаю!</b> Your order #42 & invoice <a href='x'>here</a> 👋🏽 " + strings.Repeat("деталі ", 40)
	first, err := n.Notify("Support & <team>", "an earlier message", false)
	require.NoError(t, err)
	id, err := n.Notify("Support & <team>", message, false)
	require.NoError(t, err)
	assert.Equal(t, first, id, "the second notification replaced the first")
	require.Eventually(t, func() bool { return dunstctl(t, "count", "displayed") == "1" }, eventually, 20*time.Millisecond,
		"dunst shows one notification")

	dunstctl(t, "action", "0")
	select {
	case <-activated:
	case <-time.After(eventually):
		require.Fail(t, "clicking the notification in dunst did not activate the app")
	}

	entry := dunstHistory(t, id)
	assert.Equal(t, "JediDesk", entry["appname"])
	assert.Equal(t, "Support & <team>", entry["summary"])
	assert.Equal(t, Text(message), entry["body"], "the body dunst received")
	assert.NotContains(t, entry["body"], "<", "no markup reached dunst")
	assert.True(t, strings.HasSuffix(entry["body"].(string), "…"))
	assert.Equal(t, "default", entry["default_action_name"])
}

func dunstctl(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command("dunstctl", args...).CombinedOutput()
	require.NoError(t, err, "dunstctl %s: %s", strings.Join(args, " "), out)
	return strings.TrimSpace(string(out))
}

// dunstHistory is the entry for notification id among those dunst has closed, each field
// unwrapped from dunstctl's {"type", "data"} pairs. Dunst moves a clicked notification there
// a moment after it reports the click.
func dunstHistory(t *testing.T, id uint32) map[string]any {
	t.Helper()
	entry := map[string]any{}
	require.EventuallyWithT(t, func(c *assert.CollectT) {
		var history struct {
			Data [][]map[string]struct {
				Data any `json:"data"`
			} `json:"data"`
		}
		out := dunstctl(t, "history")
		if !assert.NoError(c, json.Unmarshal([]byte(out), &history)) || !assert.Len(c, history.Data, 1) {
			return
		}
		for _, fields := range history.Data[0] {
			if fields["id"].Data == float64(id) {
				for k, v := range fields {
					entry[k] = v.Data
				}
				return
			}
		}
		assert.Fail(c, "not in dunst's history", "%d in %s", id, out)
	}, eventually, 20*time.Millisecond)
	return entry
}
