package webviewprefs

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestEachUILanguageIsCheckedWithItsOwnDictionary(t *testing.T) {
	for lang, want := range map[string][]string{"uk": {"uk_UA"}, "en": {"en_US"}, "ru": {"ru_RU"}, "de": {"en_US"}} {
		assert.Equal(t, want, SpellLanguages(lang), lang)
	}
}
