package csp

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func directives(policy string) map[string]string {
	out := map[string]string{}
	for _, d := range strings.Split(policy, "; ") {
		name, value, _ := strings.Cut(d, " ")
		out[name] = value
	}
	return out
}

func TestScriptsComeOnlyFromTheAppAndTheWidgetHost(t *testing.T) {
	tests := []struct {
		widgetURL, scripts string
	}{
		{"https://widget.jedidesk.com", "'self' https://widget.jedidesk.com"},
		{"http://127.0.0.1:8123", "'self' http://127.0.0.1:8123"},
		{"https://cdn.example.com/jd/widget", "'self' https://cdn.example.com"},
		{"/demo-widget", "'self'"},
		{"javascript:alert(1)", "'self'"},
	}
	for _, tt := range tests {
		t.Run(tt.widgetURL, func(t *testing.T) {
			d := directives(Policy(tt.widgetURL))
			assert.Equal(t, tt.scripts, d["script-src"])
		})
	}
}

func TestThePolicyNeverAllowsEvalOrInlineScript(t *testing.T) {
	p := Policy("https://widget.jedidesk.com")
	assert.NotContains(t, p, "unsafe-eval")
	assert.NotContains(t, directives(p)["script-src"], "unsafe-inline")
	assert.Equal(t, "'none'", directives(p)["object-src"])
	assert.Equal(t, "'none'", directives(p)["base-uri"])
}

func TestTheWidgetCanReachItsOwnServices(t *testing.T) {
	d := directives(Policy("https://widget.jedidesk.com"))
	assert.Contains(t, d["connect-src"], "wss://app.jedidesk.com")
	assert.Contains(t, d["connect-src"], "https://app.jedidesk.com")
	assert.Contains(t, d["connect-src"], "https://widget.jedidesk.com")
	assert.Contains(t, d["font-src"], "https://fonts.gstatic.com")
	assert.Contains(t, d["style-src"], "https://fonts.googleapis.com")
	assert.Contains(t, d["img-src"], "https://*.giphy.com")
}

func TestASelfHostedWidgetMayOpenItsChatSocketOnItsOwnHost(t *testing.T) {
	tests := []struct {
		widgetURL string
		allowed   []string
		refused   []string
	}{
		{"https://chat.acme.example/jd", []string{"wss://chat.acme.example"}, []string{"ws://chat.acme.example"}},
		{"http://127.0.0.1:8123", []string{"ws://127.0.0.1:8123", "wss://127.0.0.1:8123"}, nil},
		{"/demo-widget", nil, []string{"ws://", "wss://wails"}},
		{"javascript:alert(1)", nil, []string{"ws://", "wss://alert"}},
	}
	for _, tt := range tests {
		t.Run(tt.widgetURL, func(t *testing.T) {
			connect := strings.Fields(directives(Policy(tt.widgetURL))["connect-src"])
			for _, a := range tt.allowed {
				assert.Contains(t, connect, a)
			}
			for _, r := range tt.refused {
				for _, c := range connect {
					assert.False(t, strings.HasPrefix(c, r), "%s allows %s", tt.widgetURL, c)
				}
			}
			assert.Contains(t, connect, "wss://app.jedidesk.com", "JediDesk's own chat socket stays allowed")
		})
	}
}

func TestTheAppPageLoadsOnlyItsOwnFilesAndFramesOnlyTheWidgetFrame(t *testing.T) {
	d := directives(AppPolicy("wails://widget"))
	for _, name := range []string{"default-src", "script-src", "style-src"} {
		assert.Equal(t, "'self'", d[name], name)
	}
	assert.Equal(t, "'self'", d["connect-src"], "the widget's hosts are the frame's business")
	assert.Equal(t, "wails://widget", d["frame-src"])
	assert.Equal(t, "'none'", d["frame-ancestors"])
	assert.Equal(t, "'self' http://127.0.0.1:9", directives(AppPolicy("wails://widget", "http://127.0.0.1:9"))["connect-src"])
}

func TestOnlyTheAppPageMayFrameTheWidgetFrame(t *testing.T) {
	d := directives(FramePolicy("https://widget.jedidesk.com", "wails://wails"))
	assert.Equal(t, "wails://wails", d["frame-ancestors"])
	assert.Equal(t, "'self' https://widget.jedidesk.com", d["script-src"])
}

func TestTheWidgetsAPIOriginsAreOnesItsFrameMayConnectTo(t *testing.T) {
	for _, tc := range []struct {
		widgetURL string
		want      []string
	}{
		{"https://widget.jedidesk.com", []string{"https://app.jedidesk.com"}},
		{"https://self.example.com/jd/", []string{"https://app.jedidesk.com", "https://self.example.com"}},
		{"http://127.0.0.1:8080", []string{"https://app.jedidesk.com", "http://127.0.0.1:8080"}},
		{"/demo-widget", []string{"https://app.jedidesk.com"}},
	} {
		t.Run(tc.widgetURL, func(t *testing.T) {
			got := APIOrigins(tc.widgetURL)
			assert.Equal(t, tc.want, got)
			connect := strings.Fields(directives(FramePolicy(tc.widgetURL, "wails://wails"))["connect-src"])
			for _, origin := range got {
				assert.Contains(t, connect, origin, "connect-src allows it")
			}
		})
	}
}
