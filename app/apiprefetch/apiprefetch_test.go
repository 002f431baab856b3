package apiprefetch

import (
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/widgetcache"
)

func TestTheWidgetsFirstRequestsAreItsSettingsForItsTokenAndTheVisitorsAddress(t *testing.T) {
	tests := []struct {
		name, base, token string
		want              []string
	}{
		{"JediDesk's API", "https://app.jedidesk.com", "abc123", []string{"https://app.jedidesk.com/api/widget/settings/abc123", "https://app.jedidesk.com/api/jsonip"}},
		{"a self-hosted widget's own host", "http://127.0.0.1:8080", "t", []string{"http://127.0.0.1:8080/api/widget/settings/t", "http://127.0.0.1:8080/api/jsonip"}},
		{"a token with characters a path cannot hold", "https://app.jedidesk.com", "a/b c", []string{"https://app.jedidesk.com/api/widget/settings/a%2Fb%20c", "https://app.jedidesk.com/api/jsonip"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, Requests(tt.base, tt.token))
		})
	}
}

// service answers each URL from answers once release is closed, and counts the requests.
type service struct {
	release chan struct{}
	answers map[string]widgetcache.Response
	mu      sync.Mutex
	asked   []string
	origins []string
}

func newService(answers map[string]widgetcache.Response) *service {
	return &service{release: make(chan struct{}), answers: answers}
}

func (s *service) fetch(u string, header http.Header) (widgetcache.Response, error) {
	s.mu.Lock()
	s.asked = append(s.asked, u)
	s.origins = append(s.origins, header.Get("Origin"))
	s.mu.Unlock()
	<-s.release
	r, ok := s.answers[u]
	if !ok {
		return widgetcache.Response{}, errors.New("connection refused")
	}
	return r, nil
}

const (
	settingsURL = "https://app.jedidesk.com/api/widget/settings/abc"
	jsonipURL   = "https://app.jedidesk.com/api/jsonip"
)

const frame = "wails://widget"

func answered(status int, contentType, body string) widgetcache.Response {
	return widgetcache.Response{Status: status, Header: http.Header{"Content-Type": {contentType}, "Access-Control-Allow-Origin": {"*"}}, Body: []byte(body)}
}

func handedOut(t *testing.T, p *Prefetch, want ...string) {
	t.Helper()
	var got []string
	require.Eventually(t, func() bool {
		got = append(got, p.HandOut(0)...)
		return len(got) >= len(want)
	}, 5*time.Second, 5*time.Millisecond)
	assert.ElementsMatch(t, want, got)
}

func TestAnAnswerIsHandedOutOnceItIsInAndOnlyOnce(t *testing.T) {
	s := newService(map[string]widgetcache.Response{
		settingsURL: answered(200, "application/json", `{"data":{"company":"Acme"}}`),
		jsonipURL:   answered(200, "text/plain", "{\"ip\":\"127.0.0.1\"}\n"),
	})
	p := Start(s.fetch, []string{settingsURL, jsonipURL}, frame)
	assert.Empty(t, p.HandOut(0), "nothing is in yet: the widget asks itself rather than wait")
	close(s.release)
	handedOut(t, p, settingsURL, jsonipURL)
	assert.Empty(t, p.HandOut(0), "a reloaded widget asks the service itself")
	assert.ElementsMatch(t, []string{settingsURL, jsonipURL}, s.asked)
	assert.Equal(t, []string{frame, frame}, s.origins, "asked as the widget's frame asks")
}

func TestAnAnswerTheFramesOriginMayNotReadIsLeftToTheWidget(t *testing.T) {
	tests := []struct {
		name, allowed string
		kept          bool
	}{
		{"any origin", "*", true},
		{"the frame's origin", frame, true},
		{"another origin", "https://www.example.com", false},
		{"no CORS headers at all", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			answer := answered(200, "application/json", "{}")
			answer.Header.Del("Access-Control-Allow-Origin")
			if tt.allowed != "" {
				answer.Header.Set("Access-Control-Allow-Origin", tt.allowed)
			}
			s := newService(map[string]widgetcache.Response{settingsURL: answer})
			close(s.release)
			p := Start(s.fetch, []string{settingsURL}, frame)
			require.Eventually(t, func() bool {
				p.mu.Lock()
				defer p.mu.Unlock()
				r, ok := p.requests[settingsURL]
				return !ok || r.in
			}, 5*time.Second, 5*time.Millisecond)
			assert.Equal(t, tt.kept, len(p.HandOut(0)) == 1)
		})
	}
}

func TestAnAnswerIsServedOnceAndOnlyAfterItWasHandedOut(t *testing.T) {
	s := newService(map[string]widgetcache.Response{
		settingsURL: answered(404, "text/html", "<h1>Not found</h1>"),
	})
	close(s.release)
	p := Start(s.fetch, []string{settingsURL}, frame)
	require.Eventually(t, func() bool { p.mu.Lock(); defer p.mu.Unlock(); return p.requests[settingsURL].in }, 5*time.Second, 5*time.Millisecond)
	_, ok := p.Take(settingsURL)
	assert.False(t, ok, "not handed out: the frame was never told of it")
	assert.Equal(t, []string{settingsURL}, p.HandOut(0))
	got, ok := p.Take(settingsURL)
	require.True(t, ok)
	assert.Equal(t, Answer{Status: 404, ContentType: "text/html", Body: []byte("<h1>Not found</h1>")}, got, "an unknown token's answer too: the app's token check reads it")
	_, ok = p.Take(settingsURL)
	assert.False(t, ok, "served once")
	_, ok = p.Take("https://example.com/anything")
	assert.False(t, ok, "only what the app asked for")
}

func TestARequestThatFailedIsLeftToTheWidget(t *testing.T) {
	s := newService(map[string]widgetcache.Response{
		jsonipURL: {Status: 200, Body: []byte(strings.Repeat("x", maxBody+1))},
	})
	close(s.release)
	p := Start(s.fetch, []string{settingsURL, jsonipURL}, frame)
	require.Eventually(t, func() bool { p.mu.Lock(); defer p.mu.Unlock(); return len(p.requests) == 0 }, 5*time.Second, 5*time.Millisecond)
	assert.Empty(t, p.HandOut(0), "unreachable, or more than an answer can be")
}

func TestAnAnswerTooOldForAStartIsNotHandedOut(t *testing.T) {
	s := newService(map[string]widgetcache.Response{settingsURL: answered(200, "application/json", "{}")})
	close(s.release)
	var mu sync.Mutex
	clock := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	now := func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }
	p := start(s.fetch, []string{settingsURL}, frame, now)
	require.Eventually(t, func() bool { p.mu.Lock(); defer p.mu.Unlock(); return p.requests[settingsURL].in }, 5*time.Second, 5*time.Millisecond)
	mu.Lock()
	clock = clock.Add(maxAge)
	mu.Unlock()
	assert.Empty(t, p.HandOut(0))
}

func TestWithoutAPrefetchNothingIsHandedOut(t *testing.T) {
	var p *Prefetch
	assert.Equal(t, []string{}, p.HandOut(time.Hour), "and no wait")
	_, ok := p.Take(settingsURL)
	assert.False(t, ok)
}

func TestHandingOutWaitsForRequestsInFlightButNotForever(t *testing.T) {
	s := newService(map[string]widgetcache.Response{
		settingsURL: answered(200, "application/json", "{}"),
		jsonipURL:   answered(200, "text/plain", "{}\n"),
	})
	p := Start(s.fetch, []string{settingsURL, jsonipURL}, frame)
	began := time.Now()
	assert.Empty(t, p.HandOut(20*time.Millisecond), "still in flight when the wait is over")
	assert.GreaterOrEqual(t, time.Since(began), 20*time.Millisecond)

	time.AfterFunc(20*time.Millisecond, func() { close(s.release) })
	assert.Equal(t, []string{jsonipURL, settingsURL}, p.HandOut(time.Minute), "in while it waited")
}

func TestHandingOutDoesNotWaitForFailedRequests(t *testing.T) {
	s := newService(nil)
	close(s.release)
	p := Start(s.fetch, []string{settingsURL, jsonipURL}, frame)
	began := time.Now()
	assert.Empty(t, p.HandOut(time.Minute))
	assert.Less(t, time.Since(began), 30*time.Second, "both failed: nothing left to wait for")
}
