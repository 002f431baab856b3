// Package session ends the app when the desktop ends it: a SIGTERM (what a logout, a shutdown or
// `kill` sends), SIGINT (Ctrl+C in a terminal), SIGHUP (the terminal closed) and, on Linux, the
// session manager's end of session or logind's shutdown announcement. The app then quits as its
// Quit does, whatever the window's close button is set to: a hide-to-tray there would leave a
// process nobody can reach while the desktop waits for it.
package session

import (
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// AppID is the name the app registers under with a session manager: its desktop entry's.
const AppID = "jedidesk-desktop"

// Watcher hears the desktop ending the app until Close.
type Watcher struct {
	end     func(reason string)
	once    sync.Once
	signals chan os.Signal
	stopped chan struct{}
	manager io.Closer
}

// Watch calls end once, on its own goroutine, with the reason in words for the log, when a
// signal arrives or the session manager ends the session. Problems reaching a session manager
// are written to log; where there is none, the signals still end the app.
func Watch(end func(reason string), log io.Writer) *Watcher {
	w := &Watcher{end: end, signals: make(chan os.Signal, 1), stopped: make(chan struct{})}
	// Wails v2 also takes SIGTERM and SIGINT, but only as a close of the window (which may
	// hide it) and only the first one; SIGHUP it leaves to kill the process with no clean-up.
	signal.Notify(w.signals, syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP)
	go w.listen()
	w.manager = listenToManager(w.ending, log)
	return w
}

func (w *Watcher) listen() {
	for {
		select {
		case sig := <-w.signals:
			w.ending("received " + signalName(sig))
		case <-w.stopped:
			return
		}
	}
}

func (w *Watcher) ending(reason string) {
	w.once.Do(func() { go w.end(reason) })
}

// Close stops listening and tells the session manager, if any, that the app is done: call it
// last in the app's clean-up, since a session manager that asked the app to end takes that as
// the go-ahead.
func (w *Watcher) Close() error {
	signal.Stop(w.signals)
	close(w.stopped)
	return w.manager.Close()
}

func signalName(sig os.Signal) string {
	switch sig {
	case syscall.SIGTERM:
		return "SIGTERM"
	case syscall.SIGINT:
		return "SIGINT"
	case syscall.SIGHUP:
		return "SIGHUP"
	}
	return sig.String()
}
