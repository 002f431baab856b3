package notify

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"github.com/stretchr/testify/assert"
)

func TestTextShowsTheMessageAsTypedAndFitsAPopup(t *testing.T) {
	a := func(n int) string { return strings.Repeat("a", n) }
	tests := []struct {
		name, message, want string
	}{
		{"plain text passes", "Hello, how can we help?", "Hello, how can we help?"},
		{"HTML is shown as text, never as markup",
			`<b>Hi</b> & <a href="https://x">click</a><img src=x onerror=alert(1)>`,
			`&lt;b&gt;Hi&lt;/b&gt; &amp; &lt;a href="https://x"&gt;click&lt;/a&gt;&lt;img src=x onerror=alert(1)&gt;`},
		{"an entity the agent typed stays as typed", "&amp; &lt;", "&amp;amp; &amp;lt;"},
		{"surrounding blank space goes", "\n  Hi there \t\n", "Hi there"},
		{"lines inside stay", "one\ntwo", "one\ntwo"},
		{"exactly the limit is not cut", a(200), a(200)},
		{"one past the limit is cut, the ellipsis included in the limit", a(201), a(199) + "…"},
		{"Cyrillic is cut between letters", strings.Repeat("Привіт ", 50), strings.TrimSpace(strings.Repeat("Привіт ", 28)) + " При…"},
		{"an emoji with a skin tone at the cut is kept whole", a(198) + "👍🏽" + "bbb", a(198) + "👍🏽…"},
		{"an emoji with a skin tone just past the cut is dropped whole", a(199) + "👍🏽b", a(199) + "…"},
		{"a flag is never split into letters", a(198) + "🇺🇦🇺🇦🇺🇦", a(198) + "🇺🇦…"},
		{"a family emoji joined with ZWJ is never split", a(198) + "👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧", a(198) + "👨‍👩‍👧…"},
		{"a combining accent stays with its letter", a(198) + "e\u0301e\u0301e\u0301", a(198) + "e\u0301…"},
		{"escaping happens after the cut, so no entity is cut in half", strings.Repeat("<", 300), strings.Repeat("&lt;", 199) + "…"},
		{"blank space before the cut goes", a(198) + " bbbb", a(198) + "…"},
		{"invalid UTF-8 becomes a replacement character", "bad \xff byte", "bad \uFFFD byte"},
		{"NUL, which D-Bus cannot carry, goes", "nul\x00here", "nulhere"},
		{"empty stays empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Text(tt.message)
			assert.Equal(t, tt.want, got)
			assert.True(t, utf8.ValidString(got), "valid UTF-8")
			assert.LessOrEqual(t, uniseg.GraphemeClusterCount(shorten(tt.message)), maxLength, "fits the limit")
		})
	}
}
