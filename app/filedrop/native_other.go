//go:build !linux

package filedrop

// Native is false here: WebView2 and WKWebView give the page the dropped file itself, and
// without the IPC gate of Linux a frame could make up a "drop" to have any file read.
const Native = false
