//go:build darwin

package app

// WKWebView's scheme handler in Wails answers only the app's own host: the widget's frame
// shares the page's origin there (see the README's security section).
func appOrigin() string   { return "wails://wails" }
func frameOrigin() string { return appOrigin() }
