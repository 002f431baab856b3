package appmenu

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/wailsapp/wails/v2/pkg/menu"

	"jedidesk-desktop/app/i18n"
)

func TestEveryChatMenuItemRunsItsOwnAction(t *testing.T) {
	var ran []string
	record := func(name string) func() { return func() { ran = append(ran, name) } }
	m := New(Actions{
		OpenChat:     record("open"),
		CloseChat:    record("close"),
		SendDetails:  record("send"),
		EditProfile:  record("edit"),
		EditSettings: record("settings"),
		Quit:         record("quit"),
	}, i18n.For("en"), State{})
	require.Len(t, m.Items, 2)
	chat := m.Items[0]
	assert.Equal(t, "Chat", chat.Label)

	var labels []string
	for _, item := range chat.SubMenu.Items {
		if item.Click == nil {
			continue
		}
		labels = append(labels, item.Label)
		item.Click(nil)
	}
	assert.Equal(t, []string{"Open chat", "Close chat", "Send my details", "Edit profile…", "Settings…", "Quit"}, labels)
	assert.Equal(t, []string{"open", "close", "send", "edit", "settings", "quit"}, ran)
}

func TestTheMenuSpeaksTheUILanguage(t *testing.T) {
	tests := map[string][]string{
		"uk": {"Відкрити чат", "Закрити чат", "Надіслати мої дані", "Редагувати профіль…", "Налаштування…", "Вийти"},
		"ru": {"Открыть чат", "Закрыть чат", "Отправить мои данные", "Редактировать профиль…", "Настройки…", "Выйти"},
	}
	for lang, want := range tests {
		t.Run(lang, func(t *testing.T) {
			m := New(Actions{}, i18n.For(lang), State{})
			var labels []string
			for _, item := range m.Items[0].SubMenu.Items {
				if item.Label != "" {
					labels = append(labels, item.Label)
				}
			}
			assert.Equal(t, want, labels)
			assert.Equal(t, "Чат", m.Items[0].Label)
		})
	}
}

func TestShortcutsAreDistinct(t *testing.T) {
	seen := map[string]string{}
	for _, item := range append(Items(Actions{}, i18n.For("en")), ViewItems(Actions{}, i18n.For("en"))...) {
		if item == nil {
			continue
		}
		require.NotNil(t, item.Accelerator, item.Label)
		key := item.Accelerator.Key
		for _, m := range item.Accelerator.Modifiers {
			key += "+" + string(m)
		}
		other, dup := seen[key]
		assert.False(t, dup, "%q and %q share a shortcut", item.Label, other)
		seen[key] = item.Label
	}
}

func TestLabelsListTheMenuBarInDisplayOrder(t *testing.T) {
	assert.Equal(t,
		[]string{"Чат", "Відкрити чат", "Закрити чат", "Надіслати мої дані", "Редагувати профіль…", "Налаштування…", "Вийти",
			"Вигляд", "Збільшити", "Зменшити", "Звичайний розмір", "Поверх інших вікон"},
		Labels(New(Actions{}, i18n.For("uk"), State{})))
}

func TestTheViewMenuZoomsAndKeepsTheWindowOnTop(t *testing.T) {
	var ran []string
	var onTop []bool
	record := func(name string) func() { return func() { ran = append(ran, name) } }
	m := New(Actions{ZoomIn: record("in"), ZoomOut: record("out"), ZoomReset: record("reset"),
		KeepOnTop: func(on bool) { onTop = append(onTop, on) }}, i18n.For("en"), State{KeepOnTop: true})
	view := m.Items[1]
	assert.Equal(t, "View", view.Label)
	var shortcuts []string
	for _, item := range view.SubMenu.Items {
		if item.Click == nil {
			continue
		}
		if item.Accelerator != nil {
			shortcuts = append(shortcuts, item.Label+" "+item.Accelerator.Key)
		}
		if item.Type == menu.CheckboxType {
			assert.True(t, item.Checked, "the box shows the saved setting")
			item.Checked = false // as Wails flips it before the callback
		}
		item.Click(&menu.CallbackData{MenuItem: item})
	}
	assert.Equal(t, []string{"Zoom in =", "Zoom out -", "Actual size 0"}, shortcuts)
	assert.Equal(t, []string{"in", "out", "reset"}, ran)
	assert.Equal(t, []bool{false}, onTop)
	assert.Same(t, view.SubMenu.Items[4], keepOnTopItem(m))
}
