//go:build unix

package session

import (
	"io"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ended collects what Watch reports.
func ended() (chan string, func(string)) {
	ch := make(chan string, 4)
	return ch, func(reason string) { ch <- reason }
}

func waitEnd(t *testing.T, ch chan string) string {
	t.Helper()
	select {
	case reason := <-ch:
		return reason
	case <-time.After(5 * time.Second):
		t.Fatal("the app was not told to end")
		return ""
	}
}

func TestTheSignalsADesktopSendsEndTheApp(t *testing.T) {
	for _, tt := range []struct {
		sig  syscall.Signal
		want string
	}{
		{syscall.SIGTERM, "received SIGTERM"},
		{syscall.SIGINT, "received SIGINT"},
		{syscall.SIGHUP, "received SIGHUP"},
	} {
		t.Run(tt.want, func(t *testing.T) {
			ch, end := ended()
			w := Watch(end, io.Discard)
			defer w.Close()
			require.NoError(t, syscall.Kill(os.Getpid(), tt.sig))
			assert.Equal(t, tt.want, waitEnd(t, ch))
		})
	}
}

func TestTheAppIsToldToEndOnceHoweverManySignalsArrive(t *testing.T) {
	ch, end := ended()
	w := Watch(end, io.Discard)
	defer w.Close()
	require.NoError(t, syscall.Kill(os.Getpid(), syscall.SIGTERM))
	waitEnd(t, ch)
	require.NoError(t, syscall.Kill(os.Getpid(), syscall.SIGHUP))
	select {
	case reason := <-ch:
		t.Fatalf("told to end a second time: %s", reason)
	case <-time.After(300 * time.Millisecond):
	}
}
