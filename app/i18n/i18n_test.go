package i18n

import (
	"regexp"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var placeholder = regexp.MustCompile(`\{[a-zA-Z]+\}`)

func placeholders(text string) []string {
	found := placeholder.FindAllString(text, -1)
	sort.Strings(found)
	return found
}

func TestEveryLanguageHasEveryKeyWithTheSamePlaceholders(t *testing.T) {
	en := For("en")
	require.NotEmpty(t, en)
	for _, lang := range Languages {
		t.Run(lang, func(t *testing.T) {
			c := For(lang)
			assert.Equal(t, en.Keys(), c.Keys(), "keys differ from en")
			for key, text := range en {
				assert.NotEmpty(t, c[key], key)
				assert.Equal(t, placeholders(text), placeholders(c[key]), "placeholders of %s", key)
			}
		})
	}
}

func TestTFillsPlaceholdersAndShowsMissingKeys(t *testing.T) {
	c := For("uk")
	assert.Equal(t, "Чат з https://x", c.T("overview.source", "url", "https://x"))
	assert.Equal(t, "no.such.key", c.T("no.such.key"))
}

func TestWithNamesTheAppInEveryTextAndLeavesOtherPlaceholders(t *testing.T) {
	for _, lang := range Languages {
		t.Run(lang, func(t *testing.T) {
			c := For(lang).With("app", "Acme Support", "command", "acme-support")
			assert.Equal(t, "Acme Support", c.T("app.title"))
			assert.Contains(t, c.T("welcome.title"), "Acme Support")
			assert.Contains(t, c["tray.unread.many"], "{count}", "placeholders filled per use stay")
			for key, text := range c {
				assert.NotContains(t, text, "{app}", key)
				assert.NotContains(t, text, "{command}", key)
			}
			assert.Equal(t, "{app}", For(lang)["app.title"], "the shared catalogue is not changed")
		})
	}
}

func TestAnUnknownLanguageFallsBackToEnglish(t *testing.T) {
	assert.Equal(t, For("en"), For("de"))
}

func TestChooseTakesTheProfileThenTheSystemLocaleThenEnglish(t *testing.T) {
	tests := []struct {
		name    string
		profile string
		env     map[string]string
		want    string
	}{
		{"profile wins", "ru", map[string]string{"LANG": "uk_UA.UTF-8"}, "ru"},
		{"LANG", "", map[string]string{"LANG": "uk_UA.UTF-8"}, "uk"},
		{"LC_MESSAGES beats LANG", "", map[string]string{"LANG": "en_US.UTF-8", "LC_MESSAGES": "ru_RU.UTF-8"}, "ru"},
		{"LC_ALL beats everything", "", map[string]string{"LC_ALL": "uk_UA", "LC_MESSAGES": "ru_RU"}, "uk"},
		{"an unsupported locale is English, not the next variable", "", map[string]string{"LC_MESSAGES": "de_DE.UTF-8", "LANG": "uk_UA.UTF-8"}, "en"},
		{"C locale", "", map[string]string{"LANG": "C.UTF-8"}, "en"},
		{"nothing set", "", nil, "en"},
		{"a locale of separators only", "", map[string]string{"LANG": "_.@"}, "en"},
		{"unsupported profile language falls through", "de", map[string]string{"LANG": "ru_RU.UTF-8"}, "ru"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, Choose(tt.profile, func(k string) string { return tt.env[k] }))
		})
	}
}

func TestPluralFormsFollowEachLanguagesRules(t *testing.T) {
	tests := []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1, "one"}, {"en", 2, "many"}, {"en", 0, "many"}, {"en", 21, "many"},
		{"uk", 1, "one"}, {"uk", 2, "few"}, {"uk", 4, "few"}, {"uk", 5, "many"}, {"uk", 11, "many"},
		{"uk", 12, "many"}, {"uk", 21, "one"}, {"uk", 22, "few"}, {"uk", 111, "many"}, {"uk", 0, "many"},
		{"ru", 1, "one"}, {"ru", 3, "few"}, {"ru", 14, "many"}, {"ru", 101, "one"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, PluralForm(tt.lang, tt.n), "%s %d", tt.lang, tt.n)
		assert.Equal(t, "3 new messages", For("en").T("tray.unread."+PluralForm("en", 3), "count", "3"))
	}
	assert.Equal(t, "5 нових повідомлень", For("uk").T("tray.unread."+PluralForm("uk", 5), "count", "5"))
}
