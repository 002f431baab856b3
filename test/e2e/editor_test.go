//go:build e2e

package e2e

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTheProfileEditorRefusesBadInputAndSendsGoodInput(t *testing.T) {
	h := newHome(t)
	h.writeProfile(t, `{"name": "Ivan", "email": "ivan@example.com"}`)
	path := filepath.Join(h.appDir(), "profile.json")
	original, err := os.ReadFile(path)
	require.NoError(t, err)
	s := startStandIn(t)
	a := startApp(t, h, "--widget-url", s.URL)
	waitRecords(t, s, startTimeout, "the profile at mount", countCalls("customerData", 1))

	// Open the editor from the menu accelerator: the name field has the focus.
	a.press("ctrl+p")
	waitQuery(t, s, "#f-name", func(e Element) bool { return e.Focused && !e.Hidden })

	// Escape cancels: what was typed is discarded.
	a.typeText(" Draft")
	a.press("Escape")
	waitQuery(t, s, "#editor", func(e Element) bool { return e.Hidden })
	a.press("ctrl+p")
	assert.Equal(t, "Ivan", *waitQuery(t, s, "#f-name", func(e Element) bool { return e.Focused }).Value)

	// An invalid email: Enter saves, the error shows beside the field, nothing is written.
	a.press("ctrl+a")
	a.typeText("Ivan Franko")
	a.press("Tab", "ctrl+a")
	a.typeText("not-an-email")
	a.press("Return")
	errText := waitQuery(t, s, "#e-email", func(e Element) bool { return e.Text != "" })
	assert.Equal(t, "Enter an address like name@example.com.", errText.Text)
	assert.True(t, query(t, s, "#f-email").Focused, "the first invalid field gets the focus")
	unchanged, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, original, unchanged, "profile.json must not change while a field is invalid")
	screenshot(t, "editor-error-en")

	// Fixed: saved, sent to the widget, and the editor closes.
	a.press("ctrl+a")
	a.typeText("ivan@franko.ua")
	a.press("Return")
	records := waitRecords(t, s, stepTimeout, "the saved profile to be sent", countCalls("customerData", 2))
	jsonEqual(t, `{"name":"Ivan Franko","email":"ivan@franko.ua"}`, calls(records, "customerData")[1].Options)
	onDisk, err := os.ReadFile(path)
	require.NoError(t, err)
	jsonEqual(t, `{"name":"Ivan Franko","email":"ivan@franko.ua"}`, onDisk)
	waitQuery(t, s, "#editor", func(e Element) bool { return e.Hidden })
	assert.Equal(t, "Your details go to support as soon as you start a chat (“Write to us” in the chat).", query(t, s, "#delivery").Text)
}

func TestTheUISpeaksTheProfileLanguageWithoutARestart(t *testing.T) {
	h := newHome(t)
	s := startStandIn(t)
	a := startOnStandIn(t, h, s)
	a.waitOutput("widget ready", stepTimeout)
	assert.Equal(t, "en", query(t, s, "html").Lang)
	englishMenu := a.menuBar(t)

	labels := map[string]struct{ name, menu string }{
		"uk": {"Ім'я", "Чат"},
		"ru": {"Имя", "Чат"},
		"en": {"Name", "Chat"},
	}
	for _, lang := range []string{"uk", "ru", "en"} {
		t.Run(lang, func(t *testing.T) {
			require.NoError(t, s.Drive(map[string]any{"do": "saveProfile", "profile": map[string]any{"name": "Taras", "language": lang}}))
			waitQuery(t, s, "html", func(e Element) bool { return e.Lang == lang })
			assert.Equal(t, labels[lang].name, query(t, s, `label[for="f-name"]`).Text)
			a.press("ctrl+p")
			waitQuery(t, s, "#f-name", func(e Element) bool { return e.Focused })
			screenshot(t, "editor-"+lang)
			a.press("Escape")
			if lang == "en" {
				assert.Equal(t, englishMenu, a.menuBar(t), "back in English, the menu bar looks as it did")
			} else {
				assert.False(t, bytes.Equal(englishMenu, a.menuBar(t)), "the menu bar's labels must change with the language")
			}
		})
	}
}

func TestFirstRunWelcomesTheUserInTheSystemLanguage(t *testing.T) {
	h := newHome(t)
	h.locale = "uk_UA.UTF-8"
	a := startApp(t, h)
	a.waitOutput("widget ready", startTimeout)
	a.window()
	screenshot(t, "first-run-uk")
	_, err := os.Stat(filepath.Join(h.appDir(), "profile.json"))
	assert.True(t, os.IsNotExist(err), "nothing is written until the user saves")
}

func TestSettingsValidateTheWidgetAddressAndReloadTheChatFromIt(t *testing.T) {
	h := newHome(t)
	s := startStandIn(t)
	h.probe = s.URL
	a := startApp(t, h)
	a.waitOutput("widget ready", startTimeout)

	// From the demo to the stand-in, typed into the settings panel.
	a.press("ctrl+comma", "Tab")
	a.typeText(s.URL)
	a.press("Return")
	waitRecords(t, s, startTimeout, "the widget to load from the saved address", mounted)
	path := filepath.Join(h.appDir(), "settings.json")
	saved, err := os.ReadFile(path)
	require.NoError(t, err)
	jsonEqual(t, `{"widget_url":"`+s.URL+`"}`, saved)

	// An address that is not http(s) is refused beside its field and nothing is written.
	a.press("ctrl+comma")
	waitQuery(t, s, "#s-token", func(e Element) bool { return e.Focused })
	a.press("Tab", "ctrl+a")
	a.typeText("ftp://nowhere")
	a.press("Return")
	refused := waitQuery(t, s, "#e-widget_url", func(e Element) bool { return e.Text != "" })
	assert.Equal(t, "Enter an http:// or https:// address without user name, query or fragment.", refused.Text)
	screenshot(t, "settings-error-en")
	unchanged, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, saved, unchanged)
}
