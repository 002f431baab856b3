//go:build linux || windows

package tray

import (
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/systray"
)

const readyTimeout = 10 * time.Second

// started guards fyne.io/systray, which keeps one tray per process in globals and cannot be
// started again once stopped.
var started atomic.Bool

// Tray is the running tray item. Its methods are safe for concurrent use.
type Tray struct {
	actions Actions
	icon    []byte
	badged  []byte
	labels  Labels
	items   map[ItemID]*systray.MenuItem
	end     func()
	done    chan struct{}

	mu      sync.Mutex
	stopped bool
	state   State
	shown   []Item
	badge   bool
	tip     string
}

// Start puts the item in the tray, showing initial. It returns ErrNoWatcher where no tray host
// runs and ErrStarted on a second call: the tray exists once per process, so start it from the
// first instance only, once its window is up.
func Start(id Identity, actions Actions, labels Labels, initial State) (*Tray, error) {
	if err := checkHost(); err != nil {
		return nil, err
	}
	if !started.CompareAndSwap(false, true) {
		return nil, ErrStarted
	}
	t := &Tray{
		actions: actions,
		icon:    iconNormal,
		badged:  iconUnread,
		labels:  labels,
		items:   map[ItemID]*systray.MenuItem{},
		done:    make(chan struct{}),
		state:   initial,
	}
	if icon, badged := own(id.Icons); len(icon) > 0 && len(badged) > 0 {
		t.icon, t.badged = icon, badged
	}
	// Both are read when the item is put on the bus: the title becomes its Id (and gets the
	// app's name once the item is up), and a tap handler makes panels send left clicks to
	// Activate instead of opening the menu.
	systray.SetTitle(id.ID)
	systray.SetOnTapped(actions.ToggleWindow)
	built := make(chan struct{})
	t.end = run(func() {
		t.build()
		close(built)
	})
	select {
	case <-built:
	case <-time.After(readyTimeout):
		// On Windows the library never calls back when it cannot create its window.
		return nil, errors.New("the system tray did not come up")
	}
	t.mu.Lock()
	// Set only now: on Linux the library may drop an icon or tooltip set while it is still
	// exporting the item, which overlaps with building the menu.
	systray.SetTitle(labels.Title)
	t.showIconAndTooltip(true)
	t.mu.Unlock()
	go t.listen()
	return t, nil
}

func (t *Tray) build() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.shown = MenuModel(t.state, t.labels)
	for _, it := range t.shown {
		var item *systray.MenuItem
		switch {
		case it.ID == ItemSeparator:
			systray.AddSeparator()
			continue
		case it.Checkbox:
			item = systray.AddMenuItemCheckbox(it.Label, "", it.Checked)
		default:
			item = systray.AddMenuItem(it.Label, "")
		}
		if !it.Enabled {
			item.Disable()
		}
		if it.Hidden {
			item.Hide()
		}
		t.items[it.ID] = item
	}
}

// listen runs the actions. The library drops a click when nobody is receiving, so this loop
// only dispatches.
func (t *Tray) listen() {
	for {
		select {
		case <-t.items[ItemOpenChat].ClickedCh:
			t.actions.OpenChat()
		case <-t.items[ItemCloseChat].ClickedCh:
			t.actions.CloseChat()
		case <-t.items[ItemSendDetails].ClickedCh:
			t.actions.SendDetails()
		case <-t.items[ItemEditProfile].ClickedCh:
			t.actions.EditProfile()
		case <-t.items[ItemToggleWindow].ClickedCh:
			t.actions.ToggleWindow()
		case <-t.items[ItemStartAtLogin].ClickedCh:
			t.mu.Lock()
			on := !t.state.StartAtLogin
			t.mu.Unlock()
			t.actions.SetStartAtLogin(on)
		case <-t.items[ItemRestart].ClickedCh:
			t.actions.Restart()
		case <-t.items[ItemQuit].ClickedCh:
			t.actions.Quit()
		case <-t.done:
			return
		}
	}
}

// Update shows s: which entries are enabled, the window entry's label, the start-at-login
// check, and the badge and tooltip for unread messages. Only what changed goes to the tray.
func (t *Tray) Update(s State) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.stopped || s == t.state {
		return
	}
	t.show(s)
}

// SetLabels relabels the menu and tooltip (the UI language changed).
func (t *Tray) SetLabels(l Labels) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.stopped {
		return
	}
	if l.Title != t.labels.Title {
		systray.SetTitle(l.Title)
	}
	t.labels = l
	t.show(t.state)
}

// show brings the native items in line with s and the labels; t.mu is held.
func (t *Tray) show(s State) {
	t.state = s
	model := MenuModel(s, t.labels)
	for i, it := range model {
		item, was := t.items[it.ID], t.shown[i]
		if item == nil || it == was {
			continue
		}
		if it.Label != was.Label {
			item.SetTitle(it.Label)
		}
		if it.Enabled != was.Enabled {
			if it.Enabled {
				item.Enable()
			} else {
				item.Disable()
			}
		}
		if it.Hidden != was.Hidden {
			if it.Hidden {
				item.Hide()
			} else {
				item.Show()
			}
		}
		if it.Checked != was.Checked {
			if it.Checked {
				item.Check()
			} else {
				item.Uncheck()
			}
		}
	}
	t.shown = model
	t.showIconAndTooltip(false)
}

func (t *Tray) showIconAndTooltip(force bool) {
	if badge := t.state.Unread > 0; force || badge != t.badge {
		t.badge = badge
		if badge {
			systray.SetIcon(t.badged)
		} else {
			systray.SetIcon(t.icon)
		}
	}
	if tip := tooltip(t.state, t.labels); force || tip != t.tip {
		t.tip = tip
		systray.SetTooltip(tip)
	}
}

// Stop takes the item out of the tray; Update does nothing after it.
func (t *Tray) Stop() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.stopped {
		return
	}
	t.stopped = true
	close(t.done)
	t.end()
}
