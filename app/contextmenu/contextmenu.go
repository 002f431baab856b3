// Package contextmenu decides the webview's right-click menu. Wails turns WebKit's menu off in
// production builds, and WebKit's own would offer Reload, Back, Inspect Element and "Open Link"
// (which would lead the window away) in the system's language. People expect what a browser tab
// gives them in a text field: Cut, Copy, Paste, Select all, and the spelling suggestions for a
// misspelt word, in the app's language. Plan says which of the items the webview offered to
// show, in which order and with which labels; the per-OS file applies it.
package contextmenu

import "jedidesk-desktop/app/i18n"

// Kind is what an item of the webview's menu does.
type Kind int

const (
	// Other is anything the app does not show (navigation, links, images, media, inspector,
	// input methods).
	Other Kind = iota
	Cut
	Copy
	Paste
	SelectAll
	// SpellingGuess is a suggested word; its label is the word.
	SpellingGuess
	NoGuessesFound
)

// Entry is one line of the menu shown: an item the webview offered (Item, its index in what
// was offered) under Label ("" keeps the webview's own label), or a separator (Item -1).
type Entry struct {
	Item  int
	Label string
}

// Separator is the entry between groups.
var Separator = Entry{Item: -1}

// groups are the menu's parts in display order, as browsers show them: the suggestions for a
// misspelt word first, then editing, then selecting. (WebKitGTK offers Ignore and Learn
// Spelling greyed out: they are left out.)
var groups = [][]Kind{
	{SpellingGuess, NoGuessesFound},
	{Cut, Copy, Paste},
	{SelectAll},
}

var labelKeys = map[Kind]string{
	Cut:            "context.cut",
	Copy:           "context.copy",
	Paste:          "context.paste",
	SelectAll:      "context.selectAll",
	NoGuessesFound: "context.noGuesses",
}

// Plan is the menu to show for the items the webview offered, labelled from c. An empty plan
// means no menu at all (a right click on a picture or on the page's background).
func Plan(offered []Kind, c i18n.Catalogue) []Entry {
	var plan []Entry
	for _, group := range groups {
		var part []Entry
		for _, kind := range group {
			for i, k := range offered {
				if k != kind {
					continue
				}
				label := ""
				if key, ok := labelKeys[k]; ok {
					label = c.T(key)
				}
				part = append(part, Entry{Item: i, Label: label})
			}
		}
		if len(part) == 0 {
			continue
		}
		if len(plan) > 0 {
			plan = append(plan, Separator)
		}
		plan = append(plan, part...)
	}
	return plan
}
