package app

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/cli"
	"jedidesk-desktop/app/widget"
	"jedidesk-desktop/test/launcherwatch"
	"jedidesk-desktop/test/sniwatcher"
)

func TestTheLauncherBadgeCountsRepliesUntilTheUserReadsThem(t *testing.T) {
	sniwatcher.PrivateBus(t)
	updates := launcherwatch.Listen(t)
	a, _, _ := newApp(t, nil, Overrides{Hidden: true})
	a.surf.start()
	defer a.surf.stop()
	a.chat.WidgetMounted()
	expect := func(want int64, why string) {
		t.Helper()
		assert.Equal(t, want, launcherwatch.Next(t, updates, 5*time.Second, why).Shown(), why)
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
