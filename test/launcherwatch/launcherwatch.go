// Package launcherwatch reads the launcher-entry signals on the session bus as a dock does
// (com.canonical.Unity.LauncherEntry.Update), so tests see the count the app puts on its icon.
package launcherwatch

import (
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/stretchr/testify/require"
)

const signal = "com.canonical.Unity.LauncherEntry.Update"

// Update is one signal as a launcher reads it.
type Update struct {
	App     string
	Count   int64
	Visible bool
}

// Shown is the count a launcher draws: none while the badge is hidden.
func (u Update) Shown() int64 {
	if !u.Visible {
		return 0
	}
	return u.Count
}

// Listen subscribes to every launcher-entry update on the session bus until the test ends.
func Listen(t *testing.T) <-chan Update {
	t.Helper()
	conn, err := dbus.ConnectSessionBus()
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	require.NoError(t, conn.AddMatchSignal(dbus.WithMatchInterface("com.canonical.Unity.LauncherEntry"), dbus.WithMatchMember("Update")))
	signals := make(chan *dbus.Signal, 16)
	conn.Signal(signals)
	updates := make(chan Update, 16)
	go func() {
		for sig := range signals {
			if sig.Name != signal || len(sig.Body) != 2 {
				continue
			}
			app, _ := sig.Body[0].(string)
			props, _ := sig.Body[1].(map[string]dbus.Variant)
			count, _ := props["count"].Value().(int64)
			visible, _ := props["count-visible"].Value().(bool)
			updates <- Update{app, count, visible}
		}
	}()
	return updates
}

// Next waits for the next update; the test fails if none comes within timeout.
func Next(t *testing.T, updates <-chan Update, timeout time.Duration, why ...any) Update {
	t.Helper()
	select {
	case u := <-updates:
		return u
	case <-time.After(timeout):
		require.FailNow(t, "no launcher-entry update", why...)
		return Update{}
	}
}
