// Package unread counts the support team's messages the user has not seen yet, for the tray's
// badge and tooltip. A message is seen when it arrives in an open chat in a visible window;
// anything else waits until the user next looks at the open chat.
package unread

import "sync"

// Counter is safe for concurrent use: widget events and window changes reach the app on
// different goroutines. The zero value is ready to use.
type Counter struct {
	mu sync.Mutex
	n  int
}

// AgentMessage records a message from the support team (the widget's
// JediDeskManagerSendMessage). It is counted, and worth a notification, only when the user
// cannot be reading it: the window is hidden or the chat is closed.
func (c *Counter) AgentMessage(windowVisible, chatOpen bool) (count int, counted bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if windowVisible && chatOpen {
		return c.n, false
	}
	c.n++
	return c.n, true
}

// View records what the user can see now; call it whenever the window is shown or hidden and
// whenever the chat opens or closes. An open chat in a visible window shows every message, so
// it clears the count; cleared says the count dropped to zero here, i.e. the tray needs updating.
func (c *Counter) View(windowVisible, chatOpen bool) (count int, cleared bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !windowVisible || !chatOpen || c.n == 0 {
		return c.n, false
	}
	c.n = 0
	return 0, true
}

// Count is the number of messages not seen yet.
func (c *Counter) Count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}
