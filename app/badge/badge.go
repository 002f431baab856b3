// Package badge shows the number of unread replies on the app's launcher icon (a dock, a
// taskbar, a panel's app list), so a reply is seen while the window is hidden and the tray,
// if any, is out of sight. On Linux it speaks the Unity launcher-entry protocol, which
// Ubuntu's dock, KDE's task manager, Plank and others follow; on Windows it is an overlay icon
// on the taskbar button (built and vetted, not run here); macOS shows nothing yet.
package badge

import "sync"

// launcher is one system's way to put a count on the app's icon; description is the count in
// the user's words, for systems that read it out.
type launcher interface {
	show(count int, description string) error
	close() error
}

// Badge puts the latest count on the icon from a goroutine of its own, so that callers holding
// the app's locks never wait for the session bus; counts that come faster than the bus takes
// them are coalesced into the latest.
type Badge struct {
	to       launcher
	describe func(count int) string
	onError  func(error)
	wake     chan struct{}
	stop     chan struct{}
	done     chan struct{}

	mu    sync.Mutex
	next  int
	shown int
}

// New starts a badge for the app whose installed desktop file is desktopFile (e.g.
// "jedidesk-desktop.desktop"); launchers find the app's icon by it. describe says a count in
// the user's language ("3 unread messages"); onError hears each count that could not be shown.
func New(desktopFile string, describe func(count int) string, onError func(error)) (*Badge, error) {
	to, err := newLauncher(desktopFile)
	if err != nil {
		return nil, err
	}
	return start(to, describe, onError), nil
}

func start(to launcher, describe func(int) string, onError func(error)) *Badge {
	// shown starts unknown: the first count is always sent, so a badge left behind by a
	// previous run that ended abruptly is corrected.
	b := &Badge{to: to, describe: describe, onError: onError, wake: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{}), shown: -1}
	go b.run()
	return b
}

// Set has count shown on the icon, zero hiding the badge; it does not wait.
func (b *Badge) Set(count int) {
	b.mu.Lock()
	b.next = count
	b.mu.Unlock()
	select {
	case b.wake <- struct{}{}:
	default: // already woken: the run loop reads next
	}
}

func (b *Badge) run() {
	defer close(b.done)
	for {
		select {
		case <-b.wake:
		case <-b.stop:
			return
		}
		b.mu.Lock()
		count, same := b.next, b.next == b.shown
		b.mu.Unlock()
		if same {
			continue
		}
		if err := b.to.show(count, b.describe(count)); err != nil {
			b.onError(err)
			continue
		}
		b.mu.Lock()
		b.shown = count
		b.mu.Unlock()
	}
}

// Close stops showing counts once the one on its way (if any) is out and disconnects. The
// badge is left as it was: a launcher drops it when the app's bus connection goes.
func (b *Badge) Close() error {
	close(b.stop)
	<-b.done
	return b.to.close()
}
