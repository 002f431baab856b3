//go:build e2e

package e2e

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/test/standin"
)

// What the support team's server received: these tests count frames on the stand-in's chat
// socket, never the page's calls, because the real widget drops every customerData call.

func startStandInWith(t *testing.T, o standin.Options) *standin.Server {
	t.Helper()
	if o.MountDelay == 0 {
		o.MountDelay = 400 * time.Millisecond
	}
	s, err := standin.StartWith(widgetDir, o)
	require.NoError(t, err)
	t.Cleanup(s.Close)
	return s
}

const customerDataAction = "JWCustomerData"

func framesOf(records []standin.Record, action string) []standin.Record {
	var out []standin.Record
	for _, r := range records {
		if r.Type == "frame" && (action == "" || r.Action == action) {
			out = append(out, r)
		}
	}
	return out
}

func countFrames(action string, n int) func([]standin.Record) bool {
	return func(records []standin.Record) bool { return len(framesOf(records, action)) >= n }
}

// frameFields is a customerData frame without its action: what the support team stores.
func frameFields(t *testing.T, frame standin.Record) json.RawMessage {
	t.Helper()
	var fields map[string]any
	require.NoError(t, json.Unmarshal(frame.Frame, &fields))
	assert.Equal(t, customerDataAction, fields["action"])
	delete(fields, "action")
	out, err := json.Marshal(fields)
	require.NoError(t, err)
	return out
}

// assertAfterHandshake checks that a frame went out on its socket only after the widget's own
// opening frames, which tell the server who the visitor is: setOpenData (with the visitor's
// c_id, or followed by JWAuth for a new visitor), JWGetMessages, JWGetManager and ping.
func assertAfterHandshake(t *testing.T, records []standin.Record, frame standin.Record) {
	t.Helper()
	seen := map[string]bool{}
	for _, r := range records {
		if r.Seq == frame.Seq && r.Type == frame.Type && r.Socket == frame.Socket && string(r.Frame) == string(frame.Frame) {
			break
		}
		if r.Type == "frame" && r.Socket == frame.Socket {
			seen[r.Action] = true
			if r.Action == "setOpenData" && strings.Contains(string(r.Frame), `"c_id"`) {
				seen["c_id"] = true
			}
		}
	}
	assert.True(t, seen["setOpenData"] && seen["JWGetMessages"] && seen["JWGetManager"] && seen["ping"] && (seen["c_id"] || seen["JWAuth"]),
		"customerData went out on socket %d before the widget's own opening frames: %v", frame.Socket, seen)
}

// settle waits long enough for anything still on its way (the widget's JediDeskFullyLoaded
// comes 500 ms after its socket opens, and may ask for another delivery) to have arrived.
func settle() { time.Sleep(1500 * time.Millisecond) }

func deliveryShown(t *testing.T, s *standin.Server, status string) Element {
	t.Helper()
	return waitQuery(t, s, "#delivery", func(e Element) bool { return strings.Contains(e.Status, status) })
}

// assertShownOnlyAfterTheServerHadIt checks that the first time the page said "sent", the
// stand-in server had already received the frame: the window claims only what happened.
func assertShownOnlyAfterTheServerHadIt(t *testing.T, records []standin.Record) {
	t.Helper()
	frameAt, shownAt := -1, -1
	for i, r := range records {
		if frameAt < 0 && r.Type == "frame" && r.Action == customerDataAction {
			frameAt = i
		}
		if shownAt < 0 && r.Type == "query" && strings.Contains(string(r.Result), `"status":"app"`) {
			shownAt = i
		}
	}
	require.GreaterOrEqual(t, shownAt, 0, "the page never said the details were sent")
	assert.Less(t, frameAt, shownAt, "the page said 'sent' before the server had the frame")
	assert.GreaterOrEqual(t, frameAt, 0)
}

func TestTheProfileReachesTheSupportTeamOncePerConnectionThoughTheWidgetDropsIt(t *testing.T) {
	h := newHome(t)
	h.writeProfile(t, savedProfile)
	s := startStandIn(t)
	a := startApp(t, h, "--widget-url", s.URL)

	// At start-up the widget has no socket: the call is made and dropped, and nothing is sent
	// on anyone's behalf. No chat is started for the user.
	records := waitRecords(t, s, startTimeout, "customerData at mount", countCalls("customerData", 1))
	assert.False(t, calls(records, "customerData")[0].Delivered, "the widget's customerData is a stale closure")
	shown := deliveryShown(t, s, "waiting")
	assert.Contains(t, shown.Text, "щойно ви почнете чат", "in the profile's language")
	assert.Empty(t, ofType(s.Records(), "socket"), "the app must never open a chat for the user")

	// The visitor starts a chat: exactly one frame, equal to the profile, after the handshake.
	a.press("ctrl+o")
	require.NoError(t, s.Drive(map[string]string{"do": "startChat"}))
	// Watched from the moment the chat starts, so a "sent" shown too early would be seen.
	shown = deliveryShown(t, s, "app")
	records = waitRecords(t, s, startTimeout, "the profile on the chat socket", countFrames(customerDataAction, 1))
	assertShownOnlyAfterTheServerHadIt(t, records)
	first := framesOf(records, customerDataAction)[0]
	jsonEqual(t, savedProfile, frameFields(t, first))
	assertAfterHandshake(t, records, first)
	assert.Contains(t, shown.Text, "Надіслано до підтримки о")
	assert.Contains(t, shown.Text, "застосунком")
	settle()
	assert.Len(t, s.Frames(customerDataAction), 1, "JediDeskFullyLoaded must not send the same details again on the same socket")
	time.Sleep(500 * time.Millisecond) // the chat panel's animation, for the picture
	screenshot(t, "delivered-by-the-app")

	// A save sends the new values once more.
	newProfile := map[string]any{"name": "Ivan", "email": "ivan@example.com", "language": "en"}
	require.NoError(t, s.Drive(map[string]any{"do": "saveProfile", "profile": newProfile}))
	records = waitRecords(t, s, stepTimeout, "the saved profile on the socket", countFrames(customerDataAction, 2))
	jsonEqual(t, `{"name":"Ivan","email":"ivan@example.com","language":"en"}`, frameFields(t, framesOf(records, customerDataAction)[1]))

	// The server drops the socket; the widget reconnects and the new connection gets the
	// current profile once.
	s.DropSockets()
	records = waitRecords(t, s, startTimeout, "the profile on the new socket", countFrames(customerDataAction, 3))
	third := framesOf(records, customerDataAction)[2]
	assert.NotEqual(t, first.Socket, third.Socket)
	jsonEqual(t, `{"name":"Ivan","email":"ivan@example.com","language":"en"}`, frameFields(t, third))
	assertAfterHandshake(t, records, third)
	settle()
	assert.Len(t, s.Frames(customerDataAction), 3)

	log := a.stderr.String()
	assert.Contains(t, log, "details waiting for a chat to start")
	assert.Contains(t, log, "details delivered by the app")
	assert.NotContains(t, log, "olena@example.com", "the log holds states, never values")
}

func TestAWidgetThatSendsTheDetailsItselfGetsNoSecondCopy(t *testing.T) {
	h := newHome(t)
	h.writeProfile(t, `{"name": "Olena", "language": "uk"}`)
	s := startStandInWith(t, standin.Options{FixedCustomerData: true})
	a := startApp(t, h, "--widget-url", s.URL)
	waitRecords(t, s, startTimeout, "customerData at mount", countCalls("customerData", 1))

	require.NoError(t, s.Drive(map[string]string{"do": "startChat"}))
	records := waitRecords(t, s, startTimeout, "the widget's own frame", countFrames(customerDataAction, 1))
	jsonEqual(t, `{"name":"Olena","language":"uk"}`, frameFields(t, framesOf(records, customerDataAction)[0]))
	shown := deliveryShown(t, s, "widget")
	assert.Contains(t, shown.Text, "віджетом чату", "the profile's language is Ukrainian")

	require.NoError(t, s.Drive(map[string]any{"do": "saveProfile", "profile": map[string]any{"name": "Olena K", "language": "uk"}}))
	waitRecords(t, s, stepTimeout, "the widget's frame for the save", countFrames(customerDataAction, 2))
	settle()
	records = s.Records()
	assert.Len(t, framesOf(records, customerDataAction), 2, "one frame per request")
	widgetSent := 0
	for _, r := range ofType(records, "widgetFrame") {
		if r.Action == customerDataAction {
			widgetSent++
		}
	}
	assert.Equal(t, 2, widgetSent, "every frame the server got came from the widget, none from the app")
	assert.Contains(t, a.stderr.String(), "details delivered by the widget")
	assert.NotContains(t, a.stderr.String(), "details delivered by the app")
}

func TestAWidgetThatDiesAfterMountingIsReloadedAndThenDelivers(t *testing.T) {
	h := newHome(t)
	h.writeProfile(t, `{"name": "Olena"}`)
	s := startStandInWith(t, standin.Options{CrashMounts: 1})
	a := startApp(t, h, "--widget-url", s.URL)

	a.waitOutput("widget failed: crashed", startTimeout)
	status := waitQuery(t, s, "#status", func(e Element) bool { return strings.Contains(e.Text, "could not be loaded") })
	assert.NotContains(t, status.Text, "Chat open", "never 'Chat open' over an empty window")
	a.press("ctrl+o") // asked for while the widget is dead: kept for the next one
	time.Sleep(300 * time.Millisecond)
	screenshot(t, "widget-crashed")

	// The page reloads the widget after its back-off; the second one lives and gets the command.
	records := waitRecords(t, s, startTimeout, "openWidget on the second widget", func(r []standin.Record) bool {
		mounts := 0
		for _, rec := range r {
			if rec.Type == "mount" {
				mounts++
			}
			if mounts == 2 && rec.Type == "call" && rec.Command == "openWidget" {
				return true
			}
		}
		return false
	})
	assert.Len(t, ofType(records, "mount"), 2)
	require.NoError(t, s.Drive(map[string]string{"do": "startChat"}))
	records = waitRecords(t, s, startTimeout, "the profile after the reload", countFrames(customerDataAction, 1))
	jsonEqual(t, `{"name":"Olena"}`, frameFields(t, framesOf(records, customerDataAction)[0]))
	settle()
	assert.Len(t, s.Frames(customerDataAction), 1)
	deliveryShown(t, s, "app")
}
