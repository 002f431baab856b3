package widgetcache

import (
	"context"
	"jedidesk-desktop/app/proxy"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// widgetServer is the widget's server: one release at a time, answering as told.
type widgetServer struct {
	*httptest.Server
	mu           sync.Mutex
	body         string
	etag         string
	lastModified string
	cacheControl string
	status       int
	// asked records, per request, the validator the app sent ("" for none).
	asked []string
}

func newWidgetServer(t *testing.T, body string) *widgetServer {
	s := &widgetServer{body: body, etag: `"` + body + `"`, status: http.StatusOK}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.asked = append(s.asked, r.Header.Get("If-None-Match")+r.Header.Get("If-Modified-Since"))
		if s.cacheControl != "" {
			w.Header().Set("Cache-Control", s.cacheControl)
		}
		if s.etag != "" {
			w.Header().Set("ETag", s.etag)
		}
		if s.lastModified != "" {
			w.Header().Set("Last-Modified", s.lastModified)
		}
		w.Header().Set("Content-Type", "text/javascript")
		inm, ims := r.Header.Get("If-None-Match"), r.Header.Get("If-Modified-Since")
		confirmed := s.etag != "" && inm == s.etag || inm == "" && s.lastModified != "" && ims == s.lastModified
		if s.status == http.StatusOK && confirmed {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.WriteHeader(s.status)
		w.Write([]byte(s.body))
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *widgetServer) release(body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.body, s.etag = body, `"`+body+`"`
}

func (s *widgetServer) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.asked
	s.asked = nil
	return out
}

const script = "static/js/main.js"

// fetcher is the app's own (libsoup on Linux): the tests go through it to a real server.
func fetcher(t *testing.T) Fetcher {
	t.Helper()
	f, ok := SystemFetcher(func() proxy.Config { return proxy.Config{Mode: proxy.Direct} })
	if !ok {
		t.Skip("no fetcher on this system: the app keeps no widget files here")
	}
	return f
}

// run is one start of the app: a new cache on the same folder, as a new process has.
func run(t *testing.T, dir string, s *widgetServer) (File, error) {
	t.Helper()
	c := New(dir, fetcher(t))
	c.Prefetch(s.URL + "/")
	f, err := c.Get(context.Background(), s.URL+"/", script)
	c.Wait()
	return f, err
}

func TestEachStartRevalidatesAndANewReleaseIsUsedAtOnce(t *testing.T) {
	dir := t.TempDir()
	s := newWidgetServer(t, "release 1")

	f, err := run(t, dir, s)
	require.NoError(t, err)
	assert.Equal(t, File{Status: http.StatusOK, ContentType: "text/javascript", Body: []byte("release 1")}, f)
	assert.Equal(t, []string{""}, s.requests(), "the first start downloads")

	f, err = run(t, dir, s)
	require.NoError(t, err)
	assert.Equal(t, File{Status: http.StatusOK, ContentType: "text/javascript", Body: []byte("release 1"), Kept: true}, f)
	assert.Equal(t, []string{`"release 1"`}, s.requests(), "the second start asks once whether its copy is current")

	s.release("release 2")
	f, err = run(t, dir, s)
	require.NoError(t, err)
	assert.Equal(t, "release 2", string(f.Body), "a new release is used on the next start")
	assert.False(t, f.Kept)
	assert.Equal(t, []string{`"release 1"`}, s.requests())

	f, err = run(t, dir, s)
	require.NoError(t, err)
	assert.Equal(t, "release 2", string(f.Body))
	assert.True(t, f.Kept, "and kept in place of the old one")
}

func TestWhatCannotBeConfirmedIsNeverServedFromTheCache(t *testing.T) {
	for _, tc := range []struct {
		name string
		// after the first start, the server changes like this
		change   func(s *widgetServer)
		wantErr  bool
		wantBody string
		wantKept bool
		status   int
	}{
		{"the server is unreachable", func(s *widgetServer) { s.Close() }, true, "", false, 0},
		{"the server fails", func(s *widgetServer) { s.status, s.body = http.StatusBadGateway, "bad gateway" }, false, "bad gateway", false, http.StatusBadGateway},
		{"the file is gone", func(s *widgetServer) { s.status, s.body = http.StatusNotFound, "not found" }, false, "not found", false, http.StatusNotFound},
		{"the server confirms it", func(*widgetServer) {}, false, "v1", true, http.StatusOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			s := newWidgetServer(t, "v1")
			_, err := run(t, dir, s)
			require.NoError(t, err)
			s.mu.Lock()
			tc.change(s)
			s.mu.Unlock()
			f, err := run(t, dir, s)
			if tc.wantErr {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.status, f.Status)
			assert.Equal(t, tc.wantBody, string(f.Body))
			assert.Equal(t, tc.wantKept, f.Kept)
		})
	}
}

func TestAGoneFileIsForgotten(t *testing.T) {
	dir := t.TempDir()
	s := newWidgetServer(t, "v1")
	_, err := run(t, dir, s)
	require.NoError(t, err)
	s.mu.Lock()
	s.status, s.body = http.StatusNotFound, "not found"
	s.mu.Unlock()
	_, err = run(t, dir, s)
	require.NoError(t, err)
	s.requests()
	s.mu.Lock()
	s.status, s.body = http.StatusOK, "v1"
	s.mu.Unlock()
	f, err := run(t, dir, s)
	require.NoError(t, err)
	assert.False(t, f.Kept)
	assert.Equal(t, []string{""}, s.requests(), "asked for anew, without a validator")
}

func TestOnlyFilesTheServerLetsKeepAndCanConfirmAreKept(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(s *widgetServer)
		kept  bool
	}{
		{"an ETag", func(*widgetServer) {}, true},
		{"only Last-Modified", func(s *widgetServer) { s.etag, s.lastModified = "", "Mon, 30 Nov 2026 10:00:00 GMT" }, true},
		{"no validator", func(s *widgetServer) { s.etag = "" }, false},
		{"no-store", func(s *widgetServer) { s.cacheControl = "public, no-store" }, false},
		{"no-cache (kept, always revalidated)", func(s *widgetServer) { s.cacheControl = "no-cache" }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			s := newWidgetServer(t, "v1")
			s.mu.Lock()
			tc.setup(s)
			s.mu.Unlock()
			_, err := run(t, dir, s)
			require.NoError(t, err)
			f, err := run(t, dir, s)
			require.NoError(t, err)
			assert.Equal(t, "v1", string(f.Body))
			assert.Equal(t, tc.kept, f.Kept)
		})
	}
}

func TestWithinARunAFileIsRevalidatedOnceUnlessItCannotBeKept(t *testing.T) {
	for _, tc := range []struct {
		name         string
		cacheControl string
		requests     int
	}{
		{"kept", "", 1},
		{"no-store: every load asks", "no-store", 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newWidgetServer(t, "v1")
			s.mu.Lock()
			s.cacheControl = tc.cacheControl
			s.mu.Unlock()
			c := New(t.TempDir(), fetcher(t))
			for range 3 {
				f, err := c.Get(context.Background(), s.URL+"/", script)
				require.NoError(t, err)
				assert.Equal(t, "v1", string(f.Body))
			}
			c.Wait()
			assert.Len(t, s.requests(), tc.requests)
		})
	}
}

func TestADamagedCopyIsDownloadedAgain(t *testing.T) {
	dir := t.TempDir()
	s := newWidgetServer(t, "v1")
	_, err := run(t, dir, s)
	require.NoError(t, err)
	blobs, err := filepath.Glob(filepath.Join(dir, "[0-9a-f]*"))
	require.NoError(t, err)
	require.Len(t, blobs, 1)
	require.NoError(t, os.WriteFile(blobs[0], []byte("v"), 0o600))
	s.requests()

	f, err := run(t, dir, s)
	require.NoError(t, err)
	assert.Equal(t, "v1", string(f.Body))
	assert.Equal(t, []string{""}, s.requests(), "no validator for a copy that is not whole")
}

func TestAnotherWidgetAddressStartsAfresh(t *testing.T) {
	dir := t.TempDir()
	first, second := newWidgetServer(t, "first"), newWidgetServer(t, "second")
	_, err := run(t, dir, first)
	require.NoError(t, err)
	f, err := run(t, dir, second)
	require.NoError(t, err)
	assert.Equal(t, "second", string(f.Body))
	assert.Equal(t, []string{""}, second.requests())
	names, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, names, 2, "the index and one copy: the first address's files are gone")
}

func TestOnlyTheWidgetsBuiltFilesAreServed(t *testing.T) {
	s := newWidgetServer(t, "v1")
	c := New(t.TempDir(), fetcher(t))
	for _, rel := range []string{"api/jsonip", "static/../api/jsonip", "static/js/../../x", "/static/js/main.js", "static//js/main.js"} {
		_, err := c.Get(context.Background(), s.URL+"/", rel)
		assert.Error(t, err, rel)
	}
	assert.Empty(t, s.requests())
	_, err := c.Get(context.Background(), s.URL+"/", "static/media/font.woff2?v=3")
	assert.NoError(t, err, "with a query")
	c.Wait()
}

func TestBase(t *testing.T) {
	for _, tc := range []struct {
		url, want string
		ok        bool
	}{
		{"https://widget.jedidesk.com", "https://widget.jedidesk.com/", true},
		{"http://127.0.0.1:8080/self-hosted//", "http://127.0.0.1:8080/self-hosted/", true},
		{"/demo-widget", "", false},
		{"ftp://example.com", "", false},
	} {
		t.Run(tc.url, func(t *testing.T) {
			base, ok := Base(tc.url)
			assert.Equal(t, tc.want, base)
			assert.Equal(t, tc.ok, ok)
		})
	}
}
