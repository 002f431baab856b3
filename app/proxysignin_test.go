package app

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/proxy"
)

func TestASignInGoesOnlyToTheProxyItWasGivenFor(t *testing.T) {
	s := proxySignIn{user: "alice", password: "pw", host: "proxy.corp.example:3128"}
	given, err := proxy.Parse("http://proxy.corp.example:3128", nil)
	require.NoError(t, err)
	other, err := proxy.Parse("http://other.corp.example:3128", nil)
	require.NoError(t, err)
	user, _, ok := s.with(given).SignInFor()
	assert.True(t, ok)
	assert.Equal(t, "alice", user)
	_, _, ok = s.with(other).SignInFor()
	assert.False(t, ok, "a new proxy in the settings asks for its own")
}
