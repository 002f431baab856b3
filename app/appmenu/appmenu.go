// Package appmenu builds the native application menu. Every item calls one of the app's bound
// methods, the same ones the page's buttons, the tray and the command line use.
package appmenu

import (
	"github.com/wailsapp/wails/v2/pkg/menu"
	"github.com/wailsapp/wails/v2/pkg/menu/keys"
)

// Actions are what the menu's items do.
type Actions struct {
	OpenChat    func()
	CloseChat   func()
	SendDetails func()
	EditProfile func()
	Quit        func()
}

// Item is one entry of the Chat menu, kept as data so its labels and shortcuts can be tested
// and documented without a GUI.
type Item struct {
	Label       string
	Accelerator *keys.Accelerator
	Do          func()
}

// Items lists the Chat menu in display order; a nil Item is a separator.
func Items(a Actions) []*Item {
	return []*Item{
		{Label: "Open chat", Accelerator: keys.CmdOrCtrl("o"), Do: a.OpenChat},
		{Label: "Close chat", Accelerator: keys.Combo("w", keys.CmdOrCtrlKey, keys.ShiftKey), Do: a.CloseChat},
		{Label: "Send my details", Accelerator: keys.CmdOrCtrl("d"), Do: a.SendDetails},
		nil,
		{Label: "Edit profile…", Accelerator: keys.CmdOrCtrl(","), Do: a.EditProfile},
		nil,
		{Label: "Quit", Accelerator: keys.CmdOrCtrl("q"), Do: a.Quit},
	}
}

// New returns the application menu.
func New(a Actions) *menu.Menu {
	root := menu.NewMenu()
	chat := root.AddSubmenu("Chat")
	for _, item := range Items(a) {
		if item == nil {
			chat.AddSeparator()
			continue
		}
		do := item.Do
		chat.AddText(item.Label, item.Accelerator, func(*menu.CallbackData) { do() })
	}
	return root
}
