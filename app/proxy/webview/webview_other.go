//go:build !linux || !cgo

package webview

import "jedidesk-desktop/app/proxy"

// Apply does nothing here: Wails v2 gives WebView2 and WKWebView no proxy of their own, so they
// take the system's; the app's own requests still take the setting (proxy.Transport).
func Apply(proxy.Config) {}
