package app

import (
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"

	"jedidesk-desktop/app/autostart"
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
	started  sync.Once
	quitting atomic.Bool
	unread   unread.Counter

	mu       sync.Mutex
	tray     *tray.Tray
	notifier *notify.Notifier
	// notes sends the notifications, the latest only while one is on its way.
	notes *notify.Latest
}

// startSurfaces starts the tray and notifications once the window exists, in the first
// instance only (later launches end in main before Wails starts).
func (a *App) startSurfaces() {
	a.surf.started.Do(func() {
		icons := a.icons
		id := tray.Identity{ID: a.brand.Command(), Icons: tray.Icons{PNG: icons.Tray, PNGUnread: icons.TrayUnread, ICO: icons.TrayICO, ICOUnread: icons.TrayUnreadICO}}
		t, err := tray.Start(id, a.trayActions(), a.trayLabels(), a.trayState(a.bridge.State()))
		if err != nil {
			a.notice(Notice{Key: "notice.noTray"}, err)
		}
		n, nerr := notify.New(a.brand.Name, a.brand.Command(), func() { go a.Perform(cli.ActionOpen) })
		if nerr != nil {
			fmt.Fprintln(a.log, "jedidesk-desktop: no desktop notifications:", nerr)
		}
		var notes *notify.Latest
		if n != nil {
			notes = notify.NewLatest(n, func(err error) { fmt.Fprintln(a.log, "jedidesk-desktop: notification not shown:", err) })
		}
		a.surf.mu.Lock()
		a.surf.tray, a.surf.notifier, a.surf.notes = t, n, notes
		a.surf.mu.Unlock()
	})
}

func (a *App) stopSurfaces() {
	a.surf.mu.Lock()
	t, n, notes := a.surf.tray, a.surf.notifier, a.surf.notes
	a.surf.tray, a.surf.notifier, a.surf.notes = nil, nil, nil
	a.surf.mu.Unlock()
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

func (a *App) hasTray() bool {
	a.surf.mu.Lock()
	defer a.surf.mu.Unlock()
	return a.surf.tray != nil
}

// beforeClose decides what the window's close button does: with a tray (and unless the user
// chose otherwise) it hides the window and the chat keeps running; without one it quits, so
// the app never hides somewhere the user cannot reach.
func (a *App) beforeClose() (prevent bool) {
	if a.surf.quitting.Load() || !a.hasTray() || a.current().QuitsOnClose() {
		a.rememberWindow()
		return false
	}
	a.hideWindow()
	return true
}

func (a *App) trayActions() tray.Actions {
	return tray.Actions{
		OpenChat: func() {
			a.showWindow()
			a.bridge.Open()
		},
		CloseChat:   a.chat.CloseWidget,
		SendDetails: func() { a.chat.SendCustomerData() },
		EditProfile: a.editProfile,
		ToggleWindow: func() {
			if a.windowVisible() {
				a.hideWindow()
			} else {
				a.showWindow()
			}
		},
		SetStartAtLogin: func(on bool) {
			if err := a.preferences.SetStartAtLogin(on); err != nil {
				fmt.Fprintln(a.log, "jedidesk-desktop:", err)
			}
			a.refreshSurfaces(a.bridge.State())
		},
		Quit: a.quit,
	}
}

func (a *App) trayLabels() tray.Labels {
	lang := a.currentLanguage().Code
	c := a.texts(lang)
	return tray.Labels{
		OpenChat:     c.T("menu.open"),
		CloseChat:    c.T("menu.close"),
		SendDetails:  c.T("menu.send"),
		EditProfile:  c.T("menu.editProfile"),
		ShowWindow:   c.T("tray.show"),
		HideWindow:   c.T("tray.hide"),
		StartAtLogin: c.T("tray.startAtLogin"),
		Quit:         c.T("menu.quit"),
		Title:        c.T("app.title"),
		Unread: func(n int) string {
			return c.T("tray.unread."+i18n.PluralForm(lang, n), "count", strconv.Itoa(n))
		},
	}
}

func (a *App) relabelTray() {
	a.surf.mu.Lock()
	t := a.surf.tray
	a.surf.mu.Unlock()
	if t != nil {
		t.SetLabels(a.trayLabels())
	}
}

func (a *App) trayState(st widget.State) tray.State {
	on, err := autostart.Enabled(a.loginEntry())
	return tray.State{
		Phase:                 st.Phase,
		ChatOpen:              st.ChatOpen,
		WindowVisible:         a.windowVisible(),
		StartAtLoginAvailable: err == nil,
		StartAtLogin:          on,
		Unread:                a.surf.unread.Count(),
		Note:                  trayNote(st, a.currentLanguage().Strings),
	}
}

// trayNote is the tooltip's second line: a token the service does not know matters more than
// anything else, since nobody at the company sees the chat.
func trayNote(st widget.State, c i18n.Catalogue) string {
	if st.Token == widget.TokenUnrecognised {
		return c.T("tray.tokenUnrecognised")
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

// refreshSurfaces brings the unread count and the tray up to date with st. The bridge calls it
// while it holds its lock, so it must not call back into the bridge.
func (a *App) refreshSurfaces(st widget.State) {
	a.surf.unread.View(a.windowVisible(), st.ChatOpen)
	a.surf.mu.Lock()
	t := a.surf.tray
	a.surf.mu.Unlock()
	if t != nil {
		t.Update(a.trayState(st))
	}
}

// agentMessage counts a support agent's reply the user cannot be reading, and tells them
// about it with a notification unless they turned those off.
func (a *App) agentMessage(text string) {
	st := a.bridge.State()
	if _, counted := a.surf.unread.AgentMessage(a.windowVisible(), st.ChatOpen); !counted && a.windowFocused() {
		return
	}
	a.refreshSurfaces(st)
	a.surf.mu.Lock()
	notes := a.surf.notes
	a.surf.mu.Unlock()
	if notes == nil || !a.current().NotifiesReplies() {
		return
	}
	// The page waits for this call before it reports the widget's next event, so the D-Bus
	// round trip to the notification server happens on notes' own goroutine.
	notes.Post(a.texts(a.currentLanguage().Code).T("notify.title"), text)
}
