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
		{"open", []string{"--open"}, Options{Action: ActionOpen}},
		{"close", []string{"--close"}, Options{Action: ActionClose}},
		{"toggle", []string{"--toggle"}, Options{Action: ActionToggle}},
		{"send profile", []string{"--send-profile"}, Options{Action: ActionSendProfile}},
		{"show", []string{"--show"}, Options{Action: ActionShow}},
		{"quit", []string{"--quit"}, Options{Action: ActionQuit}},
		{"hidden", []string{"--hidden"}, Options{Hidden: true}},
		{"version", []string{"--version"}, Options{Version: true}},
		{"hidden sending the profile", []string{"--hidden", "--send-profile"}, Options{Hidden: true, Action: ActionSendProfile}},
		{"hidden with close", []string{"--close", "--hidden"}, Options{Hidden: true, Action: ActionClose}},
		{"the same action twice", []string{"--open", "--open"}, Options{Action: ActionOpen}},
		{"an action switched off", []string{"--open=false", "--show"}, Options{Action: ActionShow}},
		{"action with token", []string{"--toggle", "--token", "t"}, Options{Action: ActionToggle, Token: "t"}},
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
		{"stray argument after an action", []string{"--open", "now"}, `unexpected argument "now"`},
		{"value given to an action", []string{"--open", "chat"}, `unexpected argument "chat"`},
		{"two actions", []string{"--open", "--close"}, "choose one action: --open and --close were both given"},
		{"two actions named in a fixed order", []string{"--quit", "--toggle"}, "choose one action: --toggle and --quit were both given"},
		{"three actions", []string{"--show", "--open", "--quit"}, "choose one action: --open, --show and --quit were all given"},
		{"hidden with open", []string{"--hidden", "--open"}, "--hidden and --open"},
		{"hidden with show", []string{"--show", "--hidden"}, "--hidden and --show"},
		{"hidden with toggle", []string{"--hidden", "--toggle"}, "--hidden and --toggle"},
		{"unknown action", []string{"--minimize"}, "minimize"},
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

func TestHelpListsEveryFlagAndHowActionsReachARunningApp(t *testing.T) {
	var out bytes.Buffer
	_, err := Parse([]string{"--help"}, &out)
	require.ErrorIs(t, err, ErrHelp)
	help := out.String()
	for _, want := range []string{
		"-token", "-widget-url", "-open", "-close", "-toggle", "-send-profile", "-show", "-quit", "-hidden",
		"already running", "do nothing",
	} {
		assert.Contains(t, help, want)
	}
}

func TestOnlyClosingAndQuittingDoNotStartTheApp(t *testing.T) {
	tests := []struct {
		name   string
		action Action
		starts bool
	}{
		{"no action", ActionNone, true},
		{"open", ActionOpen, true},
		{"toggle", ActionToggle, true},
		{"send profile", ActionSendProfile, true},
		{"show", ActionShow, true},
		{"close", ActionClose, false},
		{"quit", ActionQuit, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.starts, tt.action.StartsApp())
		})
	}
}

func TestArgsAskForTheSameRunAgain(t *testing.T) {
	tests := []struct {
		name string
		opts Options
	}{
		{"nothing", Options{}},
		{"everything", Options{Token: "t", WidgetURL: "http://127.0.0.1:8080", Hidden: true}},
		{"token only", Options{Token: "abc"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.opts.Args(), &bytes.Buffer{})
			require.NoError(t, err)
			assert.Equal(t, tt.opts, got)
		})
	}
}
