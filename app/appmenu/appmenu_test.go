package appmenu

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEveryChatMenuItemRunsItsOwnAction(t *testing.T) {
	var ran []string
	record := func(name string) func() { return func() { ran = append(ran, name) } }
	m := New(Actions{
		OpenChat:    record("open"),
		CloseChat:   record("close"),
		SendDetails: record("send"),
		EditProfile: record("edit"),
		Quit:        record("quit"),
	})
	require.Len(t, m.Items, 1)
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
	assert.Equal(t, []string{"Open chat", "Close chat", "Send my details", "Edit profile…", "Quit"}, labels)
	assert.Equal(t, []string{"open", "close", "send", "edit", "quit"}, ran)
}

func TestShortcutsAreDistinct(t *testing.T) {
	seen := map[string]string{}
	for _, item := range Items(Actions{}) {
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
