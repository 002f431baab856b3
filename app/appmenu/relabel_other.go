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
