// Package webviewprefs applies the user's choices about the webview itself, which the page
// cannot make and Wails v2 does not expose: the zoom level (of the page and the widget's frame
// alike, as a browser's zoom), spell checking in the UI language, and muting the chat's sounds.
package webviewprefs

// Prefs are the webview's settings.
type Prefs struct {
	// Zoom is the zoom factor: 1 is 100 %.
	Zoom float64
	// SpellLanguages are the dictionaries to check text fields with (as enchant names them,
	// "uk_UA"); none turns spell checking off.
	SpellLanguages []string
	// Muted silences every sound the page and the widget play.
	Muted bool
}

// dictionaries are the spell-checking dictionaries of the UI languages: the hunspell
// dictionaries the app's packages recommend (hunspell-en-us, hunspell-uk, hunspell-ru).
var dictionaries = map[string]string{"en": "en_US", "uk": "uk_UA", "ru": "ru_RU"}

// SpellLanguages are the dictionaries for the UI language lang.
func SpellLanguages(lang string) []string {
	if d, ok := dictionaries[lang]; ok {
		return []string{d}
	}
	return []string{dictionaries["en"]}
}
