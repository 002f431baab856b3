package hotkey

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseReadsShortcutsInAnyOrderAndCase(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"Ctrl+Alt+J", "Ctrl+Alt+J"},
		{"alt+ctrl+j", "Ctrl+Alt+J"},
		{"CTRL + ALT + J", "Ctrl+Alt+J"},
		{"  Control+Alt+j  ", "Ctrl+Alt+J"},
		{"Shift+Super+F5", "Shift+Super+F5"},
		{"super+shift+f5", "Shift+Super+F5"},
		{"Meta+1", "Super+1"},
		{"Win+Space", "Super+Space"},
		{"Cmd+Shift+K", "Shift+Super+K"},
		{"ctrl+alt+shift+super+f24", "Ctrl+Alt+Shift+Super+F24"},
		{"Ctrl+Alt+F1", "Ctrl+Alt+F1"},
		{"Alt+Return", "Alt+Enter"},
		{"Ctrl+Esc", "Ctrl+Escape"},
		{"Ctrl+Alt+pgdn", "Ctrl+Alt+PageDown"},
		{"Ctrl+Alt+,", "Ctrl+Alt+Comma"},
		{"Ctrl+Alt+-", "Ctrl+Alt+Minus"},
		{"Ctrl+Alt+=", "Ctrl+Alt+Equal"},
		{"Ctrl+Alt+Slash", "Ctrl+Alt+Slash"},
		{"ctrl+alt+delete", "Ctrl+Alt+Delete"},
		{"Alt+Up", "Alt+Up"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Parse(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got.String())
			assert.False(t, got.IsZero())
		})
	}
}

func TestParseTreatsEmptyAndOffAsNoShortcut(t *testing.T) {
	for _, in := range []string{"", "   ", "off", "OFF", " Off "} {
		t.Run(strconv.Quote(in), func(t *testing.T) {
			got, err := Parse(in)
			require.NoError(t, err)
			assert.True(t, got.IsZero())
			assert.Equal(t, "off", got.String())
		})
	}
}

func TestParseRefusesBadShortcutsNamingTheBadPart(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		message string
	}{
		{"unknown key", "Ctrl+Alt+Foo", `unknown key "Foo"`},
		{"unknown modifier spelled like a key", "Hyper+J", `unknown key "Hyper"`},
		{"bare letter", "J", "a shortcut needs Ctrl, Alt or Super"},
		{"shift and letter", "Shift+J", "a shortcut needs Ctrl, Alt or Super"},
		{"two keys", "Ctrl+J+K", "two keys: J and K"},
		{"same modifier twice", "Ctrl+Alt+Ctrl+J", "Ctrl is given twice"},
		{"modifier twice under two names", "Ctrl+Control+J", "Ctrl is given twice"},
		{"no key", "Ctrl+Alt", "no key after the modifiers"},
		{"empty part", "Ctrl++J", "an empty part"},
		{"trailing plus", "Ctrl+Alt+", "an empty part"},
		{"F0", "Ctrl+F0", `unknown key "F0"`},
		{"F25", "Ctrl+F25", `unknown key "F25"`},
		{"F-key with leading zero", "Ctrl+F05", `unknown key "F05"`},
		{"non-ASCII letter", "Ctrl+Alt+Ж", `unknown key "Ж"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.in)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.message)
			assert.Contains(t, err.Error(), strconv.Quote(tt.in), "the error quotes what the user wrote")
			assert.True(t, got.IsZero())
		})
	}
}

func TestStringIsReadBackByParse(t *testing.T) {
	inputs := []string{Default, "off", "shift+super+f5", "Alt+Ctrl+Shift+Super+Backslash", "meta+0"}
	for _, key := range allKeys() {
		inputs = append(inputs, "Ctrl+"+key)
	}
	for _, in := range inputs {
		t.Run(in, func(t *testing.T) {
			first, err := Parse(in)
			require.NoError(t, err)
			again, err := Parse(first.String())
			require.NoError(t, err)
			assert.Equal(t, first, again)
		})
	}
}

func TestDefaultIsAValidShortcut(t *testing.T) {
	s, err := Parse(Default)
	require.NoError(t, err)
	assert.Equal(t, Default, s.String())
}

// allKeys lists every canonical key name Parse can produce.
func allKeys() []string {
	var keys []string
	for c := 'A'; c <= 'Z'; c++ {
		keys = append(keys, string(c))
	}
	for c := '0'; c <= '9'; c++ {
		keys = append(keys, string(c))
	}
	for n := 1; n <= maxFunctionKey; n++ {
		keys = append(keys, "F"+strconv.Itoa(n))
	}
	seen := map[string]bool{}
	for _, name := range namedKeys {
		if !seen[name] {
			seen[name] = true
			keys = append(keys, name)
		}
	}
	return keys
}
