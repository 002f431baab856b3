package cli

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseAcceptsTokenAndWidgetURL(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want Options
	}{
		{"nothing", nil, Options{}},
		{"token", []string{"--token", "abc_DEF-12.3"}, Options{Token: "abc_DEF-12.3"}},
		{"widget url with equals and trailing slash", []string{"--widget-url=http://127.0.0.1:8080/"}, Options{WidgetURL: "http://127.0.0.1:8080"}},
		{"single dash", []string{"-token", "t"}, Options{Token: "t"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			got, err := Parse(tt.args, &out)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParseRefusesBadInputWithAMessageNamingTheFlag(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		message string
	}{
		{"javascript url", []string{"--widget-url", "javascript:alert(1)"}, "--widget-url"},
		{"file url", []string{"--widget-url", "file:///etc/passwd"}, "--widget-url"},
		{"token with a quote", []string{"--token", `abc"def`}, "--token"},
		{"token with a space", []string{"--token", "abc def"}, "--token"},
		{"unknown flag", []string{"--nope"}, "nope"},
		{"stray argument", []string{"open"}, `unexpected argument "open"`},
		{"flag without value", []string{"--token"}, "token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			_, err := Parse(tt.args, &out)
			require.Error(t, err)
			assert.NotErrorIs(t, err, ErrHelp)
			assert.Contains(t, err.Error()+out.String(), tt.message)
		})
	}
}

func TestHelpListsEveryFlag(t *testing.T) {
	var out bytes.Buffer
	_, err := Parse([]string{"--help"}, &out)
	require.ErrorIs(t, err, ErrHelp)
	for _, flag := range []string{"-token", "-widget-url"} {
		assert.Contains(t, out.String(), flag)
	}
}
