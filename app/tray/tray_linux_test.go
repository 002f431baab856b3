package tray

import (
	"fmt"
	"image"
	"image/color"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/widget"
	"jedidesk-desktop/test/sniwatcher"
)

const eventually = 5 * time.Second

// TestTrayOnTheSessionBus drives the real item the way a panel does, on a private session bus.
// fyne.io/systray holds one tray per process and cannot start twice, so every check shares one
// Start, in order.
func TestTrayOnTheSessionBus(t *testing.T) {
	if started.Load() {
		t.Skip("fyne.io/systray starts once per process, so with -count > 1 only the first run checks the tray")
	}
	ran := make(chan string, 16)
	record := func(name string) func() { return func() { ran <- name } }
	actions := Actions{
		OpenChat:        record("open chat"),
		CloseChat:       record("close chat"),
		SendDetails:     record("send details"),
		EditProfile:     record("edit profile"),
		ToggleWindow:    record("toggle window"),
		SetStartAtLogin: func(on bool) { ran <- fmt.Sprint("start at login ", on) },
		Restart:         record("restart"),
		Quit:            record("quit"),
	}
	expectRan := func(t *testing.T, want string) {
		t.Helper()
		select {
		case got := <-ran:
			assert.Equal(t, want, got)
		case <-time.After(eventually):
			assert.Fail(t, "no action ran", "want %q", want)
		}
	}
	labels := EnglishLabels()
	// A plain green square stands in for a brand's icon; its unread form has the badge.
	green := color.NRGBA{0x10, 0xA0, 0x40, 0xFF}
	brandIcon := image.NewNRGBA(image.Rect(0, 0, pngSize, pngSize))
	for i := 0; i < len(brandIcon.Pix); i += 4 {
		copy(brandIcon.Pix[i:], []byte{green.R, green.G, green.B, green.A})
	}
	id := Identity{ID: "acme-support", Icons: Icons{PNG: encodePNG(t, brandIcon), PNGUnread: encodePNG(t, draw(pngSize, true))}}
	state := State{Phase: widget.PhaseLoading, WindowVisible: true, StartAtLoginAvailable: true}

	t.Run("without a session bus Start reports ErrNoWatcher and starts nothing", func(t *testing.T) {
		t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
		t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
		_, err := Start(id, actions, labels, state)
		require.ErrorIs(t, err, ErrNoWatcher)
	})

	sniwatcher.PrivateBus(t)
	t.Run("without a tray host Start reports ErrNoWatcher and starts nothing", func(t *testing.T) {
		_, err := Start(id, actions, labels, state)
		require.ErrorIs(t, err, ErrNoWatcher)
	})

	watcher, err := sniwatcher.Start()
	require.NoError(t, err)
	t.Cleanup(func() { watcher.Close() })

	tr, err := Start(id, actions, labels, state)
	require.NoError(t, err)
	t.Cleanup(tr.Stop)

	var item string
	t.Run("the item registers with the watcher", func(t *testing.T) {
		require.Eventually(t, func() bool { return len(watcher.Items()) == 1 }, eventually, 10*time.Millisecond)
		item = watcher.Items()[0]
		assert.True(t, strings.HasPrefix(item, ":"), "registered under the tray's unique bus name: %s", item)
	})
	require.NotEmpty(t, item, "no item to drive")

	t.Run("a second Start is refused", func(t *testing.T) {
		_, err := Start(id, actions, labels, state)
		assert.ErrorIs(t, err, ErrStarted)
	})

	t.Run("the menu shows the model of the starting state", func(t *testing.T) {
		assertMenuShows(t, watcher, item, MenuModel(state, labels))
	})

	t.Run("the item's id is the app's, its title the app's name, its icon the app's", func(t *testing.T) {
		got, err := watcher.ID(item)
		require.NoError(t, err)
		assert.Equal(t, "acme-support", got)
		require.EventuallyWithT(t, func(c *assert.CollectT) {
			title, err := watcher.Title(item)
			assert.NoError(c, err)
			assert.Equal(c, "JediDesk", title)
		}, eventually, 10*time.Millisecond)
		img, err := watcher.Icon(item)
		require.NoError(t, err)
		assert.Equal(t, green, color.NRGBAModel.Convert(img.At(1, 1)))
	})

	t.Run("the tooltip names the app and the icon has no badge", func(t *testing.T) {
		tip, err := watcher.Tooltip(item)
		require.NoError(t, err)
		assert.Equal(t, "JediDesk", tip)
		assert.False(t, hasBadge(t, watcher, item))
	})

	t.Run("each menu entry runs its own action", func(t *testing.T) {
		menu, err := watcher.Menu(item)
		require.NoError(t, err)
		want := map[string]string{
			"Open chat":       "open chat",
			"Close chat":      "close chat",
			"Send my details": "send details",
			"Edit profile…":   "edit profile",
			"Hide window":     "toggle window",
			"Start at login":  "start at login true",
			"Quit":            "quit",
		}
		require.Len(t, menu, len(want))
		for _, entry := range menu {
			require.NoError(t, watcher.Click(item, entry.ID), entry.Label)
			expectRan(t, want[entry.Label])
		}
	})

	t.Run("an update waiting for a restart shows Restart to update, which restarts, and only then", func(t *testing.T) {
		ready := state
		ready.UpdateReady = true
		tr.Update(ready)
		assertMenuShows(t, watcher, item, MenuModel(ready, labels))
		menu, err := watcher.Menu(item)
		require.NoError(t, err)
		clicked := false
		for _, entry := range menu {
			if entry.Label == "Restart to update" {
				require.NoError(t, watcher.Click(item, entry.ID))
				expectRan(t, "restart")
				clicked = true
			}
		}
		assert.True(t, clicked, "Restart to update is in the menu")
		tr.Update(state)
		assertMenuShows(t, watcher, item, MenuModel(state, labels))
	})

	t.Run("a left click on the icon toggles the window", func(t *testing.T) {
		require.NoError(t, watcher.Activate(item))
		expectRan(t, "toggle window")
	})

	unread := State{Phase: widget.PhaseReady, ChatOpen: true, StartAtLoginAvailable: true, StartAtLogin: true, Unread: 3}
	t.Run("unread messages show in the tooltip and as a badge", func(t *testing.T) {
		tr.Update(unread)
		require.EventuallyWithT(t, func(c *assert.CollectT) {
			tip, err := watcher.Tooltip(item)
			assert.NoError(c, err)
			assert.Equal(c, "3 new messages", tip)
		}, eventually, 10*time.Millisecond)
		assert.True(t, hasBadge(t, watcher, item))
	})

	t.Run("Update enables, disables, relabels and checks entries", func(t *testing.T) {
		assertMenuShows(t, watcher, item, MenuModel(unread, labels))
		menu, err := watcher.Menu(item)
		require.NoError(t, err)
		byLabel := map[string]sniwatcher.MenuItem{}
		for _, e := range menu {
			byLabel[e.Label] = e
		}
		assert.True(t, byLabel["Close chat"].Enabled, "an open chat can be closed")
		assert.True(t, byLabel["Show window"].Enabled, "the hidden window can be shown")
		assert.True(t, byLabel["Start at login"].Checked)
	})

	t.Run("unchecking start at login asks for false", func(t *testing.T) {
		menu, err := watcher.Menu(item)
		require.NoError(t, err)
		for _, e := range menu {
			if e.Label == "Start at login" {
				require.NoError(t, watcher.Click(item, e.ID))
			}
		}
		expectRan(t, "start at login false")
	})

	t.Run("reading the chat clears the badge and the tooltip", func(t *testing.T) {
		seen := State{Phase: widget.PhaseReady, ChatOpen: true, WindowVisible: true}
		tr.Update(seen)
		require.EventuallyWithT(t, func(c *assert.CollectT) {
			tip, err := watcher.Tooltip(item)
			assert.NoError(c, err)
			assert.Equal(c, "JediDesk", tip)
		}, eventually, 10*time.Millisecond)
		assert.False(t, hasBadge(t, watcher, item))
		assertMenuShows(t, watcher, item, MenuModel(seen, labels))
	})

	t.Run("SetLabels relabels the menu and the tooltip", func(t *testing.T) {
		seen := State{Phase: widget.PhaseReady, ChatOpen: true, WindowVisible: true}
		relabelled := labels
		relabelled.OpenChat, relabelled.Quit, relabelled.Title = "Відкрити чат", "Вийти", "ДжедайДеск"
		tr.SetLabels(relabelled)
		require.EventuallyWithT(t, func(c *assert.CollectT) {
			tip, err := watcher.Tooltip(item)
			assert.NoError(c, err)
			assert.Equal(c, "ДжедайДеск", tip)
		}, eventually, 10*time.Millisecond)
		assertMenuShows(t, watcher, item, MenuModel(seen, relabelled))
	})

	t.Run("Stop takes the item off the bus", func(t *testing.T) {
		tr.Stop()
		tr.Stop()
		tr.Update(State{Unread: 1})
		require.Eventually(t, func() bool { return watcher.Activate(item) != nil }, eventually, 10*time.Millisecond)
		assert.Empty(t, ran, "no action ran after Stop")
	})
}

// assertMenuShows compares what a panel reads with the model, separators aside.
func assertMenuShows(t *testing.T, w *sniwatcher.Watcher, item string, model []Item) {
	t.Helper()
	var want []sniwatcher.MenuItem
	for _, it := range model {
		if it.ID != ItemSeparator && !it.Hidden {
			want = append(want, sniwatcher.MenuItem{Label: it.Label, Enabled: it.Enabled, Checkbox: it.Checkbox, Checked: it.Checked})
		}
	}
	require.EventuallyWithT(t, func(c *assert.CollectT) {
		got, err := w.Menu(item)
		if !assert.NoError(c, err) {
			return
		}
		for i := range got {
			got[i].ID = 0
		}
		assert.Equal(c, want, got)
	}, eventually, 10*time.Millisecond)
}

// hasBadge looks for the red badge where the icon drawing puts it.
func hasBadge(t *testing.T, w *sniwatcher.Watcher, item string) bool {
	t.Helper()
	img, err := w.Icon(item)
	require.NoError(t, err)
	size := img.Bounds().Dx()
	at := image.Pt(int(badgeX)*size/1024, int(badgeY)*size/1024)
	return color.NRGBAModel.Convert(img.At(at.X, at.Y)) == red
}
