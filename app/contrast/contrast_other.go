//go:build !linux || !cgo

package contrast

// desktopHigh is false: WebView2 and WKWebView tell the page themselves (forced-colors,
// prefers-contrast).
func desktopHigh() bool { return false }
