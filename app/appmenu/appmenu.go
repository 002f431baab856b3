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
	ZoomIn       func()
	ZoomOut      func()
	ZoomReset    func()
	// KeepOnTop hears the View menu's check box.
	KeepOnTop func(on bool)
}

// State is what the menu's check boxes show when it is built.
type State struct {
	KeepOnTop bool
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

// ViewItems lists the View menu's zoom items, as browsers have them (Ctrl+= rather than
// Ctrl++, which needs Shift on most keyboards).
func ViewItems(a Actions, c i18n.Catalogue) []*Item {
	return []*Item{
		{Label: c.T("menu.zoomIn"), Accelerator: keys.CmdOrCtrl("="), Do: a.ZoomIn},
		{Label: c.T("menu.zoomOut"), Accelerator: keys.CmdOrCtrl("-"), Do: a.ZoomOut},
		{Label: c.T("menu.zoomReset"), Accelerator: keys.CmdOrCtrl("0"), Do: a.ZoomReset},
	}
}

// New returns the application menu in c's language: Chat, then View (zoom and keep on top).
func New(a Actions, c i18n.Catalogue, st State) *menu.Menu {
	root := menu.NewMenu()
	add := func(sub *menu.Menu, items []*Item) {
		for _, item := range items {
			if item == nil {
				sub.AddSeparator()
				continue
			}
			do := item.Do
			sub.AddText(item.Label, item.Accelerator, func(*menu.CallbackData) { do() })
		}
	}
	add(root.AddSubmenu(c.T("menu.chat")), Items(a, c))
	view := root.AddSubmenu(c.T("menu.view"))
	add(view, ViewItems(a, c))
	view.AddSeparator()
	// Wails has flipped the box's Checked by the time the callback runs.
	view.AddCheckbox(c.T("menu.keepOnTop"), st.KeepOnTop, nil, func(cd *menu.CallbackData) { a.KeepOnTop(cd.MenuItem.Checked) })
	return root
}

// keepOnTopItem is m's keep-on-top check box.
func keepOnTopItem(m *menu.Menu) *menu.MenuItem {
	for _, top := range m.Items {
		if top.SubMenu == nil {
			continue
		}
		for _, item := range top.SubMenu.Items {
			if item.Type == menu.CheckboxType {
				return item
			}
		}
	}
	return nil
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
