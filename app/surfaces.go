package app

import (
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"

	"jedidesk-desktop/app/badge"
	"jedidesk-desktop/app/cli"
	"jedidesk-desktop/app/i18n"
	"jedidesk-desktop/app/notify"
	"jedidesk-desktop/app/tray"
	"jedidesk-desktop/app/unread"
	"jedidesk-desktop/app/widget"
)

// surfaces are the native surfaces beside the window: the tray item, desktop notifications
// and the unread count they show. Each may be missing (no tray on a bare window manager, no
// notification server); the app then works as a plain window.
type surfaces struct {
	app *App

	started  sync.Once
	quitting atomic.Bool
	unread   unread.Counter

	mu       sync.Mutex
	tray     *tray.Tray
	notifier *notify.Notifier
	// notes sends the notifications, the latest only while one is on its way.
	notes *notify.Latest
	// badge shows the unread count on the launcher's icon.
	badge *badge.Badge
	// pending is the latest widget state for the tray, which showStates shows when woken
	// (cap 1: states that come faster than the tray's D-Bus calls are coalesced); done ends it.
	pending widget.State
	wake    chan struct{}
	done    chan struct{}
	shown   sync.WaitGroup
}

// start starts the tray and notifications once the window exists, in the first
// instance only (later launches end in main before Wails starts).
func (s *surfaces) start() {
	s.started.Do(func() {
		icons := s.app.icons
		id := tray.Identity{ID: s.app.brand.Command(), Icons: tray.Icons{PNG: icons.Tray, PNGUnread: icons.TrayUnread, ICO: icons.TrayICO, ICOUnread: icons.TrayUnreadICO}}
		t, err := tray.Start(id, s.app.trayActions(), s.labels(), s.trayState(s.app.bridge.State()))
		if err != nil {
			s.app.notices.add(Notice{Key: "notice.noTray"}, err)
		}
		n, nerr := notify.New(s.app.brand.Name, s.app.brand.Command(), func() { go s.app.Perform(cli.ActionOpen) })
		if nerr != nil {
			fmt.Fprintln(s.app.log, "jedidesk-desktop: no desktop notifications:", nerr)
		}
		var notes *notify.Latest
		if n != nil {
			notes = notify.NewLatest(n, func(err error) { fmt.Fprintln(s.app.log, "jedidesk-desktop: notification not shown:", err) })
		}
		b, berr := badge.New(s.app.brand.DesktopFile(), s.unreadWords, func(err error) { fmt.Fprintln(s.app.log, "jedidesk-desktop:", err) })
		if berr != nil {
			fmt.Fprintln(s.app.log, "jedidesk-desktop: no launcher badge:", berr)
		}
		s.mu.Lock()
		s.tray, s.notifier, s.notes, s.badge = t, n, notes, b
		s.mu.Unlock()
		if b != nil {
			b.Set(s.unread.Count())
		}
		if t != nil {
			s.follow(t.Update)
		}
	})
}

// follow has show hear the latest widget state from now until stop, on a goroutine of its own.
func (s *surfaces) follow(show func(tray.State)) {
	s.mu.Lock()
	s.wake, s.done = make(chan struct{}, 1), make(chan struct{})
	s.shown.Add(1)
	go s.showStates(show, s.wake, s.done)
	s.mu.Unlock()
	// States that came while the tray started.
	s.refresh(s.app.bridge.State())
}

// showStates shows the latest state each time refresh wakes it, until done.
func (s *surfaces) showStates(show func(tray.State), wake, done <-chan struct{}) {
	defer s.shown.Done()
	for {
		select {
		case <-done:
			return
		case <-wake:
		}
		s.mu.Lock()
		st := s.pending
		s.mu.Unlock()
		show(s.trayState(st))
	}
}

func (s *surfaces) stop() {
	s.mu.Lock()
	t, n, notes, b, done := s.tray, s.notifier, s.notes, s.badge, s.done
	s.tray, s.notifier, s.notes, s.badge, s.wake, s.done = nil, nil, nil, nil, nil, nil
	s.mu.Unlock()
	if b != nil {
		_ = b.Close()
	}
	if done != nil {
		close(done)
		s.shown.Wait()
	}
	if t != nil {
		t.Stop()
	}
	if notes != nil {
		notes.Close()
	}
	if n != nil {
		_ = n.Close()
	}
}

func (s *surfaces) hasTray() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tray != nil
}

// beforeClose decides what the window's close button does: with a tray (and unless the user
// chose otherwise) it hides the window and the chat keeps running; without one it quits, so
// the app never hides somewhere the user cannot reach.
func (a *App) beforeClose() (prevent bool) {
	if a.surf.quitting.Load() || !a.surf.hasTray() || a.settings.current().QuitsOnClose() {
		a.desk.remember()
		return false
	}
	a.desk.hide()
	return true
}

func (a *App) trayActions() tray.Actions {
	return tray.Actions{
		OpenChat: func() {
			a.desk.show()
			a.bridge.Open()
		},
		CloseChat:   a.chat.CloseWidget,
		SendDetails: func() { a.chat.SendCustomerData() },
		EditProfile: a.editProfile,
		ToggleWindow: func() {
			if a.desk.isVisible() {
				a.desk.hide()
			} else {
				a.desk.show()
			}
		},
		SetStartAtLogin: func(on bool) {
			if err := a.preferences.SetStartAtLogin(on); err != nil {
				fmt.Fprintln(a.log, "jedidesk-desktop:", err)
			}
			a.surf.refresh(a.bridge.State())
		},
		Restart: a.updates.restart,
		Quit:    a.quit,
	}
}

func (s *surfaces) labels() tray.Labels {
	lang := s.app.currentLanguage().Code
	c := s.app.texts(lang)
	return tray.Labels{
		OpenChat:     c.T("menu.open"),
		CloseChat:    c.T("menu.close"),
		SendDetails:  c.T("menu.send"),
		EditProfile:  c.T("menu.editProfile"),
		ShowWindow:   c.T("tray.show"),
		HideWindow:   c.T("tray.hide"),
		StartAtLogin: c.T("tray.startAtLogin"),
		Quit:         c.T("menu.quit"),
		Restart:      c.T("tray.restart"),
		Title:        c.T("app.title"),
		Unread: func(n int) string {
			return c.T("tray.unread."+i18n.PluralForm(lang, n), "count", strconv.Itoa(n))
		},
	}
}

// unreadWords is count in the user's language, for screen readers (the taskbar's overlay).
func (s *surfaces) unreadWords(count int) string {
	lang := s.app.currentLanguage().Code
	return s.app.texts(lang).T("tray.unread."+i18n.PluralForm(lang, count), "count", strconv.Itoa(count))
}

func (s *surfaces) relabel() {
	s.mu.Lock()
	t := s.tray
	s.mu.Unlock()
	if t != nil {
		t.SetLabels(s.labels())
	}
}

func (s *surfaces) trayState(st widget.State) tray.State {
	on, err := s.app.login.known()
	return tray.State{
		Phase:                 st.Phase,
		ChatOpen:              st.ChatOpen,
		WindowVisible:         s.app.desk.isVisible(),
		StartAtLoginAvailable: err == nil,
		StartAtLogin:          on,
		Unread:                s.unread.Count(),
		UpdateReady:           s.app.updates.current() != nil,
		Note:                  trayNote(st, s.app.updates.current(), s.app.currentLanguage().Strings),
	}
}

// trayNote is the tooltip's second line: a token the service does not know matters more than
// anything else, since nobody at the company sees the chat; then a newer version that waits
// for a restart (updated, nil for none), in the window's words.
func trayNote(st widget.State, updated *Notice, c i18n.Catalogue) string {
	if st.Token == widget.TokenUnrecognised {
		return c.T("tray.tokenUnrecognised")
	}
	if updated != nil {
		return c.T(updated.Key, "version", updated.Args["version"])
	}
	return deliveryText(st, c)
}

// deliveryText is the tray's short word on the user's details and the chat's connection, from
// the page's catalogue. A lost connection comes first: whatever was sent, nothing reaches
// support until the widget is back.
func deliveryText(st widget.State, c i18n.Catalogue) string {
	d := st.Delivery
	at := ""
	if d.Last != nil {
		at = d.Last.Local().Format("15:04")
	}
	switch st.Link {
	case widget.LinkLost:
		return c.T("tray.link.lost")
	case widget.LinkGaveUp:
		return c.T("tray.link.gaveUp")
	}
	switch d.Status {
	case widget.DeliveredByWidget, widget.DeliveredByApp:
		return c.T("tray.delivery.sent", "time", at)
	case widget.Sending:
		return c.T("tray.delivery.sending")
	case widget.Waiting:
		// A connected chat is never "when a chat starts": the details are on their way.
		if st.Link == widget.LinkOpen {
			return c.T("tray.delivery.sending")
		}
		return c.T("tray.delivery.waiting")
	case widget.DeliveryFailed:
		return c.T("tray.delivery.failed")
	}
	return ""
}

// refresh brings the unread count up to date with st and has the tray and the launcher badge
// follow. The bridge calls it while it holds its lock, so it must not call back into the
// bridge: the tray, whose update asks more of the app and makes D-Bus calls, is updated on
// showStates' goroutine, the badge on its own.
func (s *surfaces) refresh(st widget.State) {
	_, read := s.unread.View(s.app.desk.isVisible(), st.ChatOpen)
	s.mu.Lock()
	s.pending = st
	wake, b, notes := s.wake, s.badge, s.notes
	s.mu.Unlock()
	// The replies it told of are in front of the user now (a kept one would stay up forever).
	if read && notes != nil {
		notes.Withdraw()
	}
	if b != nil {
		b.Set(s.unread.Count())
	}
	if wake != nil {
		select {
		case wake <- struct{}{}:
		default: // already woken: it will read this state
		}
	}
}

// agentMessage counts a support agent's reply the user cannot be reading, marks the window as
// wanting attention unless it has the focus, and tells them about it with a notification
// unless they turned those off.
func (s *surfaces) agentMessage(text string) {
	st := s.app.bridge.State()
	unread, counted := s.unread.AgentMessage(s.app.desk.isVisible(), st.ChatOpen)
	if !counted && s.app.desk.isFocused() {
		return
	}
	s.refresh(st)
	s.app.desk.attention()
	s.mu.Lock()
	notes := s.notes
	s.mu.Unlock()
	if notes == nil || !s.app.settings.current().NotifiesReplies() {
		return
	}
	// The page waits for this call before it reports the widget's next event, so the D-Bus
	// round trip to the notification server happens on notes' own goroutine.
	lang := s.app.currentLanguage().Code
	c := s.app.texts(lang)
	notes.Post(c.T("notify.title"), notificationBody(lang, c, unread, text), s.app.settings.current().KeepsNotifications())
}

// notificationBody is the notification's text for unread replies, text the latest: each
// notification replaces the one before, so with more than one it says how many are waiting.
func notificationBody(lang string, c i18n.Catalogue, unread int, text string) string {
	if unread < 2 {
		return text
	}
	return c.T("notify.more."+i18n.PluralForm(lang, unread), "count", strconv.Itoa(unread)) + "\n" + text
}
