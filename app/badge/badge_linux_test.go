package badge

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/brand"
	"jedidesk-desktop/test/sniwatcher"
)

const eventually = 5 * time.Second

// update is one launcher-entry signal as a launcher reads it.
type update struct {
	App     string
	Count   int64
	Visible bool
}

// listen subscribes, like a dock would, to every launcher-entry update on the session bus.
func listen(t *testing.T) <-chan update {
	t.Helper()
	conn, err := dbus.ConnectSessionBus()
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	require.NoError(t, conn.AddMatchSignal(dbus.WithMatchInterface("com.canonical.Unity.LauncherEntry"), dbus.WithMatchMember("Update")))
	signals := make(chan *dbus.Signal, 16)
	conn.Signal(signals)
	updates := make(chan update, 16)
	go func() {
		for sig := range signals {
			if sig.Name != updateSignal || len(sig.Body) != 2 {
				continue
			}
			app, _ := sig.Body[0].(string)
			props, _ := sig.Body[1].(map[string]dbus.Variant)
			count, _ := props["count"].Value().(int64)
			visible, _ := props["count-visible"].Value().(bool)
			updates <- update{app, count, visible}
		}
	}()
	return updates
}

func next(t *testing.T, updates <-chan update) update {
	t.Helper()
	select {
	case u := <-updates:
		return u
	case <-time.After(eventually):
		require.FailNow(t, "no launcher-entry update")
		return update{}
	}
}

func TestTheLauncherBadgeFollowsTheUnreadCount(t *testing.T) {
	tests := []struct {
		name  string
		brand brand.Brand
		app   string
	}{
		{"the plain app", brand.Default(), "application://jedidesk-desktop.desktop"},
		{"a branded app names its own desktop file", brand.Brand{ID: "com.acme.support"}, "application://acme-support.desktop"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sniwatcher.PrivateBus(t)
			updates := listen(t)
			b, err := New(tt.brand.DesktopFile(), func(err error) { t.Errorf("badge: %v", err) })
			require.NoError(t, err)
			defer b.Close()

			for _, want := range []update{{tt.app, 1, true}, {tt.app, 2, true}, {tt.app, 0, false}} {
				b.Set(int(want.Count))
				assert.Equal(t, want, next(t, updates))
			}
		})
	}
}

func TestTheSameCountIsNotSentTwice(t *testing.T) {
	sniwatcher.PrivateBus(t)
	updates := listen(t)
	b, err := New("jedidesk-desktop.desktop", func(err error) { t.Errorf("badge: %v", err) })
	require.NoError(t, err)
	defer b.Close()

	b.Set(0)
	assert.Equal(t, update{"application://jedidesk-desktop.desktop", 0, false}, next(t, updates), "the first count is sent, zero too")
	b.Set(0)
	b.Set(3)
	assert.Equal(t, int64(3), next(t, updates).Count, "the repeated zero was not sent")
}

// failing is a launcher whose bus is gone.
type failing struct {
	mu    sync.Mutex
	tries []int
}

func (f *failing) show(count int) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.tries = append(f.tries, count)
	return errors.New("bus gone")
}

func (f *failing) close() error { return nil }

func TestACountThatCouldNotBeShownIsReportedAndTriedAgain(t *testing.T) {
	f := &failing{}
	errs := make(chan error, 4)
	b := start(f, func(err error) { errs <- err })
	defer b.Close()

	for range 2 {
		b.Set(1)
		select {
		case err := <-errs:
			assert.ErrorContains(t, err, "bus gone")
		case <-time.After(eventually):
			require.FailNow(t, "the failure was not reported")
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	assert.Equal(t, []int{1, 1}, f.tries)
}

func TestWithoutASessionBusThereIsNoBadge(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	b, err := New("jedidesk-desktop.desktop", func(error) {})
	assert.Nil(t, b)
	assert.ErrorContains(t, err, "session bus")
}
