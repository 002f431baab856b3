//go:build !linux || !cgo

package ipcgate

// Install reports the gate as not up: WebView2 and WKWebView do not hand Wails' messages to a
// handler the app can stand in front of (see the README's security section for what the
// widget can reach there).
func Install(_ string, _ func(string), ready func(bool)) {
	if ready != nil {
		go ready(false)
	}
}
