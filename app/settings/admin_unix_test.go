//go:build !windows && !darwin

package settings_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/settings"
)

func TestTheAdministratorsFileIsTheSystemOnesUnlessTheEnvironmentNamesAnother(t *testing.T) {
	t.Setenv(settings.AdminPathEnv, "")
	path, err := settings.AdminPath("com.acme.support")
	require.NoError(t, err)
	assert.Equal(t, "/etc/com.acme.support/settings.json", path)

	t.Setenv(settings.AdminPathEnv, "/tmp/admin.json")
	path, err = settings.AdminPath("com.acme.support")
	require.NoError(t, err)
	assert.Equal(t, "/tmp/admin.json", path)
}
