package app

import (
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/wailsapp/wails/v2/pkg/menu"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"jedidesk-desktop/app/appmenu"
	"jedidesk-desktop/app/widget"
)

// pageSink carries the bridge's output to the page as Wails events. Wails hands the context
// over only at startup, while the app and its menu exist before.
type pageSink struct {
	log io.Writer
	// onState also hears every state change (the tray and the unread count follow it).
	onState func(widget.State)

	mu           sync.Mutex
	ctx          context.Context
	lastPhase    widget.Phase
	lastDelivery widget.DeliveryStatus
	lastToken    string
	lastLink     widget.Link
}

func (s *pageSink) attach(ctx context.Context) {
	s.mu.Lock()
	s.ctx = ctx
	s.mu.Unlock()
}

func (s *pageSink) context() context.Context {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ctx
}

func (s *pageSink) emit(name string, data ...any) {
	if ctx := s.context(); ctx != nil {
		runtime.EventsEmit(ctx, name, data...)
	}
}

func (s *pageSink) Command(c widget.Command) { s.emit(EventWidgetCommand, c) }

func (s *pageSink) State(st widget.State) {
	s.emit(EventWidgetState, st)
	if s.onState != nil {
		s.onState(st)
	}
	s.mu.Lock()
	changed := st.Phase != s.lastPhase
	s.lastPhase = st.Phase
	// "sending" lasts the few milliseconds until the page reports what it saw.
	deliveryChanged := st.Delivery.Status != s.lastDelivery && st.Delivery.Status != widget.Sending
	if deliveryChanged {
		s.lastDelivery = st.Delivery.Status
	}
	tokenRefused := st.Token == widget.TokenUnrecognised && s.lastToken != st.Token
	s.lastToken = st.Token
	linkChanged := st.Link != s.lastLink
	s.lastLink = st.Link
	s.mu.Unlock()
	// The log says where the widget and the details are, never what the user or the agents
	// wrote.
	if changed && st.Phase == widget.PhaseFailed {
		fmt.Fprintf(s.log, "jedidesk-desktop: widget failed: %s\n", st.Error)
	} else if changed {
		fmt.Fprintf(s.log, "jedidesk-desktop: widget %s\n", st.Phase)
	}
	if deliveryChanged {
		fmt.Fprintf(s.log, "jedidesk-desktop: details %s\n", deliveryLog[st.Delivery.Status]+reasonSuffix(st.Delivery.Reason))
	}
	if linkChanged && linkLog[st.Link] != "" {
		fmt.Fprintf(s.log, "jedidesk-desktop: chat %s\n", linkLog[st.Link])
	}
	if tokenRefused {
		// Never the token itself: it is the company's.
		fmt.Fprintln(s.log, "jedidesk-desktop: the widget's service does not recognise the widget token: the support team will not see this chat")
	}
}

var deliveryLog = map[widget.DeliveryStatus]string{
	widget.DeliveryNone:      "not asked for",
	widget.NothingToSend:     "not sent: the profile is empty",
	widget.Waiting:           "waiting for a chat to start",
	widget.DeliveredByWidget: "delivered by the widget",
	widget.DeliveredByApp:    "delivered by the app",
	widget.DeliveryFailed:    "failed",
}

var linkLog = map[widget.Link]string{
	widget.LinkOpen:   "connected",
	widget.LinkLost:   "connection lost, the widget is reconnecting",
	widget.LinkGaveUp: "connection lost, the widget stopped reconnecting",
}

func reasonSuffix(reason string) string {
	if reason == "" {
		return ""
	}
	return ": " + reason
}

func (s *pageSink) setMenu(m *menu.Menu) {
	if ctx := s.context(); ctx != nil {
		appmenu.Apply(ctx, m)
	}
}

func (s *pageSink) openURL(u string) {
	if ctx := s.context(); ctx != nil {
		runtime.BrowserOpenURL(ctx, u)
	}
}

func (s *pageSink) show() {
	if ctx := s.context(); ctx != nil {
		runtime.WindowShow(ctx)
	}
}

func (s *pageSink) moveTo(x, y int) {
	if ctx := s.context(); ctx != nil {
		runtime.WindowSetPosition(ctx, x, y)
	}
}

func (s *pageSink) geometry() (x, y, width, height int, ok bool) {
	ctx := s.context()
	if ctx == nil {
		return 0, 0, 0, 0, false
	}
	x, y = runtime.WindowGetPosition(ctx)
	width, height = runtime.WindowGetSize(ctx)
	return x, y, width, height, width > 0 && height > 0
}

func (s *pageSink) hide() {
	if ctx := s.context(); ctx != nil {
		runtime.WindowHide(ctx)
	}
}

func (s *pageSink) quit() {
	if ctx := s.context(); ctx != nil {
		runtime.Quit(ctx)
	}
}
