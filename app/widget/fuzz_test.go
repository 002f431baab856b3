package widget

import (
	"testing"
)

// modelSink checks every command against the chat state the page would be in: openWidget only
// to a closed chat and closeWidget only to an open one, whatever the order of calls and events.
type modelSink struct {
	t    *testing.T
	open bool
}

func (m *modelSink) Command(c Command) {
	switch c.Command {
	case CmdOpen:
		if m.open {
			m.t.Fatalf("openWidget sent to an open chat")
		}
		m.open = true
	case CmdClose:
		if !m.open {
			m.t.Fatalf("closeWidget sent to a closed chat")
		}
		m.open = false
	case CmdCustomerData:
		if c.Options == nil {
			m.t.Fatalf("customerData sent without data")
		}
	default:
		m.t.Fatalf("unknown command %q", c.Command)
	}
}

func (m *modelSink) State(State) {}

var fuzzEvents = []string{EventFullyLoaded, EventOpened, EventClosed, EventClientMessage, EventManagerMessage, "bogus", ""}

func FuzzBridgeNeverSendsACommandTheChatStateMakesWrong(f *testing.F) {
	f.Add([]byte{4, 0, 0, 2, 2, 1})
	f.Add([]byte{0, 0, 3, 4, 7 + 9, 0, 5, 4, 0})
	f.Add([]byte{6, 0, 5, 4, 2, 7 + 18, 1})
	f.Fuzz(func(t *testing.T, ops []byte) {
		sink := &modelSink{t: t}
		hasProfile := true
		b := New(sink, func() (any, bool) { return map[string]string{"name": "x"}, hasProfile })
		for _, op := range ops {
			switch op % 11 {
			case 0:
				b.Open()
			case 1:
				b.Close()
			case 2:
				b.Toggle()
			case 3:
				b.SendCustomerData()
			case 4:
				b.Mounted()
			case 5:
				// A reloaded page has a fresh widget: closed.
				b.PageAttached()
				sink.open = false
			case 6:
				// A failed widget is gone (never mounted, or died): whatever mounts next is a
				// fresh one, closed.
				b.Failed("timeout")
				sink.open = false
			case 7:
				// Opened and Closed come when the visitor uses the widget's own buttons.
				name := fuzzEvents[int(op/11)%len(fuzzEvents)]
				if err := b.HandleEvent(name); err == nil && (name == EventOpened || name == EventClosed) {
					sink.open = name == EventOpened
				}
			case 8:
				hasProfile = !hasProfile
			case 9:
				b.ChatSocket(op%2 == 0)
			case 10:
				_ = b.Reported(int(op/11)%4, []DeliveryStatus{Waiting, DeliveredByWidget, DeliveredByApp, DeliveryFailed, Sending}[int(op/11)%5], "socket-closed")
			}
			if st := b.State(); st.Queued < 0 || (st.Phase == PhaseReady && st.Queued != 0) {
				t.Fatalf("inconsistent state %+v", st)
			}
		}
	})
}
