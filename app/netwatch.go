package app

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// EventNetwork tells the page whether the widget's server answers (NetworkStatus), while the
// chat could not load.
const EventNetwork = "ui:network"

// NetworkStatus is what the last check found.
type NetworkStatus struct {
	// Online: the widget's server answered the app's request.
	Online bool `json:"online"`
}

const (
	// netCheckEvery is the pause between checks while the chat cannot load: the chat is back
	// at most this long after its server is.
	netCheckEvery = 3 * time.Second
	// netCheckTimeout bounds one check.
	netCheckTimeout = 3 * time.Second
)

// netWatch checks, while the chat cannot load, whether the widget's server answers: one small
// request every few seconds and at once when the desktop's network changes, never a page
// reload; the page reloads when the server answers again (frontend/src/page/main.ts).
type netWatch struct {
	app *App

	mu      sync.Mutex
	stop    chan struct{}
	changed chan struct{}
	online  *bool
}

// start checks until stopped; a second start while running does nothing, and so does one for
// the bundled demo, which needs no network.
func (w *netWatch) start() {
	if w.app.source().Demo {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.stop != nil {
		return
	}
	if w.changed == nil {
		w.changed = make(chan struct{}, 1)
	}
	w.stop = make(chan struct{})
	w.online = nil
	go w.loop(w.stop, w.changed)
}

// stopWatching: a new page is loading the chat.
func (w *netWatch) stopWatching() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.stop != nil {
		close(w.stop)
		w.stop = nil
	}
}

// networkChanged is the desktop's word that the network changed: check now.
func (w *netWatch) networkChanged() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.changed == nil {
		w.changed = make(chan struct{}, 1)
	}
	select {
	case w.changed <- struct{}{}:
	default:
	}
}

func (w *netWatch) loop(stop, changed <-chan struct{}) {
	tick := time.NewTicker(netCheckEvery)
	defer tick.Stop()
	for {
		w.report(w.check())
		select {
		case <-stop:
			return
		case <-tick.C:
		case <-changed:
		}
	}
}

// check asks the widget's server for its address's root through the proxy in effect: any
// answer of its own is a server that is up (a proxy's 407 or gateway error is not).
func (w *netWatch) check() bool {
	src := w.app.source()
	ctx, cancel := context.WithTimeout(context.Background(), netCheckTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, src.WidgetURL+"/", nil)
	if err != nil {
		return false
	}
	resp, err := w.app.settings.http.Do(req)
	if err != nil {
		return false
	}
	resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusProxyAuthRequired, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return false
	}
	return true
}

// report tells the page and the log when the answer changes.
func (w *netWatch) report(online bool) {
	w.mu.Lock()
	same := w.online != nil && *w.online == online
	w.online = &online
	w.mu.Unlock()
	if same {
		return
	}
	word := "does not answer"
	if online {
		word = "answers"
	}
	fmt.Fprintln(w.app.log, "jedidesk-desktop: network: the widget's server", word)
	w.app.page.emit(EventNetwork, NetworkStatus{Online: online})
}
