package sniwatcher

import (
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// connect opens a connection of its own, like a tray item's process would.
func connect(t *testing.T) *dbus.Conn {
	t.Helper()
	conn, err := dbus.ConnectSessionBus()
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	return conn
}

func TestWatcherRecordsItemsAsBusNameAndPath(t *testing.T) {
	PrivateBus(t)
	w, err := Start()
	require.NoError(t, err)
	t.Cleanup(func() { w.Close() })

	listener := connect(t)
	require.NoError(t, listener.AddMatchSignal(dbus.WithMatchInterface(Name), dbus.WithMatchMember("StatusNotifierItemRegistered")))
	signals := make(chan *dbus.Signal, 4)
	listener.Signal(signals)

	item := connect(t)
	unique := item.Names()[0]
	tests := []struct {
		name, arg, want string
	}{
		{"an object path is taken as one on the caller's connection", "/StatusNotifierItem", unique + "/StatusNotifierItem"},
		{"a bus name gets the protocol's default path", unique, unique + "/StatusNotifierItem"},
		{"a bus name with a path is kept as it is", unique + "/Other", unique + "/Other"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			call := item.Object(Name, watcherPath).Call(Name+".RegisterStatusNotifierItem", 0, tt.arg)
			require.NoError(t, call.Err)
			assert.Equal(t, tt.want, w.Items()[i])
			select {
			case sig := <-signals:
				assert.Equal(t, []any{tt.want}, sig.Body)
			case <-time.After(5 * time.Second):
				assert.Fail(t, "no StatusNotifierItemRegistered signal")
			}
		})
	}

	t.Run("the host is reported present", func(t *testing.T) {
		v, err := item.Object(Name, watcherPath).GetProperty(Name + ".IsStatusNotifierHostRegistered")
		require.NoError(t, err)
		assert.Equal(t, true, v.Value())
	})

	t.Run("a second watcher is refused the name", func(t *testing.T) {
		_, err := Start()
		assert.ErrorIs(t, err, ErrNameTaken)
	})
}
