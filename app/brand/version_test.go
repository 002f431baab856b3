package brand_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/brand"
)

func TestTheVersionIsWailsJSONsProductVersion(t *testing.T) {
	data, err := os.ReadFile("../../wails.json")
	require.NoError(t, err)
	v, err := brand.ProductVersion(data)
	require.NoError(t, err)
	assert.Regexp(t, `^\d+\.\d+\.\d+$`, v)
}

func TestAWailsJSONWithoutAVersionIsRefused(t *testing.T) {
	tests := []struct{ name, json string }{
		{"no info", `{}`},
		{"not a version", `{"info":{"productVersion":"1.2"}}`},
		{"not JSON", `{`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := brand.ProductVersion([]byte(tt.json))
			assert.ErrorContains(t, err, "wails.json")
		})
	}
}
