package tray

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/widget"
)

// enabled maps each entry to whether it is enabled, a compact picture of the menu.
func enabled(items []Item) map[ItemID]bool {
	out := map[ItemID]bool{}
	for _, it := range items {
		if it.ID != ItemSeparator {
			out[it.ID] = it.Enabled
		}
	}
	return out
}

func TestMenuEnablesWhatMakesSenseInEachState(t *testing.T) {
	tests := []struct {
		name              string
		state             State
		open, close, send bool
	}{
		{"while the widget loads, open and send wait in the queue; nothing to close",
			State{Phase: widget.PhaseLoading, WindowVisible: true}, true, false, true},
		{"a ready widget with the chat closed can be opened, not closed",
			State{Phase: widget.PhaseReady, WindowVisible: true}, true, false, true},
		{"an open chat in a visible window can only be closed",
			State{Phase: widget.PhaseReady, ChatOpen: true, WindowVisible: true}, false, true, true},
		{"an open chat in a hidden window can still be opened, which shows it",
			State{Phase: widget.PhaseReady, ChatOpen: true}, true, true, true},
		{"a failed widget still opens the window that says why, but sends nothing",
			State{Phase: widget.PhaseFailed, WindowVisible: true}, true, false, false},
		{"a failed widget in a hidden window",
			State{Phase: widget.PhaseFailed}, true, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := enabled(MenuModel(tt.state, EnglishLabels()))
			assert.Equal(t, tt.open, got[ItemOpenChat], "open chat")
			assert.Equal(t, tt.close, got[ItemCloseChat], "close chat")
			assert.Equal(t, tt.send, got[ItemSendDetails], "send my details")
			for _, id := range []ItemID{ItemEditProfile, ItemToggleWindow, ItemQuit} {
				assert.True(t, got[id], "entry %d is always enabled", id)
			}
		})
	}
}

func TestWindowEntrySaysWhatAClickWillDo(t *testing.T) {
	tests := []struct {
		visible bool
		want    string
	}{
		{false, "Show window"},
		{true, "Hide window"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			assert.Equal(t, tt.want, find(t, MenuModel(State{WindowVisible: tt.visible}, EnglishLabels()), ItemToggleWindow).Label)
		})
	}
}

func TestStartAtLoginIsACheckboxOnlyWhereAvailable(t *testing.T) {
	tests := []struct {
		name                 string
		available, on        bool
		wantEnabled, wantChk bool
	}{
		{"available and off", true, false, true, false},
		{"available and on", true, true, true, true},
		{"unavailable shows neither enabled nor checked", false, true, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := find(t, MenuModel(State{StartAtLoginAvailable: tt.available, StartAtLogin: tt.on}, EnglishLabels()), ItemStartAtLogin)
			assert.True(t, it.Checkbox)
			assert.Equal(t, tt.wantEnabled, it.Enabled, "enabled")
			assert.Equal(t, tt.wantChk, it.Checked, "checked")
		})
	}
}

func TestMenuOrderAndLabelsComeFromLabels(t *testing.T) {
	l := EnglishLabels()
	l.OpenChat, l.Quit = "Відкрити чат", "Вийти"
	var labels []string
	for _, it := range MenuModel(State{}, l) {
		labels = append(labels, it.Label)
	}
	assert.Equal(t, []string{"Відкрити чат", "Close chat", "Send my details", "Edit profile…", "",
		"Show window", "Start at login", "", "Restart to update", "Вийти"}, labels)
}

func TestTooltipCountsUnreadMessagesAndSaysWhereTheDetailsAre(t *testing.T) {
	tests := []struct {
		unread int
		note   string
		want   string
	}{
		{0, "", "JediDesk"},
		{1, "", "1 new message"},
		{3, "", "3 new messages"},
		{0, "Sent to support at 10:32", "JediDesk\nSent to support at 10:32"},
		{2, "Not delivered", "2 new messages\nNot delivered"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			assert.Equal(t, tt.want, tooltip(State{Unread: tt.unread, Note: tt.note}, EnglishLabels()))
		})
	}
}

func find(t *testing.T, items []Item, id ItemID) Item {
	t.Helper()
	for _, it := range items {
		if it.ID == id {
			return it
		}
	}
	require.Failf(t, "no such entry", "%d", id)
	return Item{}
}

func TestRestartToUpdateShowsOnlyWhileAnUpdateIsReady(t *testing.T) {
	for _, ready := range []bool{false, true} {
		t.Run(fmt.Sprint(ready), func(t *testing.T) {
			it := find(t, MenuModel(State{UpdateReady: ready}, EnglishLabels()), ItemRestart)
			assert.Equal(t, "Restart to update", it.Label)
			assert.True(t, it.Enabled)
			assert.Equal(t, !ready, it.Hidden)
		})
	}
}
