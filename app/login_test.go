package app

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/autostart"
)

func TestTheTrayShowsTheLoginEntryAsLastReadWithoutReadingItAgain(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	a, _, _ := newApp(t, nil, Overrides{})
	on, err := a.login.known()
	require.NoError(t, err)
	assert.False(t, on)

	require.NoError(t, autostart.Enable(a.login.entry))
	on, _ = a.login.known()
	assert.False(t, on, "a change made elsewhere shows once the entry is read again")
	on, _ = a.preferences.StartAtLogin()
	assert.True(t, on)
	on, _ = a.login.known()
	assert.True(t, on)

	require.NoError(t, a.preferences.SetStartAtLogin(false))
	on, _ = a.login.known()
	assert.False(t, on, "a change the app made shows at once")
}
