package app

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/proxy"
	"jedidesk-desktop/app/widget"
	"jedidesk-desktop/app/widgetcache"
)

func TestTheWindowNamesWhatStoodBetweenTheAppAndTheWidgetsServer(t *testing.T) {
	viaProxy, err := proxy.Parse("http://proxy.corp.example:3128", []string{"intranet.example"})
	require.NoError(t, err)
	direct := proxy.Config{Mode: proxy.Direct}
	netErr := func(kind widgetcache.FailureKind) error { return &widgetcache.NetworkError{Kind: kind, Message: "x"} }
	tests := []struct {
		name   string
		err    error
		status int
		base   string
		via    proxy.Config
		want   string
	}{
		{"a name that does not resolve", netErr(widgetcache.NameNotFound), 0, "https://widget.jedidesk.com", direct, widget.FailureNameNotFound},
		{"a server that takes no connection", netErr(widgetcache.NoConnection), 0, "https://widget.jedidesk.com", direct, widget.FailureServerDown},
		{"through a proxy, no connection is the proxy's", netErr(widgetcache.NoConnection), 0, "https://widget.jedidesk.com", viaProxy, widget.FailureProxyUnreachable},
		{"through a proxy, a name that does not resolve is the proxy's", netErr(widgetcache.NameNotFound), 0, "https://widget.jedidesk.com", viaProxy, widget.FailureProxyUnreachable},
		{"a bypassed host is reached directly", netErr(widgetcache.NoConnection), 0, "https://chat.intranet.example", viaProxy, widget.FailureServerDown},
		{"the proxy failed the request", netErr(widgetcache.ProxyFailed), 0, "https://widget.jedidesk.com", direct, widget.FailureProxyUnreachable},
		{"a gateway's error is a server down", nil, 502, "https://widget.jedidesk.com", viaProxy, widget.FailureServerDown},
		{"a certificate no authority vouches for", netErr(widgetcache.NotTrusted), 0, "https://widget.jedidesk.com", viaProxy, widget.FailureNotTrusted},
		{"TLS and the like say nothing more", netErr(widgetcache.OtherFailure), 0, "https://widget.jedidesk.com", direct, ""},
		{"an error that is not the network's", errors.New("disk full"), 0, "https://widget.jedidesk.com", direct, ""},
		{"an answer", nil, 200, "https://widget.jedidesk.com", direct, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, failureOf(tt.err, tt.status, tt.base, tt.via))
		})
	}
}

func TestTheFramesScriptErrorBecomesWhatTheAppSaw(t *testing.T) {
	var n networkFailure
	assert.Equal(t, widget.FailureScriptError, n.reason(widget.FailureScriptError), "nothing seen")
	n.saw(widget.FailureServerDown)
	n.saw(widget.FailureNameNotFound)
	assert.Equal(t, widget.FailureServerDown, n.reason(widget.FailureScriptError), "the first seen")
	assert.Equal(t, widget.FailureTimeout, n.reason(widget.FailureTimeout), "only a script that did not arrive")
	n.saw(widget.FailureProxyRefused)
	assert.Equal(t, widget.FailureProxyRefused, n.reason(widget.FailureScriptError), "the one the user can answer")
	n.pageLoaded()
	assert.Equal(t, widget.FailureScriptError, n.reason(widget.FailureScriptError))
}
