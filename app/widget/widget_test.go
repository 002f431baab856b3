package widget

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recorder is a Sink that keeps what the page would have been told.
type recorder struct {
	commands []Command
	states   []State
}

func (r *recorder) Command(c Command) { r.commands = append(r.commands, c) }
func (r *recorder) State(s State)     { r.states = append(r.states, s) }

func (r *recorder) names() []string {
	var out []string
	for _, c := range r.commands {
		out = append(out, c.Command)
	}
	return out
}

// lastRequest is the number of the last customerData command the page was handed.
func (r *recorder) lastRequest() int {
	for i := len(r.commands) - 1; i >= 0; i-- {
		if r.commands[i].Command == CmdCustomerData {
			return r.commands[i].Request
		}
	}
	return 0
}

type profileData struct{ Name string }

func newBridge(t *testing.T, profile *profileData) (*Bridge, *recorder) {
	t.Helper()
	rec := &recorder{}
	b := New(rec, func() (any, bool) {
		if profile == nil {
			return nil, false
		}
		return *profile, true
	})
	return b, rec
}

func TestCommandsWaitUntilTheWidgetMountsThenArriveOnceInOrder(t *testing.T) {
	b, rec := newBridge(t, nil)
	b.Open()
	b.Close()
	b.Open()
	require.Empty(t, rec.commands, "nothing may reach a widget that has not mounted")
	assert.Equal(t, 3, b.State().Queued)

	b.Mounted()
	assert.Equal(t, []string{CmdOpen, CmdClose, CmdOpen}, rec.names())
	assert.Equal(t, State{Phase: PhaseReady, ChatOpen: true}, b.State())

	b.Mounted()
	assert.Len(t, rec.commands, 3, "a second mount report must not deliver again")
}

func TestOpenAndCloseAreNeverSentWhenTheChatIsAlreadyThere(t *testing.T) {
	tests := []struct {
		name    string
		actions func(b *Bridge)
		want    []string
	}{
		{"open twice sends one open", func(b *Bridge) { b.Open(); b.Open() }, []string{CmdOpen}},
		{"close on a closed chat sends nothing", func(b *Bridge) { b.Close() }, nil},
		{"open then close twice", func(b *Bridge) { b.Open(); b.Close(); b.Close() }, []string{CmdOpen, CmdClose}},
		{"open after the widget reported itself open", func(b *Bridge) {
			require.NoError(t, b.HandleEvent(EventOpened))
			b.Open()
		}, nil},
		{"close after the visitor closed the chat in the widget", func(b *Bridge) {
			b.Open()
			require.NoError(t, b.HandleEvent(EventClosed))
			b.Close()
		}, []string{CmdOpen}},
		{"toggle follows the chat state", func(b *Bridge) { b.Toggle(); b.Toggle(); b.Toggle() }, []string{CmdOpen, CmdClose, CmdOpen}},
		{"toggle after the visitor opened the chat closes it", func(b *Bridge) {
			require.NoError(t, b.HandleEvent(EventOpened))
			b.Toggle()
		}, []string{CmdClose}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, rec := newBridge(t, nil)
			b.Mounted()
			tt.actions(b)
			assert.Equal(t, tt.want, rec.names())
		})
	}
}

func TestQueuedOpensCollapseAgainstThePredictedChatState(t *testing.T) {
	b, rec := newBridge(t, nil)
	b.Open()
	b.Open()
	b.Toggle()
	b.Toggle()
	b.Close()
	b.Mounted()
	assert.Equal(t, []string{CmdOpen, CmdClose, CmdOpen, CmdClose}, rec.names())
}

func TestProfileIsSentFirstWhenTheWidgetMounts(t *testing.T) {
	p := &profileData{Name: "Olena"}
	b, rec := newBridge(t, p)
	b.Open()
	assert.Equal(t, Waiting, b.SendCustomerData().Status)
	assert.Equal(t, Waiting, b.SendCustomerData().Status)
	b.Mounted()
	require.Equal(t, []string{CmdCustomerData, CmdOpen}, rec.names(), "queued customerData requests are served by the one send at mount")
	assert.Equal(t, profileData{Name: "Olena"}, rec.commands[0].Options)
}

func TestQueuedProfileCarriesTheLatestValues(t *testing.T) {
	p := &profileData{Name: "old"}
	b, rec := newBridge(t, p)
	b.SendCustomerData()
	p.Name = "new"
	b.Mounted()
	require.Len(t, rec.commands, 1)
	assert.Equal(t, profileData{Name: "new"}, rec.commands[0].Options)
}

func TestEmptyProfileIsNeverSent(t *testing.T) {
	b, rec := newBridge(t, nil)
	assert.Equal(t, NothingToSend, b.SendCustomerData().Status)
	b.Mounted()
	b.ChatSocket(SocketReady)
	require.NoError(t, b.HandleEvent(EventFullyLoaded))
	assert.Empty(t, rec.commands)
	assert.Equal(t, NothingToSend, b.SendCustomerData().Status)
}

func TestEveryNewChatConnectionAndEveryFullyLoadedGetsTheProfile(t *testing.T) {
	b, rec := newBridge(t, &profileData{Name: "Ivan"})
	b.Mounted()
	assert.Equal(t, Waiting, b.State().Delivery.Status, "no chat socket yet: nothing can reach the support team")
	b.ChatSocket(SocketReady)
	assert.Equal(t, Sending, b.State().Delivery.Status)
	require.NoError(t, b.HandleEvent(EventFullyLoaded))
	b.ChatSocket(SocketClosed)
	b.ChatSocket(SocketReady)
	assert.Equal(t, []string{CmdCustomerData, CmdCustomerData, CmdCustomerData, CmdCustomerData}, rec.names())
	for i, c := range rec.commands {
		assert.Equal(t, i+1, c.Request, "each request has its own number")
	}
	assert.Equal(t, LinkOpen, b.State().Link)
}

func TestTheChatsConnectionFollowsWhatThePageSawOfItsSockets(t *testing.T) {
	tests := []struct {
		name    string
		reports []string
		want    Link
	}{
		{"no chat started", nil, LinkNone},
		{"connected", []string{SocketReady}, LinkOpen},
		{"lost: the widget is reconnecting", []string{SocketReady, SocketClosed}, LinkLost},
		{"connected again", []string{SocketReady, SocketClosed, SocketReady}, LinkOpen},
		{"the widget gave up", []string{SocketReady, SocketClosed, SocketGaveUp}, LinkGaveUp},
		{"the widget tried again after all", []string{SocketReady, SocketClosed, SocketGaveUp, SocketClosed}, LinkLost},
		{"a chat that never connected gave up", []string{SocketGaveUp}, LinkGaveUp},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, _ := newBridge(t, &profileData{Name: "Ivan"})
			b.Mounted()
			for _, r := range tt.reports {
				require.NoError(t, b.ChatSocket(r))
			}
			assert.Equal(t, tt.want, b.State().Link)
		})
	}
}

func TestTheChatSocketReportIsChecked(t *testing.T) {
	b, rec := newBridge(t, &profileData{Name: "Ivan"})
	b.Mounted()
	states := len(rec.states)
	for _, r := range []string{"", "open", "Ready", "gave up"} {
		assert.Error(t, b.ChatSocket(r), "%q", r)
	}
	assert.Len(t, rec.states, states, "a refused report changes no state")
}

func TestADeadWidgetDoesNotGiveUpReconnecting(t *testing.T) {
	b, _ := newBridge(t, &profileData{Name: "Ivan"})
	b.Mounted()
	require.NoError(t, b.ChatSocket(SocketReady))
	b.Failed("crashed")
	require.NoError(t, b.ChatSocket(SocketGaveUp), "the dying frame's last word")
	assert.Equal(t, LinkNone, b.State().Link)
}

func TestTheDetailsThatFollowAReconnectionSaySo(t *testing.T) {
	at := time.Date(2026, 12, 4, 13, 36, 0, 0, time.UTC)
	b, rec := newBridge(t, &profileData{Name: "Ivan"})
	b.now = func() time.Time { return at }
	b.Mounted()
	require.NoError(t, b.ChatSocket(SocketReady))
	require.NoError(t, b.Reported(rec.lastRequest(), DeliveredByApp, ""))
	assert.False(t, b.State().Delivery.Again, "the first connection is not a reconnection")

	require.NoError(t, b.ChatSocket(SocketClosed))
	assert.Equal(t, DeliveredByApp, b.State().Delivery.Status, "what went before the drop still went")
	require.NoError(t, b.ChatSocket(SocketReady))
	assert.Equal(t, Sending, b.State().Delivery.Status)
	require.NoError(t, b.Reported(rec.lastRequest(), DeliveredByApp, ""))
	assert.Equal(t, Delivery{Status: DeliveredByApp, Last: &at, Again: true}, b.State().Delivery)

	// JediDeskFullyLoaded on the same socket: the details were already there.
	require.NoError(t, b.HandleEvent(EventFullyLoaded))
	require.NoError(t, b.Reported(rec.lastRequest(), DeliveredByApp, ReasonAlready))
	assert.True(t, b.State().Delivery.Again)

	// A save sends new details: no longer the reconnection's.
	b.SendCustomerData()
	require.NoError(t, b.Reported(rec.lastRequest(), DeliveredByApp, ""))
	assert.False(t, b.State().Delivery.Again)

	// A reloaded page starts counting its connections again.
	b.PageAttached()
	b.Mounted()
	require.NoError(t, b.ChatSocket(SocketReady))
	require.NoError(t, b.Reported(rec.lastRequest(), DeliveredByApp, ""))
	assert.False(t, b.State().Delivery.Again)
}

func TestTheReconnectionsDetailsSaySoThoughTheWidgetsLoadOvertookThem(t *testing.T) {
	b, rec := newBridge(t, &profileData{Name: "Ivan"})
	b.Mounted()
	require.NoError(t, b.ChatSocket(SocketReady))
	require.NoError(t, b.Reported(rec.lastRequest(), DeliveredByApp, ""))
	require.NoError(t, b.ChatSocket(SocketClosed))
	require.NoError(t, b.ChatSocket(SocketReady))
	reconnection := rec.lastRequest()
	// JediDeskFullyLoaded comes before the page reported the reconnection's delivery: a new
	// request replaces it, and it is that one the frame reports delivered.
	require.NoError(t, b.HandleEvent(EventFullyLoaded))
	require.NotEqual(t, reconnection, rec.lastRequest())
	require.NoError(t, b.Reported(reconnection, DeliveredByApp, ""))
	require.NoError(t, b.Reported(rec.lastRequest(), DeliveredByApp, ""))
	assert.True(t, b.State().Delivery.Again)
}

func TestDetailsAskedForWhileReconnectingWaitForTheNewConnection(t *testing.T) {
	b, rec := newBridge(t, &profileData{Name: "Ivan"})
	b.Mounted()
	require.NoError(t, b.ChatSocket(SocketReady))
	require.NoError(t, b.ChatSocket(SocketClosed))
	b.SendCustomerData()
	assert.Equal(t, Waiting, b.State().Delivery.Status)
	require.NoError(t, b.Reported(rec.lastRequest(), Waiting, ""))
	assert.Equal(t, LinkLost, b.State().Link)
}

func TestFullyLoadedBeforeMountSendsNothingYet(t *testing.T) {
	b, rec := newBridge(t, &profileData{Name: "Ivan"})
	require.NoError(t, b.HandleEvent(EventFullyLoaded))
	b.ChatSocket(SocketReady)
	assert.Empty(t, rec.commands)
}

func TestTheDeliveryIsWhatThePageSawOnTheSocket(t *testing.T) {
	at := time.Date(2026, 12, 2, 10, 32, 0, 0, time.UTC)
	tests := []struct {
		name    string
		reports []DeliveryStatus
		want    Delivery
	}{
		{"the widget sent it", []DeliveryStatus{DeliveredByWidget}, Delivery{Status: DeliveredByWidget, Last: &at}},
		{"the app sent it", []DeliveryStatus{DeliveredByApp}, Delivery{Status: DeliveredByApp, Last: &at}},
		{"the socket closed first", []DeliveryStatus{DeliveryFailed}, Delivery{Status: DeliveryFailed, Reason: "socket-closed"}},
		{"no socket after all", []DeliveryStatus{Waiting}, Delivery{Status: Waiting}},
		{"a failure keeps the time of the last delivery", []DeliveryStatus{DeliveredByApp, DeliveryFailed}, Delivery{Status: DeliveryFailed, Reason: "socket-closed", Last: &at}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, rec := newBridge(t, &profileData{Name: "Ivan"})
			b.now = func() time.Time { return at }
			b.Mounted()
			b.ChatSocket(SocketReady)
			for _, r := range tt.reports {
				require.NoError(t, b.Reported(rec.lastRequest(), r, "socket-closed"))
			}
			assert.Equal(t, tt.want, b.State().Delivery)
		})
	}
}

func TestDetailsAlreadyOnTheSocketKeepTheTimeTheyWent(t *testing.T) {
	first := time.Date(2026, 12, 2, 10, 32, 0, 0, time.UTC)
	b, rec := newBridge(t, &profileData{Name: "Ivan"})
	b.now = func() time.Time { return first }
	b.Mounted()
	b.ChatSocket(SocketReady)
	require.NoError(t, b.Reported(rec.lastRequest(), DeliveredByApp, ""))
	b.now = func() time.Time { return first.Add(time.Minute) }
	require.NoError(t, b.HandleEvent(EventFullyLoaded))
	require.NoError(t, b.Reported(rec.lastRequest(), DeliveredByApp, ReasonAlready))
	assert.Equal(t, Delivery{Status: DeliveredByApp, Last: &first}, b.State().Delivery)
}

func TestReportsOnAReplacedRequestAreIgnored(t *testing.T) {
	b, rec := newBridge(t, &profileData{Name: "Ivan"})
	b.Mounted()
	b.ChatSocket(SocketReady)
	replaced := rec.lastRequest()
	b.SendCustomerData()
	require.NoError(t, b.Reported(replaced, DeliveredByApp, ""), "the replaced request carried the old profile")
	assert.Equal(t, Sending, b.State().Delivery.Status)
	assert.Nil(t, b.State().Delivery.Last)
	require.NoError(t, b.Reported(rec.lastRequest(), DeliveredByWidget, ""))
	assert.Equal(t, DeliveredByWidget, b.State().Delivery.Status)
}

func TestThePageCannotReportAStatusItDidNotObserve(t *testing.T) {
	b, _ := newBridge(t, &profileData{Name: "Ivan"})
	b.Mounted()
	for _, s := range []DeliveryStatus{"", Sending, NothingToSend, "delivered", "widget "} {
		t.Run(string(s), func(t *testing.T) {
			assert.Error(t, b.Reported(1, s, ""))
		})
	}
	assert.Equal(t, Waiting, b.State().Delivery.Status)
}

func TestAWidgetThatDiesIsNeitherOpenNorConnected(t *testing.T) {
	b, _ := newBridge(t, &profileData{Name: "Ivan"})
	b.Mounted()
	b.Open()
	b.ChatSocket(SocketReady)
	b.Failed("crashed")
	st := b.State()
	assert.Equal(t, PhaseFailed, st.Phase)
	assert.False(t, st.ChatOpen, "never 'Chat open' over an empty window")
	assert.Equal(t, LinkNone, st.Link)
	assert.Equal(t, Waiting, st.Delivery.Status, "the request in flight goes again on the next load")
}

func TestUnknownEventsFromThePageAreRefused(t *testing.T) {
	b, rec := newBridge(t, nil)
	for _, name := range []string{"", "openWidget", "JediDeskOpenedWidget ", "__proto__"} {
		t.Run(name, func(t *testing.T) {
			assert.Error(t, b.HandleEvent(name))
		})
	}
	assert.Empty(t, rec.states, "a refused event changes no state")
}

func TestFailureKeepsTheQueueForTheNextLoad(t *testing.T) {
	b, rec := newBridge(t, nil)
	b.Open()
	b.Failed("script did not load")
	assert.Equal(t, State{Phase: PhaseFailed, Queued: 1, Error: "script did not load"}, b.State())
	assert.Empty(t, rec.commands)

	b.PageAttached()
	assert.Equal(t, State{Phase: PhaseLoading, Queued: 1}, b.State())
	b.Mounted()
	assert.Equal(t, []string{CmdOpen}, rec.names())
}

func TestAReloadedPageStartsClosedAndDisconnected(t *testing.T) {
	b, rec := newBridge(t, nil)
	b.Mounted()
	b.Open()
	b.ChatSocket(SocketReady)
	b.PageAttached()
	assert.Equal(t, State{Phase: PhaseLoading}, b.State())
	b.Mounted()
	b.Open()
	assert.Equal(t, []string{CmdOpen, CmdOpen}, rec.names(), "the new widget instance is closed, so open must be sent again")
}

func TestEveryChangeIsReportedToThePage(t *testing.T) {
	b, rec := newBridge(t, nil)
	b.Open()
	b.Mounted()
	require.NoError(t, b.HandleEvent(EventClosed))
	require.Len(t, rec.states, 3)
	assert.Equal(t, State{Phase: PhaseLoading, Queued: 1}, rec.states[0])
	assert.Equal(t, State{Phase: PhaseReady, ChatOpen: true}, rec.states[1])
	assert.Equal(t, State{Phase: PhaseReady}, rec.states[2])
}

func TestConcurrentCallersNeverDoubleAnOpen(t *testing.T) {
	rec := &lockedRecorder{}
	b := New(rec, func() (any, bool) { return nil, false })
	b.Mounted()
	done := make(chan struct{})
	for i := 0; i < 20; i++ {
		go func() { b.Open(); done <- struct{}{} }()
	}
	for i := 0; i < 20; i++ {
		<-done
	}
	assert.Equal(t, 1, rec.count(CmdOpen))
}

func TestTheServicesVerdictOnTheTokenIsPartOfTheStateUntilTheNextLoad(t *testing.T) {
	b, _ := newBridge(t, nil)
	b.Mounted()
	require.NoError(t, b.TokenVerdict(TokenUnrecognised))
	assert.Equal(t, TokenUnrecognised, b.State().Token)
	assert.Error(t, b.TokenVerdict("maybe"))
	assert.Equal(t, TokenUnrecognised, b.State().Token, "a refused verdict changes nothing")
	b.PageAttached()
	assert.Equal(t, "", b.State().Token, "a new load asks the service again")
}

func TestALateReportOfAnEarlierCommandDoesNotUndoALaterOne(t *testing.T) {
	b, rec := newBridge(t, nil)
	b.Mounted()
	b.Open()
	b.Close() // before the widget reported the open
	require.NoError(t, b.HandleEvent(EventOpened))
	assert.False(t, b.State().ChatOpen, "the open's report comes after the close was sent")
	b.Open()
	assert.Equal(t, []string{CmdOpen, CmdClose, CmdOpen}, rec.names(), "the second open is sent: the chat is closing")
	require.NoError(t, b.HandleEvent(EventClosed))
	require.NoError(t, b.HandleEvent(EventOpened))
	assert.True(t, b.State().ChatOpen)
}

func TestWhatTheVisitorDoesInTheWidgetIsTheTruth(t *testing.T) {
	b, rec := newBridge(t, nil)
	b.Mounted()
	b.Open()
	require.NoError(t, b.HandleEvent(EventClosed), "the visitor closed it before the open took")
	assert.False(t, b.State().ChatOpen)
	b.Open()
	assert.Equal(t, []string{CmdOpen, CmdOpen}, rec.names())
}
