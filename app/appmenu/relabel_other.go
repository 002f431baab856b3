//go:build !linux || !cgo

package appmenu

import (
	"context"

	"github.com/wailsapp/wails/v2/pkg/menu"
	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// Apply replaces the application menu with m; outside Linux, Wails rebuilds native menus
// in place.
func Apply(ctx context.Context, m *menu.Menu) {
	runtime.MenuSetApplicationMenu(ctx, m)
	runtime.MenuUpdateApplicationMenu(ctx)
}

// SetKeepOnTop shows on in m's keep-on-top check box after the setting changed elsewhere.
func SetKeepOnTop(ctx context.Context, m *menu.Menu, on bool) {
	if item := keepOnTopItem(m); item != nil {
		item.Checked = on
	}
	runtime.MenuUpdateApplicationMenu(ctx)
}
