package app

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"jedidesk-desktop/app/i18n"
	"jedidesk-desktop/app/tray"
	"jedidesk-desktop/app/widget"
)

func TestTheTraySaysWhereTheDetailsAndTheChatsConnectionAre(t *testing.T) {
	at := time.Date(2026, 12, 4, 13, 36, 0, 0, time.Local)
	tests := []struct {
		name  string
		state widget.State
		want  string
	}{
		{"no chat yet", widget.State{Delivery: widget.Delivery{Status: widget.Waiting}}, "Details go to support when a chat starts"},
		{"sending on a connected chat", widget.State{Link: widget.LinkOpen, Delivery: widget.Delivery{Status: widget.Sending}}, "Sending details to support…"},
		{"waiting, yet connected: never 'when a chat starts'", widget.State{Link: widget.LinkOpen, Delivery: widget.Delivery{Status: widget.Waiting}}, "Sending details to support…"},
		{"sent", widget.State{Link: widget.LinkOpen, Delivery: widget.Delivery{Status: widget.DeliveredByApp, Last: &at}}, "Details sent to support at 13:36"},
		{"lost after they were sent", widget.State{Link: widget.LinkLost, Delivery: widget.Delivery{Status: widget.DeliveredByApp, Last: &at}}, "Connection lost, reconnecting…"},
		{"lost while waiting", widget.State{Link: widget.LinkLost, Delivery: widget.Delivery{Status: widget.Waiting}}, "Connection lost, reconnecting…"},
		{"the widget gave up", widget.State{Link: widget.LinkGaveUp, Delivery: widget.Delivery{Status: widget.DeliveredByApp, Last: &at}}, "Chat connection lost: reload the chat"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, trayNote(tt.state, nil, i18n.For("en")))
		})
	}
}

func TestTheTraySaysANewerVersionWaitsForARestart(t *testing.T) {
	connected := widget.State{Link: widget.LinkOpen, Delivery: widget.Delivery{Status: widget.Sending}}
	installed := &Notice{Key: "notice.updated", Args: map[string]string{"version": "2.3.5"}}
	ready := &Notice{Key: "notice.updateReady", Args: map[string]string{"version": "2.3.5"}}
	assert.Equal(t, "Updated to 2.3.5 — restart to use it.", trayNote(connected, installed, i18n.For("en")))
	assert.Equal(t, "Оновлено до 2.3.5 — перезапустіть, щоб ним користуватися.", trayNote(connected, installed, i18n.For("uk")))
	assert.Equal(t, "Version 2.3.5 is ready — restart to update.", trayNote(connected, ready, i18n.For("en")))
	unknown := widget.State{Token: widget.TokenUnrecognised}
	assert.Equal(t, "Widget token not recognised", trayNote(unknown, installed, i18n.For("en")), "nobody sees the chat: that comes first")
}

func TestTheTrayFollowsTheWidgetOutsideTheBridgesLock(t *testing.T) {
	a, _, _ := newApp(t, nil, Overrides{})
	shown := make(chan tray.State, 100)
	a.surf.follow(func(st tray.State) {
		// The bridge's own lock: a tray updated while the bridge holds it would wait forever.
		_ = a.bridge.State()
		shown <- st
	})
	defer a.surf.stop()

	// Apart: were the tray updated under the bridge's lock, this would never return.
	go func() {
		a.chat.WidgetMounted()
		_ = a.chat.WidgetEvent(widget.EventOpened, "")
	}()

	deadline := time.After(10 * time.Second)
	for {
		select {
		case st := <-shown:
			if st.Phase == widget.PhaseReady && st.ChatOpen {
				return
			}
		case <-deadline:
			t.Fatal("the tray never showed the open chat")
		}
	}
}

func TestOneNotificationSaysHowManyRepliesAreWaiting(t *testing.T) {
	tests := []struct {
		name   string
		lang   string
		unread int
		want   string
	}{
		{"a reply the user could be reading shows just its text", "en", 0, "Hello"},
		{"the first unread reply shows just its text", "en", 1, "Hello"},
		{"more say how many, then the latest", "en", 3, "3 new messages\nHello"},
		{"Ukrainian few", "uk", 3, "3 нові повідомлення\nHello"},
		{"Ukrainian many", "uk", 5, "5 нових повідомлень\nHello"},
		{"Ukrainian twenty-one is one", "uk", 21, "21 нове повідомлення\nHello"},
		{"Russian few", "ru", 22, "22 новых сообщения\nHello"},
		{"Russian eleven is many", "ru", 11, "11 новых сообщений\nHello"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, notificationBody(tt.lang, i18n.For(tt.lang), tt.unread, "Hello"))
		})
	}
}
