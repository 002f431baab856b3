//go:build !linux || !cgo

package webviewprefs

// Apply does nothing here: Wails v2 exposes no zoom, spell-checking or mute setting of
// WebView2 or WKWebView at run time. WebView2 has its own Ctrl+/Ctrl- zoom (not remembered)
// and checks spelling in the system's languages; WKWebView checks spelling as macOS does.
func Apply(Prefs) {}
