package unread

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// step is one thing that happens to the counter: a message arrives (message) or the user's view
// changes, each with whether the window is visible and the chat open at that moment. wantFlag
// is what AgentMessage says as counted, or View as cleared.
type step struct {
	message       bool
	visible, open bool
	wantCount     int
	wantFlag      bool
}

func msg(visible, open bool, count int, counted bool) step {
	return step{message: true, visible: visible, open: open, wantCount: count, wantFlag: counted}
}

func view(visible, open bool, count int, cleared bool) step {
	return step{visible: visible, open: open, wantCount: count, wantFlag: cleared}
}

func TestCounter(t *testing.T) {
	tests := []struct {
		name  string
		steps []step
	}{
		{"a message read in an open chat in a visible window is not counted", []step{
			msg(true, true, 0, false),
			msg(true, true, 0, false),
		}},
		{"messages to a hidden window are counted even with the chat open", []step{
			msg(false, true, 1, true),
			msg(false, true, 2, true),
			msg(false, false, 3, true),
		}},
		{"messages to a visible window with the chat closed are counted", []step{
			msg(true, false, 1, true),
			msg(true, false, 2, true),
		}},
		{"showing the window with the chat open clears the count", []step{
			msg(false, true, 1, true),
			msg(false, true, 2, true),
			view(true, true, 0, true),
			msg(true, true, 0, false),
		}},
		{"showing the window with the chat closed keeps the count", []step{
			msg(false, false, 1, true),
			view(true, false, 1, false),
			msg(true, false, 2, true),
		}},
		{"opening the chat in a hidden window keeps the count", []step{
			msg(false, false, 1, true),
			view(false, true, 1, false),
		}},
		{"opening the chat in a visible window clears the count", []step{
			msg(true, false, 1, true),
			view(true, true, 0, true),
		}},
		{"viewing with nothing unread clears nothing", []step{
			view(true, true, 0, false),
		}},
		{"hiding the window after reading starts counting again from one", []step{
			msg(false, false, 1, true),
			view(true, true, 0, true),
			view(false, true, 0, false),
			msg(false, true, 1, true),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c Counter
			for i, s := range tt.steps {
				var count int
				var flag bool
				if s.message {
					count, flag = c.AgentMessage(s.visible, s.open)
				} else {
					count, flag = c.View(s.visible, s.open)
				}
				require.Equal(t, s.wantCount, count, "count after step %d", i)
				require.Equal(t, s.wantFlag, flag, "counted/cleared at step %d", i)
				require.Equal(t, s.wantCount, c.Count(), "Count() after step %d", i)
			}
		})
	}
}

func TestConcurrentMessagesAreAllCounted(t *testing.T) {
	var c Counter
	var wg sync.WaitGroup
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.AgentMessage(false, false)
		}()
	}
	wg.Wait()
	assert.Equal(t, 50, c.Count())
}
