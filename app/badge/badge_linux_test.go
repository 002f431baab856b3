package badge

import (
	"errors"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/brand"
	"jedidesk-desktop/test/launcherwatch"
	"jedidesk-desktop/test/sniwatcher"
)

const eventually = 5 * time.Second

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
			updates := launcherwatch.Listen(t)
			b, err := New(tt.brand.DesktopFile(), strconv.Itoa, func(err error) { t.Errorf("badge: %v", err) })
			require.NoError(t, err)
			defer b.Close()

			for _, want := range []launcherwatch.Update{{App: tt.app, Count: 1, Visible: true}, {App: tt.app, Count: 2, Visible: true}, {App: tt.app, Count: 0, Visible: false}} {
				b.Set(int(want.Count))
				assert.Equal(t, want, launcherwatch.Next(t, updates, eventually))
			}
		})
	}
}

func TestTheSameCountIsNotSentTwice(t *testing.T) {
	sniwatcher.PrivateBus(t)
	updates := launcherwatch.Listen(t)
	b, err := New("jedidesk-desktop.desktop", strconv.Itoa, func(err error) { t.Errorf("badge: %v", err) })
	require.NoError(t, err)
	defer b.Close()

	b.Set(0)
	assert.Equal(t, launcherwatch.Update{App: "application://jedidesk-desktop.desktop", Count: 0, Visible: false}, launcherwatch.Next(t, updates, eventually), "the first count is sent, zero too")
	b.Set(0)
	b.Set(3)
	assert.Equal(t, int64(3), launcherwatch.Next(t, updates, eventually).Count, "the repeated zero was not sent")
}

// failing is a launcher whose bus is gone.
type failing struct {
	mu    sync.Mutex
	tries []int
}

func (f *failing) show(count int, _ string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.tries = append(f.tries, count)
	return errors.New("bus gone")
}

func (f *failing) close() error { return nil }

func TestACountThatCouldNotBeShownIsReportedAndTriedAgain(t *testing.T) {
	f := &failing{}
	errs := make(chan error, 4)
	b := start(f, strconv.Itoa, func(err error) { errs <- err })
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
	b, err := New("jedidesk-desktop.desktop", strconv.Itoa, func(error) {})
	assert.Nil(t, b)
	assert.ErrorContains(t, err, "session bus")
}
