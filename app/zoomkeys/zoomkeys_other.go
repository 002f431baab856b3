//go:build !linux || !cgo

package zoomkeys

// Install does nothing here: WebView2 and WKWebView take Ctrl/Cmd and + themselves, and Wails
// v2 exposes no key hook for their windows.
func Install(func(Step)) {}
