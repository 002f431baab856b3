package standin

import (
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func get(t *testing.T, url string, header http.Header) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	require.NoError(t, err)
	req.Header = header
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, body
}

func TestHeavyModeServesTheRealWidgetsWeightAndRequests(t *testing.T) {
	s := start(t, Options{Heavy: true, Release: "r1"})
	for _, tc := range []struct {
		path        string
		size        int // 0: only non-empty
		contentType string
		cacheable   bool
	}{
		{"/static/js/main.js", HeavyScriptBytes, "text/javascript; charset=utf-8", true},
		{"/static/css/index_bundle.css", HeavyCSSBytes, "text/css; charset=utf-8", true},
		{"/static/media/jd-sans-400.woff2", heavyFontBytes, "font/woff2", true},
		{"/static/media/avatar.png", 0, "image/png", true},
		{"/api/widget/settings/T1", 0, "application/json", false},
		{"/api/jsonip", 0, "text/plain", false},
	} {
		t.Run(tc.path, func(t *testing.T) {
			resp, body := get(t, s.URL+tc.path, nil)
			require.Equal(t, http.StatusOK, resp.StatusCode)
			if tc.size > 0 {
				assert.Len(t, body, tc.size)
			}
			assert.NotEmpty(t, body)
			assert.Equal(t, tc.contentType, resp.Header.Get("Content-Type"))
			if tc.cacheable {
				assert.NotEmpty(t, resp.Header.Get("ETag"))
				assert.NotEmpty(t, resp.Header.Get("Last-Modified"))
				assert.Empty(t, resp.Header.Get("Cache-Control"), "a plain static server sets none")
			} else {
				assert.Equal(t, "no-store", resp.Header.Get("Cache-Control"))
			}
		})
	}
	requests := map[string]int{}
	for _, r := range s.Records() {
		if r.Type == "request" {
			requests[r.Name] = r.Status
		}
	}
	assert.Equal(t, map[string]int{
		"/static/js/main.js": 200, "/static/css/index_bundle.css": 200, "/static/media/jd-sans-400.woff2": 200,
		"/static/media/avatar.png": 200, "/api/widget/settings/T1": 200, "/api/jsonip": 200,
	}, requests)
}

func TestHeavyModeAnswersRevalidationsUntilANewRelease(t *testing.T) {
	first := start(t, Options{Heavy: true, Release: "r1"})
	resp, script := get(t, first.URL+"/static/js/main.js", nil)
	etag := resp.Header.Get("ETag")
	assert.Contains(t, string(script), `var release = "r1";`)

	again, body := get(t, first.URL+"/static/js/main.js", http.Header{"If-None-Match": {etag}})
	assert.Equal(t, http.StatusNotModified, again.StatusCode)
	assert.Empty(t, body)

	next := start(t, Options{Heavy: true, Release: "r2"})
	changed, body := get(t, next.URL+"/static/js/main.js", http.Header{"If-None-Match": {etag}})
	assert.Equal(t, http.StatusOK, changed.StatusCode, "a new release is a new file")
	assert.NotEqual(t, etag, changed.Header.Get("ETag"))
	assert.Contains(t, string(body), `var release = "r2";`)
	assert.Len(t, body, HeavyScriptBytes)
}
