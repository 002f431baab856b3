// Package widget owns everything the app knows about the JediDesk widget in its page: the
// command and event names of the widget's API, whether the widget has mounted, whether its chat
// is open, and the commands waiting for it. The page only reflects this state and carries out the
// commands it is handed, so the rules below hold whichever native surface asked.
package widget

import (
	"fmt"
	"sync"
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

// IsEvent reports whether name is one of the widget's events; anything else the page reports
// is untrusted noise.
func IsEvent(name string) bool {
	switch name {
	case EventFullyLoaded, EventOpened, EventClosed, EventClientMessage, EventManagerMessage:
		return true
	}
	return false
}

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

// State is a snapshot for the page and the native surfaces.
type State struct {
	Phase    Phase `json:"phase"`
	ChatOpen bool  `json:"chatOpen"`
	// Connected is true once the widget reported JediDeskFullyLoaded since it mounted: only
	// then does the real widget pass customerData on to the support team.
	Connected bool   `json:"connected"`
	Queued    int    `json:"queued"`
	Error     string `json:"error,omitempty"`
}

// Command is one call of JediDesk(command, options) for the page to make.
type Command struct {
	Command string `json:"command"`
	Options any    `json:"options,omitempty"`
}

// Delivery says what became of a customerData request.
type Delivery string

const (
	// Delivered: handed to a connected widget.
	Delivered Delivery = "delivered"
	// Pending: kept until the chat connects (or the widget mounts); it will be sent then.
	Pending Delivery = "pending"
	// NothingToSend: the profile is empty.
	NothingToSend Delivery = "nothing"
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

	mu        sync.Mutex
	phase     Phase
	chatOpen  bool
	connected bool
	err       string
	queue     []intent
}

// New returns a bridge for a page that has not loaded the widget yet.
func New(sink Sink, customerData CustomerDataFunc) *Bridge {
	return &Bridge{sink: sink, customerData: customerData, phase: PhaseLoading}
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
// soon as it does.
func (b *Bridge) SendCustomerData() Delivery {
	if _, ok := b.customerData(); !ok {
		return NothingToSend
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.phase != PhaseReady {
		b.queue = append(b.queue, intentCustomerData)
		b.emitStateLocked()
		return Pending
	}
	b.deliverLocked(intentCustomerData)
	if b.connected {
		return Delivered
	}
	return Pending
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
// mounted widget starts closed and disconnected; commands still waiting stay queued.
func (b *Bridge) PageAttached() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.phase, b.chatOpen, b.connected, b.err = PhaseLoading, false, false, ""
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

// Failed records that the widget could not be loaded; queued commands wait for the next load.
func (b *Bridge) Failed(reason string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.phase, b.err = PhaseFailed, reason
	b.emitStateLocked()
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
	case EventOpened:
		b.chatOpen = true
	case EventClosed:
		b.chatOpen = false
	case EventFullyLoaded:
		// The real widget drops customerData until its socket is open and opens a new
		// socket on every reconnect, so the profile is sent again each time.
		b.connected = true
		if b.phase == PhaseReady {
			b.deliverLocked(intentCustomerData)
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
		b.sink.Command(Command{Command: CmdOpen})
	case intentClose:
		if !b.chatOpen {
			return
		}
		b.chatOpen = false
		b.sink.Command(Command{Command: CmdClose})
	case intentCustomerData:
		data, ok := b.customerData()
		if !ok {
			return
		}
		b.sink.Command(Command{Command: CmdCustomerData, Options: data})
	}
}

func (b *Bridge) stateLocked() State {
	return State{Phase: b.phase, ChatOpen: b.chatOpen, Connected: b.connected, Queued: len(b.queue), Error: b.err}
}

func (b *Bridge) emitStateLocked() { b.sink.State(b.stateLocked()) }
