package keyring

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestEachAppAndProxyHasAnEntryOfItsOwn(t *testing.T) {
	assert.Equal(t, "com.acme.support proxy proxy.acme.example:3128", service("com.acme.support", "proxy.acme.example:3128"))
	assert.NotEqual(t, service("com.acme.support", "a:1"), service("com.jedidesk.desktop", "a:1"))
}
