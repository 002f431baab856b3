package tokencheck

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTheServiceIsAskedWhatTheWidgetWouldAsk(t *testing.T) {
	var asked string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked = r.Method + " " + r.URL.EscapedPath()
		w.Write([]byte(`{"data":{"company":"Acme Support"}}`))
	}))
	defer srv.Close()
	got := Check(context.Background(), srv.Client(), srv.URL, "tok/../1")
	assert.Equal(t, "GET /api/widget/settings/tok%2F..%2F1", asked, "the token is one path segment")
	assert.Equal(t, Result{Verdict: Recognised, Company: "Acme Support"}, got)
}

func TestWhatTheServiceAnswersDecidesTheVerdict(t *testing.T) {
	tests := []struct {
		name    string
		status  int
		body    string
		verdict Verdict
		company string
	}{
		{"a company by name", 200, `{"data":{"company":"Acme"}}`, Recognised, "Acme"},
		{"a company object", 200, `{"data":{"company":{"id":3,"name":"Acme"}}}`, Recognised, "Acme"},
		{"a company without a name", 200, `{"data":{"company":{"id":3}}}`, Recognised, ""},
		{"404", 404, `{"message":"not found"}`, NotRecognised, ""},
		{"500", 500, `oops`, NotRecognised, ""},
		{"not JSON", 200, `<html>JediDesk</html>`, NotRecognised, ""},
		{"no data", 200, `{"status":"ok"}`, NotRecognised, ""},
		{"no company", 200, `{"data":{"title":"JediDesk"}}`, NotRecognised, ""},
		{"a null company", 200, `{"data":{"company":null}}`, NotRecognised, ""},
		{"an empty company", 200, `{"data":{"company":""}}`, NotRecognised, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(tt.status)
				w.Write([]byte(tt.body))
			}))
			defer srv.Close()
			got := Check(context.Background(), srv.Client(), srv.URL, "t")
			assert.Equal(t, tt.verdict, got.Verdict)
			assert.Equal(t, tt.company, got.Company)
		})
	}
}

func TestAServiceThatDoesNotAnswerIsUnreachableNotAVerdictOnTheToken(t *testing.T) {
	hang := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-hang:
		case <-r.Context().Done():
		}
	}))
	defer slow.Close()
	defer close(hang)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	got := Check(ctx, slow.Client(), slow.URL, "t")
	assert.Equal(t, Unreachable, got.Verdict)
	require.Error(t, got.Err)

	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	got = Check(context.Background(), http.DefaultClient, closed.URL, "t")
	assert.Equal(t, Unreachable, got.Verdict)
	assert.True(t, strings.Contains(got.Err.Error(), "did not answer"))
}

func TestTheAPIHostFollowsTheWidget(t *testing.T) {
	tests := []struct{ widget, api string }{
		{"https://widget.jedidesk.com", JediDeskAPI},
		{"https://WIDGET.jedidesk.com/", JediDeskAPI},
		{"https://chat.acme.example/jd", "https://chat.acme.example"},
		{"http://127.0.0.1:8123", "http://127.0.0.1:8123"},
	}
	for _, tt := range tests {
		t.Run(tt.widget, func(t *testing.T) {
			got, err := APIBase(tt.widget)
			require.NoError(t, err)
			assert.Equal(t, tt.api, got)
		})
	}
	_, err := APIBase("/demo-widget")
	assert.Error(t, err)
}
