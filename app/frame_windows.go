//go:build windows

package app

// WebView2 serves the app only on wails.localhost: the widget's frame shares the page's origin
// there (see the README's security section).
func appOrigin() string   { return "http://wails.localhost" }
func frameOrigin() string { return appOrigin() }
