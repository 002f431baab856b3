// Package tray is the app's icon in the system tray (the notification area): a menu with the
// chat's commands, a left click that shows or hides the window, and a badge with a tooltip when
// the support team wrote while the user was not looking. What the menu and tooltip show is
// decided by plain functions of State; the native item only mirrors them.
package tray

import (
	"errors"
	"fmt"

	"jedidesk-desktop/app/widget"
)

var (
	// ErrNoWatcher means no tray host (a StatusNotifierWatcher, which desktop panels provide)
	// is on the session bus: an icon would never show, so the app should keep a normal window
	// and quit when it is closed.
	ErrNoWatcher = errors.New("no system tray on this desktop (no StatusNotifierWatcher on the session bus)")
	// ErrUnsupported means the tray is not built for this OS yet.
	ErrUnsupported = errors.New("the system tray is not supported on this OS yet")
	// ErrStarted means Start was called before: the tray library holds one tray per process.
	ErrStarted = errors.New("the system tray was already started in this process")
)

// Identity is whose item this is.
type Identity struct {
	// ID is the item's StatusNotifierItem Id, by which panels tell apps apart and keep their
	// settings for each: the app's command name, so two brands never share one.
	ID string
	// Icons replace the app's own icons when set.
	Icons Icons
}

// Icons are a brand's tray icons, each plain and with the unread badge: PNGs for Linux
// panels, ICOs for the Windows notification area. Each OS uses its own pair.
type Icons struct {
	PNG, PNGUnread []byte
	ICO, ICOUnread []byte
}

// Actions are what the tray does. All are required. They run on the tray's goroutines and
// should return quickly: the library drops menu clicks that arrive while one runs.
type Actions struct {
	// OpenChat should also show the window, so the chat is seen.
	OpenChat    func()
	CloseChat   func()
	SendDetails func()
	EditProfile func()
	// ToggleWindow runs for the Show/Hide window entry and for a left click on the icon.
	ToggleWindow func()
	// SetStartAtLogin gets the value the user asked for; the tray shows it once Update says so.
	SetStartAtLogin func(on bool)
	// Restart runs for Restart to update, shown while State.UpdateReady.
	Restart func()
	Quit    func()
}

// State is everything the tray reflects.
type State struct {
	Phase         widget.Phase
	ChatOpen      bool
	WindowVisible bool
	// StartAtLoginAvailable is false where the app cannot register itself to start at login.
	StartAtLoginAvailable bool
	StartAtLogin          bool
	Unread                int
	// UpdateReady: a newer version waits for a restart (the menu offers one).
	UpdateReady bool
	// Note is a second line of the tooltip, in the UI language: a problem with the chat, or
	// where the user's details are ("" for nothing to say).
	Note string
}

// Labels are the tray's texts, in the app's UI language. All are required.
type Labels struct {
	OpenChat, CloseChat, SendDetails, EditProfile string
	ShowWindow, HideWindow, StartAtLogin, Quit    string
	Restart                                       string
	// Title names the item: the tooltip with nothing unread, and what panels list it as.
	Title string
	// Unread is the tooltip with n > 0 messages unread: a function, so that each language can
	// apply its own plural rules.
	Unread func(n int) string
}

// EnglishLabels are the texts in English.
func EnglishLabels() Labels {
	return Labels{
		OpenChat:     "Open chat",
		CloseChat:    "Close chat",
		SendDetails:  "Send my details",
		EditProfile:  "Edit profile…",
		ShowWindow:   "Show window",
		HideWindow:   "Hide window",
		StartAtLogin: "Start at login",
		Quit:         "Quit",
		Restart:      "Restart to update",
		Title:        "JediDesk",
		Unread: func(n int) string {
			if n == 1 {
				return "1 new message"
			}
			return fmt.Sprintf("%d new messages", n)
		},
	}
}

// ItemID names an entry of the menu.
type ItemID int

// The menu's entries.
const (
	ItemSeparator ItemID = iota
	ItemOpenChat
	ItemCloseChat
	ItemSendDetails
	ItemEditProfile
	ItemToggleWindow
	ItemStartAtLogin
	ItemQuit
	ItemRestart
)

// Item is one entry of the menu as it should look.
type Item struct {
	ID       ItemID
	Label    string
	Enabled  bool
	Checkbox bool
	Checked  bool
	// Hidden entries are not shown (panels leave them out) until the state asks for them.
	Hidden bool
}

// MenuModel is the menu, in order, for state s.
//
// Open chat stays enabled while the widget loads or has failed: the bridge keeps the request
// until the widget mounts, and the window it shows says what is going on. It is disabled only
// when there is nothing left to do, the chat being open in a visible window. Close chat needs an
// open chat. Send my details waits in the queue while the widget loads, but not after it failed.
func MenuModel(s State, l Labels) []Item {
	ready := s.Phase == widget.PhaseReady
	window := l.ShowWindow
	if s.WindowVisible {
		window = l.HideWindow
	}
	return []Item{
		{ID: ItemOpenChat, Label: l.OpenChat, Enabled: !(ready && s.ChatOpen && s.WindowVisible)},
		{ID: ItemCloseChat, Label: l.CloseChat, Enabled: ready && s.ChatOpen},
		{ID: ItemSendDetails, Label: l.SendDetails, Enabled: s.Phase != widget.PhaseFailed},
		{ID: ItemEditProfile, Label: l.EditProfile, Enabled: true},
		{ID: ItemSeparator},
		{ID: ItemToggleWindow, Label: window, Enabled: true},
		{ID: ItemStartAtLogin, Label: l.StartAtLogin, Enabled: s.StartAtLoginAvailable, Checkbox: true,
			Checked: s.StartAtLoginAvailable && s.StartAtLogin},
		{ID: ItemSeparator},
		{ID: ItemRestart, Label: l.Restart, Enabled: true, Hidden: !s.UpdateReady},
		{ID: ItemQuit, Label: l.Quit, Enabled: true},
	}
}

// tooltip is the icon's tooltip for state s.
func tooltip(s State, l Labels) string {
	tip := l.Title
	if s.Unread > 0 {
		tip = l.Unread(s.Unread)
	}
	if s.Note != "" {
		tip += "\n" + s.Note
	}
	return tip
}
