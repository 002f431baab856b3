//go:build !linux || !cgo

package navguard

// Install does nothing here: Wails v2 exposes no navigation hook for WebView2 or WKWebView,
// so on Windows and macOS the page's own guard (links and window.open) is the only one.
func Install(func(Blocked)) {}
