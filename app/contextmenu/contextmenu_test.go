package contextmenu

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"jedidesk-desktop/app/i18n"
)

func TestPlan(t *testing.T) {
	en, uk := i18n.For("en"), i18n.For("uk")
	for _, tc := range []struct {
		name    string
		offered []Kind
		c       i18n.Catalogue
		want    []Entry
	}{
		{
			name:    "a text field keeps cut, copy, paste and select all, in the app's words, and drops the rest",
			offered: []Kind{Cut, Copy, Paste, Other, Other, SelectAll, Other, Other},
			c:       en,
			want:    []Entry{{0, "Cut"}, {1, "Copy"}, {2, "Paste"}, Separator, {5, "Select all"}},
		},
		{
			name:    "in Ukrainian when the app speaks it",
			offered: []Kind{Cut, Copy, Paste, SelectAll},
			c:       uk,
			want:    []Entry{{0, "Вирізати"}, {1, "Копіювати"}, {2, "Вставити"}, Separator, {3, "Виділити все"}},
		},
		{
			name:    "a misspelt word: its suggestions first, under their own words, then editing",
			offered: []Kind{SpellingGuess, SpellingGuess, Other, Other, Other, Other, Cut, Copy, Paste, SelectAll},
			c:       en,
			want: []Entry{{0, ""}, {1, ""}, Separator,
				{6, "Cut"}, {7, "Copy"}, {8, "Paste"}, Separator, {9, "Select all"}},
		},
		{
			name:    "a misspelt word with no suggestion says so",
			offered: []Kind{NoGuessesFound, Other, Paste},
			c:       en,
			want:    []Entry{{0, "No suggestions"}, Separator, {2, "Paste"}},
		},
		{
			name:    "selected text on the page: copy only",
			offered: []Kind{Copy, Other},
			c:       en,
			want:    []Entry{{0, "Copy"}},
		},
		{
			name:    "a link, a picture or the background: no menu at all",
			offered: []Kind{Other, Other, Other},
			c:       en,
			want:    nil,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, Plan(tc.offered, tc.c))
		})
	}
}
