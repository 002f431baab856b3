// Package widget owns everything the app knows about the JediDesk widget in its page: the
// command and event names of the widget's API, whether the widget has mounted, whether its chat
// is open, and the commands waiting for it. The page only reflects this state and carries out the
// commands it is handed, so the rules below hold whichever native surface asked.
package widget

import (
	"fmt"
	"sync"
	"time"
)

// Command names of the widget's global function, JediDesk(command, options).
const (
	CmdOpen         = "openWidget"
	CmdClose        = "closeWidget"
	CmdCustomerData = "customerData"
)

// Event names the widget posts to its host page.
const (
	EventFullyLoaded    = "JediDeskFullyLoaded"
	EventOpened         = "JediDeskOpenedWidget"
	EventClosed         = "JediDeskClosedWidget"
	EventClientMessage  = "JediDeskClientSendMessage"
	EventManagerMessage = "JediDeskManagerSendMessage"
)

// Phase is where the widget is in its life in the page.
type Phase string

const (
	// PhaseLoading: the page is loading the widget script or waiting for it to mount.
	PhaseLoading Phase = "loading"
	// PhaseReady: the widget has replaced the placeholder global and takes commands.
	PhaseReady Phase = "ready"
	// PhaseFailed: the script did not load or the widget never mounted.
	PhaseFailed Phase = "failed"
)

// Link is the chat's connection to the support team's server, as the page saw the widget's
// sockets since it loaded.
type Link string

const (
	// LinkNone: no chat was connected since the page loaded (the visitor has not started one).
	LinkNone Link = ""
	// LinkOpen: the widget has introduced the visitor on an open socket: the only way anything
	// reaches the support team.
	LinkOpen Link = "open"
	// LinkLost: the socket closed and the widget is reconnecting.
	LinkLost Link = "lost"
	// LinkGaveUp: the widget stopped trying to reconnect; only a reload brings the chat back.
	LinkGaveUp Link = "gave-up"
)

// What the page reports of the widget's sockets.
const (
	SocketReady  = "ready"
	SocketClosed = "closed"
	SocketGaveUp = "gave-up"
)

// State is a snapshot for the page and the native surfaces.
type State struct {
	Phase    Phase    `json:"phase"`
	ChatOpen bool     `json:"chatOpen"`
	Link     Link     `json:"link"`
	Queued   int      `json:"queued"`
	Error    string   `json:"error,omitempty"`
	Delivery Delivery `json:"delivery"`
	// Token is what the widget's service answered the widget's own settings request:
	// TokenRecognised, TokenUnrecognised, or "" before it answered.
	Token string `json:"token,omitempty"`
}

// What the widget's service said of the widget's token.
const (
	TokenRecognised   = "recognised"
	TokenUnrecognised = "unrecognised"
)

// Command is one call of JediDesk(command, options) for the page to make. Request numbers the
// customerData commands, so the page's report of what became of one can be matched to it.
type Command struct {
	Command string `json:"command"`
	Options any    `json:"options,omitempty"`
	Request int    `json:"request,omitempty"`
}

// DeliveryStatus says where the user's details are on their way to the support team. Only
// the page can see the widget's socket, so every status past "sending" is what it observed.
type DeliveryStatus string

const (
	// DeliveryNone: nothing has been asked for yet.
	DeliveryNone DeliveryStatus = ""
	// NothingToSend: the profile is empty.
	NothingToSend DeliveryStatus = "nothing"
	// Waiting: there is no chat connection yet (the visitor has not started a chat, or the
	// widget is loading); the details go as soon as there is one.
	Waiting DeliveryStatus = "waiting"
	// Sending: handed to the page, which is watching the chat socket for the frame.
	Sending DeliveryStatus = "sending"
	// DeliveredByWidget: the widget itself sent the details on its chat socket.
	DeliveredByWidget DeliveryStatus = "widget"
	// DeliveredByApp: the widget dropped them, so the page sent the frame on the widget's
	// socket itself.
	DeliveredByApp DeliveryStatus = "app"
	// DeliveryFailed: the socket closed before the details could go; they go again on the
	// next connection.
	DeliveryFailed DeliveryStatus = "failed"
)

// Delivery is what became of the latest customerData request.
type Delivery struct {
	Status DeliveryStatus `json:"status"`
	// Reason is a short code for a failure, for the page to word.
	Reason string `json:"reason,omitempty"`
	// Last is when the details last left on an open chat socket, whichever request sent them.
	Last *time.Time `json:"last,omitempty"`
	// Again: they last left on a socket the widget made after losing an earlier one.
	Again bool `json:"again,omitempty"`
}

// Reasons the page gives with a report.
const (
	// ReasonSocketClosed: the socket closed before the details could go.
	ReasonSocketClosed = "socket-closed"
	// ReasonAlready comes with a delivered report when the same details had gone on the same
	// socket before, so nothing was sent again.
	ReasonAlready = "already"
)

// Sink carries the bridge's output to the page.
type Sink interface {
	// Command is called once for each command, in the order they must reach the widget.
	Command(Command)
	// State is called after every change of state.
	State(State)
}

// CustomerDataFunc returns the data to send with customerData, or false when there is none.
// It is read at the moment of sending, so a queued request always carries the latest profile.
type CustomerDataFunc func() (any, bool)

type intent int

const (
	intentOpen intent = iota
	intentClose
	intentToggle
	intentCustomerData
)

// Bridge is the one owner of the widget's state. It is safe for concurrent use: native surfaces
// call it from their own goroutines.
type Bridge struct {
	sink         Sink
	customerData CustomerDataFunc

	now func() time.Time

	mu       sync.Mutex
	phase    Phase
	chatOpen bool
	link     Link
	// sockets counts the connections since the page loaded; reconnect is the request that
	// went on the latest one if that was not the first.
	sockets   int
	reconnect int
	err       string
	queue     []intent
	request   int
	delivery  Delivery
	token     string
	// echoes are the open/closed events the commands sent so far will bring back, in order:
	// chatOpen already counts them, so a late one must not undo a later command.
	echoes []string
}

// New returns a bridge for a page that has not loaded the widget yet.
func New(sink Sink, customerData CustomerDataFunc) *Bridge {
	return &Bridge{sink: sink, customerData: customerData, phase: PhaseLoading, now: time.Now}
}

// State returns a snapshot of the widget's state.
func (b *Bridge) State() State {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.stateLocked()
}

// Open opens the chat, unless it is open already: the real widget's openWidget may toggle, so
// sending it to an open chat could close it.
func (b *Bridge) Open() { b.do(intentOpen) }

// Close closes the chat, unless it is closed already.
func (b *Bridge) Close() { b.do(intentClose) }

// Toggle opens a closed chat and closes an open one. While the widget loads, the decision waits
// for delivery, so that two toggles pressed during loading open and then close.
func (b *Bridge) Toggle() { b.do(intentToggle) }

// SendCustomerData passes the current profile to the widget, now if it has mounted, else as
// soon as it does. It returns the delivery as it stands right after the request; the page's
// reports move it on.
func (b *Bridge) SendCustomerData() Delivery {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.customerData(); !ok {
		b.delivery.Status, b.delivery.Reason = NothingToSend, ""
		b.emitStateLocked()
		return b.delivery
	}
	if b.phase != PhaseReady {
		b.queue = append(b.queue, intentCustomerData)
		b.delivery.Status, b.delivery.Reason = Waiting, ""
		b.emitStateLocked()
		return b.delivery
	}
	b.deliverLocked(intentCustomerData)
	b.emitStateLocked()
	return b.delivery
}

func (b *Bridge) do(in intent) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.phase != PhaseReady {
		b.queue = append(b.queue, in)
		b.emitStateLocked()
		return
	}
	b.deliverLocked(in)
	b.emitStateLocked()
}

// PageAttached records that the page (re)loaded and is loading the widget again. A freshly
// mounted widget starts closed and disconnected; commands still waiting stay queued, and a
// delivery the old page had not seen through waits for the new page's chat.
func (b *Bridge) PageAttached() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.phase, b.chatOpen, b.link, b.sockets, b.err, b.token, b.echoes = PhaseLoading, false, LinkNone, 0, "", "", nil
	if b.delivery.Status == Sending {
		b.delivery.Status = Waiting
	}
	b.emitStateLocked()
}

// Mounted records that the widget replaced the placeholder global. The profile goes first, so
// the support team knows who is writing before the chat opens, then every queued command in
// order; queued customerData requests are all served by that first send.
func (b *Bridge) Mounted() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.phase == PhaseReady {
		return
	}
	b.phase, b.err = PhaseReady, ""
	queue := b.queue
	b.queue = nil
	b.deliverLocked(intentCustomerData)
	for _, in := range queue {
		if in != intentCustomerData {
			b.deliverLocked(in)
		}
	}
	b.emitStateLocked()
}

// Failed records that the widget could not be loaded, or died after it mounted; queued
// commands wait for the next load. A dead widget shows no chat, open or not.
func (b *Bridge) Failed(reason string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.phase, b.err, b.chatOpen, b.link, b.sockets, b.echoes = PhaseFailed, reason, false, LinkNone, 0, nil
	if b.delivery.Status == Sending {
		b.delivery.Status = Waiting
	}
	b.emitStateLocked()
}

// TokenVerdict records what the widget's service answered the widget's settings request. A
// token it does not know leaves the widget running on JediDesk's default texts, talking to
// nobody at the company: the state says so instead of "ready".
func (b *Bridge) TokenVerdict(verdict string) error {
	if verdict != TokenRecognised && verdict != TokenUnrecognised {
		return fmt.Errorf("unknown token verdict %q", verdict)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.token = verdict
	b.emitStateLocked()
	return nil
}

// ChatSocket records what the page saw of the widget's chat sockets: SocketReady once the
// widget has introduced the visitor on a new one, SocketClosed when that one closed (the widget
// reconnects), SocketGaveUp when the widget stopped trying. Every new connection gets the
// profile, since the support team's server ties the details to the connection's visitor.
func (b *Bridge) ChatSocket(report string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch report {
	case SocketReady:
		b.link = LinkOpen
		b.sockets++
		if b.phase == PhaseReady {
			before := b.request
			b.deliverLocked(intentCustomerData)
			if b.sockets > 1 && b.request != before {
				b.reconnect = b.request
			}
		}
	case SocketClosed:
		b.link = LinkLost
	case SocketGaveUp:
		// A dead or reloading widget has no chat to give up on.
		if b.phase != PhaseReady {
			return nil
		}
		b.link = LinkGaveUp
	default:
		return fmt.Errorf("unknown chat socket state %q", report)
	}
	b.emitStateLocked()
	return nil
}

// Reported records what the page saw become of customerData request n. Reports on a request
// that a later one replaced say nothing about the current profile and are dropped.
func (b *Bridge) Reported(n int, status DeliveryStatus, reason string) error {
	if !IsReport(status) {
		return fmt.Errorf("unknown delivery status %q", status)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if n != b.request || n == 0 {
		return nil
	}
	b.delivery.Status, b.delivery.Reason = status, ""
	switch status {
	case DeliveredByWidget, DeliveredByApp:
		// Details that were already on the socket were delivered when they first went.
		if reason != ReasonAlready || b.delivery.Last == nil {
			at := b.now()
			b.delivery.Last = &at
			b.delivery.Again = n == b.reconnect
		}
	case DeliveryFailed:
		b.delivery.Reason = reason
	}
	b.emitStateLocked()
	return nil
}

// HandleEvent applies an event the widget posted. The page is untrusted: unknown names are
// refused.
func (b *Bridge) HandleEvent(name string) error {
	if !IsEvent(name) {
		return fmt.Errorf("unknown widget event %q", name)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	switch name {
	case EventOpened, EventClosed:
		if len(b.echoes) > 0 && b.echoes[0] == name {
			b.echoes = b.echoes[1:]
			break
		}
		// The visitor used the widget's own buttons, or the widget did not do what was
		// predicted: what it reports is the truth from here on.
		b.chatOpen, b.echoes = name == EventOpened, nil
	case EventFullyLoaded:
		// A documented moment to call customerData; the page sends nothing twice on one
		// socket, so this costs nothing when ChatSocket already delivered.
		if b.phase == PhaseReady {
			before := b.request
			b.deliverLocked(intentCustomerData)
			// The same details for the same connection: when this request overtakes the
			// reconnection's before that one was reported, what it delivers is still the
			// reconnection's.
			if b.reconnect == before && before != 0 {
				b.reconnect = b.request
			}
		}
	}
	b.emitStateLocked()
	return nil
}

// deliverLocked turns an intent into at most one command, judged against the chat state that
// the commands already sent will leave behind.
func (b *Bridge) deliverLocked(in intent) {
	switch in {
	case intentToggle:
		if b.chatOpen {
			in = intentClose
		} else {
			in = intentOpen
		}
	}
	switch in {
	case intentOpen:
		if b.chatOpen {
			return
		}
		b.chatOpen = true
		b.echoes = append(b.echoes, EventOpened)
		b.sink.Command(Command{Command: CmdOpen})
	case intentClose:
		if !b.chatOpen {
			return
		}
		b.chatOpen = false
		b.echoes = append(b.echoes, EventClosed)
		b.sink.Command(Command{Command: CmdClose})
	case intentCustomerData:
		data, ok := b.customerData()
		if !ok {
			return
		}
		b.request++
		b.delivery.Reason = ""
		if b.link == LinkOpen {
			b.delivery.Status = Sending
		} else {
			b.delivery.Status = Waiting
		}
		b.sink.Command(Command{Command: CmdCustomerData, Options: data, Request: b.request})
	}
}

func (b *Bridge) stateLocked() State {
	return State{Phase: b.phase, ChatOpen: b.chatOpen, Link: b.link, Queued: len(b.queue), Error: b.err, Delivery: b.delivery, Token: b.token}
}

func (b *Bridge) emitStateLocked() { b.sink.State(b.stateLocked()) }
