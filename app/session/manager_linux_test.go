package session

import (
	"io"
	"os"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/test/sessionmanager"
	"jedidesk-desktop/test/sniwatcher"
)

const waitFor = 5 * time.Second

// desktop starts the stand-ins on private session and system buses, and the watcher.
func desktop(t *testing.T) (*sessionmanager.Manager, *sessionmanager.Logind, *Watcher, chan string) {
	t.Helper()
	sniwatcher.PrivateBus(t)
	sniwatcher.PrivateSystemBus(t)
	sm, err := sessionmanager.Start()
	require.NoError(t, err)
	t.Cleanup(func() { sm.Close() })
	logind, err := sessionmanager.StartLogind()
	require.NoError(t, err)
	t.Cleanup(func() { logind.Close() })
	ch, end := ended()
	w := Watch(end, io.Discard)
	require.Eventually(t, func() bool { return len(sm.Clients()) == 1 }, waitFor, 10*time.Millisecond, "the app registers with the session manager")
	require.Eventually(t, func() bool { return len(logind.Inhibitors()) == 1 }, waitFor, 10*time.Millisecond, "the app takes logind's delay lock")
	return sm, logind, w, ch
}

func notEnded(t *testing.T, ch chan string) {
	t.Helper()
	select {
	case reason := <-ch:
		t.Fatalf("the app was told to end: %s", reason)
	case <-time.After(300 * time.Millisecond):
	}
}

func TestTheSessionManagerEndsTheAppAtLogout(t *testing.T) {
	t.Setenv("DESKTOP_AUTOSTART_ID", "autostart-42")
	sm, _, w, ch := desktop(t)
	client := sm.Clients()[0]

	assert.Equal(t, sessionmanager.Client{Bus: client.Bus, AppID: "jedidesk-desktop", StartupID: "autostart-42", Path: client.Path}, client,
		"registered under the desktop entry's name with the autostart id")
	_, inherited := os.LookupEnv("DESKTOP_AUTOSTART_ID")
	assert.False(t, inherited, "the autostart id is not passed on to what the app starts")

	require.NoError(t, sm.QueryEndSession())
	require.Eventually(t, func() bool { return len(sm.Responses()) == 1 }, waitFor, 10*time.Millisecond, "the app answers the query")
	assert.Equal(t, sessionmanager.Response{Path: client.Path, OK: true}, sm.Responses()[0], "the app never holds up a logout")
	notEnded(t, ch)

	require.NoError(t, sm.EndSession())
	assert.Equal(t, "the session is ending", waitEnd(t, ch))
	assert.Len(t, sm.Responses(), 1, "the answer to EndSession waits for the clean-up")
	require.NoError(t, w.Close())
	require.Eventually(t, func() bool { return len(sm.Responses()) == 2 }, waitFor, 10*time.Millisecond, "the app answers once it has cleaned up")
	assert.Equal(t, sessionmanager.Response{Path: client.Path, OK: true}, sm.Responses()[1])
}

func TestTheSessionManagersStopEndsTheApp(t *testing.T) {
	sm, _, w, ch := desktop(t)
	require.NoError(t, sm.Stop())
	assert.Equal(t, "the session manager asked the app to stop", waitEnd(t, ch))
	require.NoError(t, w.Close())
	assert.True(t, sm.Clients()[0].Unregistered)
}

func TestAQuitOfTheAppsOwnLeavesTheSession(t *testing.T) {
	sm, _, w, ch := desktop(t)
	require.NoError(t, w.Close())
	assert.True(t, sm.Clients()[0].Unregistered, "so the session manager does not take it for a crash")
	assert.Empty(t, sm.Responses())
	notEnded(t, ch)
}

func TestLogindsShutdownEndsTheApp(t *testing.T) {
	for _, tt := range []struct {
		name  string
		start bool
		ends  bool
	}{
		{"a shutdown that starts ends the app", true, true},
		{"a shutdown called off does not", false, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, logind, w, ch := desktop(t)
			defer w.Close()
			assert.Equal(t, sessionmanager.Inhibitor{What: "shutdown", Who: "JediDesk", Why: "Remembering where the window is", Mode: "delay"},
				logind.Inhibitors()[0], "logind waits for the app's clean-up")
			require.NoError(t, logind.PrepareForShutdown(tt.start))
			if tt.ends {
				assert.Equal(t, "the computer is shutting down", waitEnd(t, ch))
			} else {
				notEnded(t, ch)
			}
		})
	}
}

func TestAnEndOfSessionSentByAnotherProgramIsIgnored(t *testing.T) {
	sm, _, w, ch := desktop(t)
	defer w.Close()
	other, err := dbus.SessionBusPrivate()
	require.NoError(t, err)
	defer other.Close()
	require.NoError(t, other.Auth(nil))
	require.NoError(t, other.Hello())
	// Sent to the app alone, so no match rule of the bus stands in the way.
	client := sm.Clients()[0]
	require.NoError(t, other.Send(&dbus.Message{
		Type: dbus.TypeSignal,
		Headers: map[dbus.HeaderField]dbus.Variant{
			dbus.FieldPath:        dbus.MakeVariant(client.Path),
			dbus.FieldInterface:   dbus.MakeVariant("org.gnome.SessionManager.ClientPrivate"),
			dbus.FieldMember:      dbus.MakeVariant("EndSession"),
			dbus.FieldDestination: dbus.MakeVariant(client.Bus),
			dbus.FieldSignature:   dbus.MakeVariant(dbus.SignatureOf(uint32(0))),
		},
		Body: []any{uint32(0)},
	}, nil).Err)
	notEnded(t, ch)
}

func TestWithoutASessionManagerOrLogindOnlySignalsEndTheApp(t *testing.T) {
	sniwatcher.PrivateBus(t)
	sniwatcher.PrivateSystemBus(t)
	w := Watch(func(string) {}, io.Discard)
	m := w.manager.(*managers)
	<-m.ready
	assert.Nil(t, m.gnome)
	assert.Nil(t, m.logind)
	assert.NoError(t, w.Close())
}
