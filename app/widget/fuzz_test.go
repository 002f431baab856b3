package widget

import (
	"testing"
)

// modelSink is the widget: it checks every command against the chat state it is in (openWidget
// only to a closed chat, closeWidget only to an open one) and, like the widget, reports each
// change of state with an event that reaches the bridge later (echoes).
type modelSink struct {
	t      *testing.T
	open   bool
	echoes []string
}

func (m *modelSink) Command(c Command) {
	switch c.Command {
	case CmdOpen:
		if m.open {
			m.t.Fatalf("openWidget sent to an open chat")
		}
		m.open = true
		m.echoes = append(m.echoes, EventOpened)
	case CmdClose:
		if !m.open {
			m.t.Fatalf("closeWidget sent to a closed chat")
		}
		m.open = false
		m.echoes = append(m.echoes, EventClosed)
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
			switch op % 12 {
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
				// A reloaded page has a fresh widget: closed, with nothing in flight.
				b.PageAttached()
				sink.open, sink.echoes = false, nil
			case 6:
				// A failed widget is gone (never mounted, or died): whatever mounts next is a
				// fresh one, closed.
				b.Failed("timeout")
				sink.open, sink.echoes = false, nil
			case 7:
				// The visitor uses the widget's own buttons (once the widget's reports of earlier
				// commands are in), or the page reports a stray event.
				name := fuzzEvents[int(op/12)%len(fuzzEvents)]
				if (name == EventOpened || name == EventClosed) && len(sink.echoes) > 0 {
					break
				}
				if err := b.HandleEvent(name); err == nil && (name == EventOpened || name == EventClosed) {
					sink.open = name == EventOpened
				}
			case 11:
				// The widget's report of an earlier command arrives.
				if len(sink.echoes) > 0 {
					name := sink.echoes[0]
					sink.echoes = sink.echoes[1:]
					if err := b.HandleEvent(name); err != nil {
						t.Fatal(err)
					}
				}
			case 8:
				hasProfile = !hasProfile
			case 9:
				_ = b.ChatSocket([]string{SocketReady, SocketClosed, SocketGaveUp}[int(op/12)%3])
			case 10:
				_ = b.Reported(int(op/12)%4, []DeliveryStatus{Waiting, DeliveredByWidget, DeliveredByApp, DeliveryFailed, Sending}[int(op/12)%5], "socket-closed")
			}
			if st := b.State(); st.Queued < 0 || (st.Phase == PhaseReady && st.Queued != 0) {
				t.Fatalf("inconsistent state %+v", st)
			}
		}
	})
}
