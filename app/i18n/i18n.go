// Package i18n holds the app's own text in Ukrainian, English and Russian: one catalogue per
// language, shared by the native menus (here in Go) and the page (which gets its catalogue
// from Go), and the rules for choosing the language.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
)

// Languages the app's own text is written in; the first is the fallback.
var Languages = []string{"en", "uk", "ru"}

const fallback = "en"

//go:embed locales/*.json
var files embed.FS

// Catalogue maps message keys to text with {name} placeholders.
type Catalogue map[string]string

var catalogues = mustLoad()

func mustLoad() map[string]Catalogue {
	out := map[string]Catalogue{}
	for _, lang := range Languages {
		data, err := files.ReadFile("locales/" + lang + ".json")
		if err != nil {
			panic(err)
		}
		var c Catalogue
		if err := json.Unmarshal(data, &c); err != nil {
			panic(fmt.Sprintf("locales/%s.json: %v", lang, err))
		}
		out[lang] = c
	}
	return out
}

// For returns the catalogue of lang, or the fallback's for a language the app does not speak.
func For(lang string) Catalogue {
	if c, ok := catalogues[lang]; ok {
		return c
	}
	return catalogues[fallback]
}

// T returns the text for key with each {name} replaced by its value from args (name, value,
// name, value…). A key missing from the catalogue shows as the key itself, so a gap is visible
// rather than blank.
func (c Catalogue) T(key string, args ...string) string {
	text, ok := c[key]
	if !ok {
		return key
	}
	for i := 0; i+1 < len(args); i += 2 {
		text = strings.ReplaceAll(text, "{"+args[i]+"}", args[i+1])
	}
	return text
}

// With returns a copy of the catalogue with each {name} filled in every text from args (name,
// value, name, value…). The app fills {app} and {command} with its brand's name and command once,
// so the menu, the tray and the page all name the app the same way; other placeholders stay.
func (c Catalogue) With(args ...string) Catalogue {
	pairs := make([]string, 0, len(args))
	for i := 0; i+1 < len(args); i += 2 {
		pairs = append(pairs, "{"+args[i]+"}", args[i+1])
	}
	fill := strings.NewReplacer(pairs...)
	out := make(Catalogue, len(c))
	for k, v := range c {
		out[k] = fill.Replace(v)
	}
	return out
}

// Keys lists the catalogue's keys in order.
func (c Catalogue) Keys() []string {
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Choose picks the UI language: the profile's language if set, else the system locale from
// the environment (LC_ALL, LC_MESSAGES, LANG, as POSIX orders them), else English.
func Choose(profileLanguage string, getenv func(string) string) string {
	if _, ok := catalogues[profileLanguage]; ok {
		return profileLanguage
	}
	if getenv == nil {
		getenv = os.Getenv
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		value := getenv(name)
		if value == "" {
			continue
		}
		// "uk_UA.UTF-8", "ru_RU", "en_GB@euro", "C.UTF-8"
		parts := strings.FieldsFunc(value, func(r rune) bool { return r == '_' || r == '.' || r == '@' || r == '-' })
		if len(parts) > 0 {
			if lang := strings.ToLower(parts[0]); catalogues[lang] != nil {
				return lang
			}
		}
		return fallback
	}
	return fallback
}

// PluralForm is the catalogue's plural category for n in lang: "one", "few" or "many"
// (Ukrainian and Russian use all three; English has no "few", its catalogue repeats "many").
func PluralForm(lang string, n int) string {
	if n < 0 {
		n = -n
	}
	if lang != "uk" && lang != "ru" {
		if n == 1 {
			return "one"
		}
		return "many"
	}
	switch {
	case n%10 == 1 && n%100 != 11:
		return "one"
	case n%10 >= 2 && n%10 <= 4 && (n%100 < 12 || n%100 > 14):
		return "few"
	default:
		return "many"
	}
}
