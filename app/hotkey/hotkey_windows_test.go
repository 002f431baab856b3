package hotkey

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEveryKeyHasAWindowsVirtualKey(t *testing.T) {
	for _, key := range allKeys() {
		t.Run(key, func(t *testing.T) {
			_, ok := winVirtualKey(key)
			assert.True(t, ok)
		})
	}
}

func TestWindowsVirtualKeysMatchWinUser(t *testing.T) {
	tests := []struct {
		key  string
		want uint16
	}{
		{"J", 0x4A},
		{"5", 0x35},
		{"F1", 0x70},  // VK_F1
		{"F24", 0x87}, // VK_F24
		{"PageUp", 0x21},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			got, ok := winVirtualKey(tt.key)
			require.True(t, ok)
			assert.Equal(t, tt.want, got)
		})
	}
}
