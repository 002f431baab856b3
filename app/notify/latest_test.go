package notify

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// slowServer answers each Notify only once the test lets it.
type slowServer struct {
	answer chan error
	mu     sync.Mutex
	shown  []string
}

func (s *slowServer) Withdraw() error {
	s.mu.Lock()
	s.shown = append(s.shown, "(withdrawn)")
	s.mu.Unlock()
	return <-s.answer
}

func (s *slowServer) Notify(summary, body string, _ bool) (uint32, error) {
	s.mu.Lock()
	s.shown = append(s.shown, body)
	s.mu.Unlock()
	return 1, <-s.answer
}

func (s *slowServer) bodies() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.shown...)
}

func TestABurstOfRepliesShowsTheFirstThenOnlyTheLatest(t *testing.T) {
	for _, tt := range []struct {
		name   string
		answer error
		errors int
	}{
		{"the server shows them", nil, 0},
		{"the server fails", errors.New("no server"), 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := &slowServer{answer: make(chan error)}
			var mu sync.Mutex
			var failed []error
			l := NewLatest(s, func(err error) {
				mu.Lock()
				failed = append(failed, err)
				mu.Unlock()
			})
			defer l.Close()

			l.Post("JediDesk", "reply 1", false)
			require.Eventually(t, func() bool { return len(s.bodies()) == 1 }, 5*time.Second, time.Millisecond, "the first is being sent")
			for i := 2; i <= 1000; i++ {
				l.Post("JediDesk", fmt.Sprintf("reply %d", i), false)
			}
			s.answer <- tt.answer
			require.Eventually(t, func() bool { return len(s.bodies()) == 2 }, 5*time.Second, time.Millisecond)
			s.answer <- tt.answer
			assert.Equal(t, []string{"reply 1", "reply 1000"}, s.bodies(), "the ones in between are replaced before they are shown")
			require.Eventually(t, func() bool {
				mu.Lock()
				defer mu.Unlock()
				return len(failed) == tt.errors
			}, 5*time.Second, time.Millisecond, "each failure is reported")
		})
	}
}

func TestRepliesReadBeforeTheirNotificationWentOutAreNotShown(t *testing.T) {
	s := &slowServer{answer: make(chan error)}
	l := NewLatest(s, func(error) {})
	defer l.Close()

	l.Post("JediDesk", "reply 1", true)
	require.Eventually(t, func() bool { return len(s.bodies()) == 1 }, 5*time.Second, time.Millisecond, "the first is being sent")
	l.Post("JediDesk", "reply 2", true)
	l.Withdraw()
	s.answer <- nil
	require.Eventually(t, func() bool { return len(s.bodies()) == 2 }, 5*time.Second, time.Millisecond)
	s.answer <- nil
	assert.Equal(t, []string{"reply 1", "(withdrawn)"}, s.bodies(), "reply 2 was read before it could be shown")
}
