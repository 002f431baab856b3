//go:build e2e

package e2e

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/test/standin"
)

// After the server drops the chat's socket the real widget reconnects, usually without JWAuth
// (its two handlers race for the new socket): the details must reach support once on every new
// socket either way, and the window must say what happened.

const reconnectProfile = `{"name":"Olena","email":"olena@example.com","language":"en"}`

// actionsOn is what the widget sent on one socket, in order.
func actionsOn(records []standin.Record, socket int) []string {
	var out []string
	for _, r := range framesOf(records, "") {
		if r.Socket == socket {
			out = append(out, r.Action)
		}
	}
	return out
}

func statusShows(t *testing.T, s *standin.Server, text string) Element {
	t.Helper()
	return waitQuery(t, s, "#status", func(e Element) bool { return strings.Contains(e.Text, text) })
}

func TestAfterEveryReconnectTheDetailsReachSupportOnceMore(t *testing.T) {
	for _, tt := range []struct {
		name string
		kind standin.ReconnectKind
		// auth: whether the widget's reconnects send JWAuth.
		auth bool
	}{
		{"without JWAuth, as most reconnects of the real widget", standin.ReconnectWithoutAuth, false},
		{"with JWAuth", standin.ReconnectWithAuth, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := newHome(t)
			h.writeProfile(t, reconnectProfile)
			s := startStandInWith(t, standin.Options{Reconnect: tt.kind})
			a := startApp(t, h, "--widget-url", s.URL)
			waitRecords(t, s, startTimeout, "customerData at mount", countCalls("customerData", 1))
			a.press("ctrl+o")
			require.NoError(t, s.Drive(map[string]string{"do": "startChat"}))
			records := waitRecords(t, s, startTimeout, "the profile on the first socket", countFrames(customerDataAction, 1))
			first := framesOf(records, customerDataAction)[0]
			shown := deliveryShown(t, s, "app")
			assert.NotContains(t, shown.Text, "again")

			sockets := []int{first.Socket}
			for drop := 1; drop <= 3; drop++ {
				dropped := time.Now()
				s.DropSockets()
				// The widget waits a second before it makes a new socket: the window says so meanwhile.
				statusShows(t, s, "Connection lost, reconnecting…")
				records = waitRecords(t, s, startTimeout, "the profile on the new socket", countFrames(customerDataAction, 1+drop))
				t.Logf("drop %d: the details were on the new socket %v after the server dropped the old one", drop, time.Since(dropped).Round(time.Millisecond))
				frame := framesOf(records, customerDataAction)[drop]
				assert.NotContains(t, sockets, frame.Socket, "one frame per socket")
				sockets = append(sockets, frame.Socket)
				jsonEqual(t, reconnectProfile, frameFields(t, frame))
				assertAfterHandshake(t, records, frame)
				assert.Equal(t, tt.auth, slices.Contains(actionsOn(records, frame.Socket), "JWAuth"), "the stand-in reconnected as asked: %v", actionsOn(records, frame.Socket))
				shown = deliveryShown(t, s, "app")
				assert.Contains(t, shown.Text, "again, after the chat reconnected")
				if drop == 1 {
					// What the support team's server received on the reconnected socket.
					for _, r := range framesOf(records, "") {
						if r.Socket == frame.Socket {
							t.Logf("server, socket %d: %s", r.Socket, r.Frame)
						}
					}
					t.Logf("window: %q", shown.Text)
				}
				statusShows(t, s, "Chat open")
			}
			settle()
			assert.Len(t, s.Frames(customerDataAction), 4, "JediDeskFullyLoaded on a new socket must not send the same details twice")
			shown = query(t, s, "#delivery")
			assert.NotContains(t, shown.Text, "start a chat", "a connected chat is never waiting for one")
			time.Sleep(500 * time.Millisecond)
			screenshot(t, "after-reconnect-"+map[bool]string{false: "without-auth", true: "with-auth"}[tt.auth])

			log := a.stderr.String()
			assert.Contains(t, log, "chat connection lost, the widget is reconnecting")
			assert.Equal(t, 4, strings.Count(log, "jedidesk-desktop: chat connected\n"))
		})
	}
}

func TestAWidgetThatStopsReconnectingIsNamedAndTheChatCanBeReloaded(t *testing.T) {
	h := newHome(t)
	h.writeProfile(t, reconnectProfile)
	// The widget's tries come fast, so the ten of them take a second, not a minute.
	s := startStandInWith(t, standin.Options{ReconnectStep: 20 * time.Millisecond})
	a := startApp(t, h, "--widget-url", s.URL)
	waitRecords(t, s, startTimeout, "customerData at mount", countCalls("customerData", 1))
	require.NoError(t, s.Drive(map[string]string{"do": "startChat"}))
	waitRecords(t, s, startTimeout, "the profile on the first socket", countFrames(customerDataAction, 1))

	s.RefuseSockets(true)
	s.DropSockets()
	statusShows(t, s, "Connection lost, reconnecting…")
	waitRecords(t, s, startTimeout, "the widget to give up", func(r []standin.Record) bool { return len(ofType(r, "gaveUp")) > 0 })
	status := statusShows(t, s, "the chat stopped reconnecting")
	assert.NotContains(t, status.Text, "Chat open")
	reload := waitQuery(t, s, "#reload-chat", func(e Element) bool { return !e.Hidden })
	assert.Equal(t, "Reload the chat", reload.Text)
	a.waitOutput("chat connection lost, the widget stopped reconnecting", stepTimeout)
	refused := 0
	for _, r := range ofType(s.Records(), "socket") {
		if r.Name == "refused" {
			refused++
		}
	}
	assert.Equal(t, 10, refused, "the widget tries ten times")
	screenshot(t, "widget-gave-up-reconnecting")

	// The server is back; the user reloads the chat and starts it again: the details go.
	s.RefuseSockets(false)
	a.click(t, s, "#reload-chat")
	waitRecords(t, s, startTimeout, "the widget's second mount", func(r []standin.Record) bool { return len(ofType(r, "mount")) >= 2 })
	statusShows(t, s, "Chat ready")
	require.NoError(t, s.Drive(map[string]string{"do": "startChat"}))
	waitRecords(t, s, startTimeout, "the profile after the reload", countFrames(customerDataAction, 2))
	reload = query(t, s, "#reload-chat")
	assert.True(t, reload.Hidden)
}
