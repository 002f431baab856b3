// Package appmenu builds the native application menu. Every item calls one of the app's bound
// methods, the same ones the page's buttons, the tray and the command line use.
package appmenu

import (
	"github.com/wailsapp/wails/v2/pkg/menu"
	"github.com/wailsapp/wails/v2/pkg/menu/keys"

	"jedidesk-desktop/app/i18n"
)

// Actions are what the menu's items do.
type Actions struct {
	OpenChat     func()
	CloseChat    func()
	SendDetails  func()
	EditProfile  func()
	EditSettings func()
	Quit         func()
}

// Item is one entry of the Chat menu, kept as data so its labels and shortcuts can be tested
// without a GUI.
type Item struct {
	Label       string
	Accelerator *keys.Accelerator
	Do          func()
}

// Items lists the Chat menu in display order, labelled in c's language; a nil Item is a
// separator.
func Items(a Actions, c i18n.Catalogue) []*Item {
	return []*Item{
		{Label: c.T("menu.open"), Accelerator: keys.CmdOrCtrl("o"), Do: a.OpenChat},
		{Label: c.T("menu.close"), Accelerator: keys.Combo("w", keys.CmdOrCtrlKey, keys.ShiftKey), Do: a.CloseChat},
		{Label: c.T("menu.send"), Accelerator: keys.CmdOrCtrl("d"), Do: a.SendDetails},
		nil,
		{Label: c.T("menu.editProfile"), Accelerator: keys.CmdOrCtrl("p"), Do: a.EditProfile},
		{Label: c.T("menu.settings"), Accelerator: keys.CmdOrCtrl(","), Do: a.EditSettings},
		nil,
		{Label: c.T("menu.quit"), Accelerator: keys.CmdOrCtrl("q"), Do: a.Quit},
	}
}

// New returns the application menu in c's language.
func New(a Actions, c i18n.Catalogue) *menu.Menu {
	root := menu.NewMenu()
	chat := root.AddSubmenu(c.T("menu.chat"))
	for _, item := range Items(a, c) {
		if item == nil {
			chat.AddSeparator()
			continue
		}
		do := item.Do
		chat.AddText(item.Label, item.Accelerator, func(*menu.CallbackData) { do() })
	}
	return root
}

// Labels lists m's labels depth first (each menu, then its items), skipping separators: the
// order a menu bar shows them in.
func Labels(m *menu.Menu) []string {
	var out []string
	var walk func(items []*menu.MenuItem)
	walk = func(items []*menu.MenuItem) {
		for _, item := range items {
			if item.Type == menu.SeparatorType {
				continue
			}
			out = append(out, item.Label)
			if item.SubMenu != nil {
				walk(item.SubMenu.Items)
			}
		}
	}
	walk(m.Items)
	return out
}
