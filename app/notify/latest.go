package notify

import "sync"

// sender is what Latest needs of a Notifier.
type sender interface {
	Notify(summary, body string, keep bool) (uint32, error)
	Withdraw() error
}

// Latest sends notifications one at a time on a goroutine of its own, and while one is being
// sent keeps only the latest of those that come in: each would replace the one before anyway,
// and a burst of replies must not wait in line, one goroutine and one message text each, for a
// slow notification server.
type Latest struct {
	to      sender
	onError func(error)
	wake    chan struct{}
	stop    chan struct{}
	done    chan struct{}

	mu   sync.Mutex
	next *note
	// withdraw: take the notification down (the replies were read); a later Post undoes it.
	withdraw bool
}

type note struct {
	summary, body string
	keep          bool
}

// NewLatest starts sending through to; onError hears each notification that could not be shown.
func NewLatest(to sender, onError func(error)) *Latest {
	l := &Latest{to: to, onError: onError, wake: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	go l.run()
	return l
}

// Post has summary and body shown as soon as the notification before it is out; it does not
// wait. A notification posted meanwhile takes its place. keep: see Notifier.Notify.
func (l *Latest) Post(summary, body string, keep bool) {
	l.mu.Lock()
	l.next, l.withdraw = &note{summary, body, keep}, false
	l.mu.Unlock()
	l.poke()
}

// Withdraw takes the notification down, and drops one not yet shown; it does not wait.
func (l *Latest) Withdraw() {
	l.mu.Lock()
	l.next, l.withdraw = nil, true
	l.mu.Unlock()
	l.poke()
}

func (l *Latest) poke() {
	select {
	case l.wake <- struct{}{}:
	default: // already woken; the run loop will read the latest
	}
}

func (l *Latest) run() {
	defer close(l.done)
	for {
		select {
		case <-l.wake:
		case <-l.stop:
			return
		}
		l.mu.Lock()
		n, withdraw := l.next, l.withdraw
		l.next, l.withdraw = nil, false
		l.mu.Unlock()
		var err error
		switch {
		case n != nil:
			_, err = l.to.Notify(n.summary, n.body, n.keep)
		case withdraw:
			err = l.to.Withdraw()
		}
		if err != nil {
			l.onError(err)
		}
	}
}

// Close stops sending, once the notification being sent (if any) is out; later posts are
// dropped.
func (l *Latest) Close() {
	close(l.stop)
	<-l.done
}
