package ipcgate

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestOnlyMessagesThatCarryTheKeyPass(t *testing.T) {
	key := NewKey()
	tests := []struct {
		name, message, want string
		pass                bool
	}{
		{"the page's call", key + ":C{\"name\":\"app.ChatAPI.OpenWidget\"}", "C{\"name\":\"app.ChatAPI.OpenWidget\"}", true},
		{"the page's quit", key + ":Q", "Q", true},
		{"no key", "C{\"name\":\"app.PreferencesAPI.SaveSettings\"}", "", false},
		{"a wrong key", NewKey() + ":Q", "", false},
		{"the key without its separator", key + "Q", "", false},
		{"a prefix of the key", key[:10] + ":Q", "", false},
		{"empty", "", "", false},
		{"Wails' runtime loading, before the page can add the key", "runtime:ready", "runtime:ready", true},
		{"a call dressed as it", "runtime:ready" + `C{"name":"app.ChatAPI.PageReady"}`, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Strip(key, tt.message)
			assert.Equal(t, tt.pass, ok)
			if ok {
				assert.Equal(t, tt.want, got)
			}
		})
	}
}

func TestAnEmptyKeyLetsNothingThrough(t *testing.T) {
	_, ok := Strip("", ":Q")
	assert.False(t, ok)
}

func TestEveryRunHasItsOwnKey(t *testing.T) {
	assert.NotEqual(t, NewKey(), NewKey())
	assert.Len(t, NewKey(), 48)
}

func TestARefusedMessageIsDescribedWithoutItsArguments(t *testing.T) {
	tests := []struct{ message, want string }{
		{`C{"name":"app.PreferencesAPI.SaveSettings","args":[{"token":"secret"}],"callbackID":"x"}`, "a call to app.PreferencesAPI.SaveSettings"},
		{`C{"args":[{"token":"secret"}]}`, "a call"},
		{"Q", "the message Q…"},
		{"EE{\"name\":\"x\",\"data\":\"secret\"}", "the message EE{\"…"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			got := Describe(tt.message)
			assert.Equal(t, tt.want, got)
			assert.NotContains(t, got, "secret")
		})
	}
}
