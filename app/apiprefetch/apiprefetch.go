// Package apiprefetch starts the widget's first two API requests as the app starts: its
// settings (GET api/widget/settings/{token}) and the visitor's address (a synchronous
// GET api/jsonip), which it makes only once its 0.7 MB script has run. With the script kept on
// disk (app/widgetcache), those two round trips are what a second start waits for on a slow
// network; started with the app, they are usually answered before the webview has drawn the
// page.
//
// The requests carry the widget frame's Origin, as the widget's own would, and an answer is kept
// only if the service lets that origin read it (Access-Control-Allow-Origin), as the webview
// would: a service that refuses the frame's origin refuses the widget as before, not only
// later requests.
//
// An answer is the visitor's own and is never kept past its one use: each is handed to the
// widget's frame once (HandOut), and served to it once (Take); a reloaded widget asks the
// service itself. Only answers that are in are handed out, so the widget never waits for a
// request of the app's that may still fail: HandOut waits a little for those in flight, and
// whatever is not in by then goes out as the widget's own request, as without this package.
package apiprefetch

import (
	"net/http"
	"net/url"
	"slices"
	"sync"
	"time"

	"jedidesk-desktop/app/widgetcache"
)

// Route is the path, on the widget frame's own origin, where the frame asks for an answer
// (with the widget's URL in the query's "url").
const Route = "/early-answer"

// Paths of the widget's first requests under its API's origin (the widget contract).
const (
	settingsPath = "/api/widget/settings/"
	jsonipPath   = "/api/jsonip"
)

const (
	// maxBody bounds a kept answer: the settings are a few kilobytes.
	maxBody = 1 << 20
	// maxAge is how long after it arrived an answer is still handed out: it stands in for a
	// request the widget makes at start, not for one after a reload much later.
	maxAge = 30 * time.Second
)

// Requests are the URLs the widget whose API is at apiBase (an origin, see
// tokencheck.APIBase) requests first with token.
func Requests(apiBase, token string) []string {
	return []string{apiBase + settingsPath + url.PathEscape(token), apiBase + jsonipPath}
}

// Answer is what the service answered one request.
type Answer struct {
	Status      int
	ContentType string
	Body        []byte
}

type request struct {
	answer Answer
	at     time.Time
	// in: the answer arrived (a failed request never is); handed: the frame has been told.
	in, handed bool
}

// Prefetch is the requests of one start. Create it with Start.
type Prefetch struct {
	now func() time.Time
	// settled is closed once every request has its answer or has failed.
	settled  chan struct{}
	mu       sync.Mutex
	requests map[string]*request
}

// Start sends a GET for each of urls with fetch, in the background, as the widget's frame at
// origin would.
func Start(fetch widgetcache.Fetcher, urls []string, origin string) *Prefetch {
	return start(fetch, urls, origin, time.Now)
}

func start(fetch widgetcache.Fetcher, urls []string, origin string, now func() time.Time) *Prefetch {
	p := &Prefetch{now: now, settled: make(chan struct{}), requests: map[string]*request{}}
	var flying sync.WaitGroup
	flying.Add(len(urls))
	go func() {
		flying.Wait()
		close(p.settled)
	}()
	started := make([]*request, len(urls))
	for i, u := range urls {
		started[i] = &request{}
		p.requests[u] = started[i]
	}
	for i, u := range urls {
		r := started[i]
		go func() {
			defer flying.Done()
			resp, err := fetch(u, http.Header{"Accept": {"*/*"}, "Origin": {origin}})
			if err != nil || len(resp.Body) > maxBody || !readableBy(resp.Header, origin) {
				// The widget will ask itself, and see the failure as it would have.
				p.forget(u)
				return
			}
			p.mu.Lock()
			defer p.mu.Unlock()
			r.answer = Answer{Status: resp.Status, ContentType: resp.Header.Get("Content-Type"), Body: resp.Body}
			r.in, r.at = true, p.now()
		}()
	}
	return p
}

// readableBy is the webview's check of a cross-origin answer to a request without credentials.
func readableBy(h http.Header, origin string) bool {
	allowed := h.Get("Access-Control-Allow-Origin")
	return allowed == "*" || allowed == origin
}

func (p *Prefetch) forget(u string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.requests, u)
}

// HandOut waits until every request has its answer or has failed, but no longer than wait,
// and returns the URLs whose answers are in, recent and were not handed out before, for the
// widget's frame to ask Route for instead of the service. A nil Prefetch has none.
func (p *Prefetch) HandOut(wait time.Duration) []string {
	if p == nil {
		return []string{}
	}
	timer := time.NewTimer(wait)
	select {
	case <-p.settled:
	case <-timer.C:
	}
	timer.Stop()
	p.mu.Lock()
	defer p.mu.Unlock()
	urls := []string{}
	for u, r := range p.requests {
		if r.in && !r.handed && p.now().Sub(r.at) < maxAge {
			r.handed = true
			urls = append(urls, u)
		}
	}
	slices.Sort(urls)
	return urls
}

// Take returns the answer to u, once, if it was handed out.
func (p *Prefetch) Take(u string) (Answer, bool) {
	if p == nil {
		return Answer{}, false
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	r, ok := p.requests[u]
	if !ok || !r.handed {
		return Answer{}, false
	}
	delete(p.requests, u)
	return r.answer, true
}
