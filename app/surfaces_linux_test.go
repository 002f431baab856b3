package app

import (
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/cli"
	"jedidesk-desktop/app/widget"
	"jedidesk-desktop/test/sniwatcher"
)

// launcherCounts is the counts the app puts on its launcher icon, as a dock on the session bus
// reads them (count, or 0 when the badge is hidden).
func launcherCounts(t *testing.T) <-chan int64 {
	t.Helper()
	conn, err := dbus.ConnectSessionBus()
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	require.NoError(t, conn.AddMatchSignal(dbus.WithMatchInterface("com.canonical.Unity.LauncherEntry"), dbus.WithMatchMember("Update")))
	signals := make(chan *dbus.Signal, 16)
	conn.Signal(signals)
	counts := make(chan int64, 16)
	go func() {
		for sig := range signals {
			props, _ := sig.Body[1].(map[string]dbus.Variant)
			count, _ := props["count"].Value().(int64)
			if visible, _ := props["count-visible"].Value().(bool); !visible {
				count = 0
			}
			counts <- count
		}
	}()
	return counts
}

func TestTheLauncherBadgeCountsRepliesUntilTheUserReadsThem(t *testing.T) {
	sniwatcher.PrivateBus(t)
	counts := launcherCounts(t)
	a, _, _ := newApp(t, nil, Overrides{Hidden: true})
	a.surf.start()
	defer a.surf.stop()
	a.chat.WidgetMounted()
	expect := func(want int64, why string) {
		t.Helper()
		select {
		case got := <-counts:
			assert.Equal(t, want, got, why)
		case <-time.After(5 * time.Second):
			require.FailNow(t, "no badge update", why)
		}
	}

	expect(0, "the app starts with no badge, whatever an earlier run left")
	require.NoError(t, a.chat.WidgetEvent(widget.EventManagerMessage, "Hello"))
	expect(1, "a reply to the hidden window")
	require.NoError(t, a.chat.WidgetEvent(widget.EventManagerMessage, "Still there?"))
	expect(2, "a second reply")
	a.Perform(cli.ActionOpen)
	require.NoError(t, a.chat.WidgetEvent(widget.EventOpened, ""))
	expect(0, "the chat open in the shown window: read")
}
