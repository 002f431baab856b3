package widgetstore

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTheWidgetsVisitorIdSurvivesInTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "widget-storage.json")
	s := NewStore(path)
	require.NoError(t, s.Load())
	assert.Empty(t, s.Current().Items)
	_, err := s.Save(Storage{Items: map[string]string{"jw_id": "abc", "jw_c_id": "1001"}})
	require.NoError(t, err)

	again := NewStore(path)
	require.NoError(t, again.Load())
	assert.Equal(t, map[string]string{"jw_id": "abc", "jw_c_id": "1001"}, again.Current().Items)
	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
}

func TestTheWidgetCannotKeepMoreThanItNeeds(t *testing.T) {
	many := map[string]string{}
	for i := 0; i <= MaxItems; i++ {
		many[strings.Repeat("k", i+1)] = "v"
	}
	big := map[string]string{}
	for i := 0; i < 20; i++ {
		big[strings.Repeat("b", i+1)] = strings.Repeat("x", MaxValueBytes)
	}
	tests := []struct {
		name  string
		items map[string]string
		says  string
	}{
		{"too many items", many, "more than 100"},
		{"an empty key", map[string]string{"": "v"}, "keys are 1 to"},
		{"a long key", map[string]string{strings.Repeat("k", MaxKeyBytes+1): "v"}, "keys are 1 to"},
		{"a long value", map[string]string{"jw_id": strings.Repeat("x", MaxValueBytes+1)}, `"jw_id"`},
		{"too much in all", big, "bytes, more than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "widget-storage.json")
			_, err := NewStore(path).Save(Storage{Items: tt.items})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.says)
			assert.NoFileExists(t, path)
		})
	}
}

func TestEqualComparesItems(t *testing.T) {
	a := Storage{Items: map[string]string{"a": "1"}}
	assert.True(t, a.Equal(Storage{Items: map[string]string{"a": "1"}}))
	assert.False(t, a.Equal(Storage{Items: map[string]string{"a": "2"}}))
	assert.False(t, a.Equal(Storage{Items: map[string]string{"b": "1"}}))
	assert.False(t, a.Equal(Storage{}))
}
