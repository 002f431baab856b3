//go:build e2e

package e2e

import (
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/test/standin"
)

// rightClickFirstWord right-clicks the first word of the page's field selector.
func (a *app) rightClickFirstWord(t *testing.T, s *standin.Server, selector string) {
	t.Helper()
	el := reveal(t, s, selector)
	require.NotNil(t, el.Rect)
	geo := geometry(t, a.window())
	width, _ := strconv.Atoi(geo["WIDTH"])
	height, _ := strconv.Atoi(geo["HEIGHT"])
	x0, _ := strconv.Atoi(geo["X"])
	y0, _ := strconv.Atoi(geo["Y"])
	x := x0 + width - el.Viewport.Width + int(el.Rect.X) + 22
	y := y0 + height - el.Viewport.Height + int(el.Rect.Y) + 18
	run(t, "xdotool", "mousemove", "--sync", strconv.Itoa(x), strconv.Itoa(y))
	run(t, "xdotool", "click", "3")
}

// takeFirstSuggestion picks the menu's first item, which for a misspelt word is the first
// suggestion.
func takeFirstSuggestion(t *testing.T, picture string) {
	t.Helper()
	require.Eventually(t, func() bool { return popupMenus(t) == 1 }, stepTimeout, 100*time.Millisecond, "a context menu opened")
	screenshot(t, picture)
	run(t, "xdotool", "key", "--delay", "200", "Down", "Return")
	require.Eventually(t, func() bool { return popupMenus(t) == 0 }, stepTimeout, 100*time.Millisecond, "the menu closed")
}

// assertSpeltRight checks that a suggestion took the misspelt word's place: the dictionary
// knows every word of text.
func assertSpeltRight(t *testing.T, dictionary, text string) {
	t.Helper()
	cmd := exec.Command("enchant-2", "-d", dictionary, "-l")
	cmd.Stdin = strings.NewReader(text)
	out, err := cmd.Output()
	require.NoError(t, err)
	assert.Empty(t, strings.TrimSpace(string(out)), "misspelt in %q", text)
}

func TestMisspeltWordsGetSuggestionsInTheUILanguage(t *testing.T) {
	h := newHome(t)
	h.writeProfile(t, `{"language": "uk"}`)
	s := startStandIn(t)
	a := startApp(t, h, "--widget-url", s.URL)
	openChatSession(t, a, s)

	// The profile's note: a Ukrainian word with a letter missing.
	a.press("ctrl+p")
	waitQuery(t, s, "#editor", func(e Element) bool { return !e.Hidden })
	a.click(t, s, "#f-note")
	a.typeText("привт")
	a.rightClickFirstWord(t, s, "#f-note")
	takeFirstSuggestion(t, "spelling-note-uk")
	note := waitQuery(t, s, "#f-note", func(e Element) bool { return e.Value != nil && *e.Value != "привт" })
	assertSpeltRight(t, "uk_UA", *note.Value)
	a.press("Escape")

	// The chat's input, in the widget's frame: the same dictionary.
	a.clickWidget(t, s, chatInput, 1)
	a.typeText("повідомленя для підтримки")
	input := a.widgetRect(t, s, chatInput)
	run(t, "xdotool", "mousemove", "--sync", strconv.Itoa(int(input.X)+30), strconv.Itoa(int(input.Y+input.Height/2)))
	run(t, "xdotool", "click", "3")
	takeFirstSuggestion(t, "spelling-chat-uk")
	run(t, "xdotool", "key", "Return")
	records := waitRecords(t, s, stepTimeout, "the corrected message", func(r []standin.Record) bool { return len(visitorMessages(r)) > 0 })
	message := visitorMessages(records)[0]
	assert.True(t, strings.HasSuffix(message, " для підтримки"), "the rest is as typed: %q", message)
	assertSpeltRight(t, "uk_UA", message)
}
