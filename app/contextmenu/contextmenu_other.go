//go:build !linux || !cgo

package contextmenu

import "jedidesk-desktop/app/i18n"

// Install does nothing here: Wails v2 exposes no context-menu hook for WebView2 or WKWebView.
// With options.App.EnableDefaultContextMenu the app shows their own menus (in the system's
// language; WebView2's also has Back, Reload and Inspect).
func Install(func() i18n.Catalogue) {}
