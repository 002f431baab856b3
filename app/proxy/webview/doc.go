// Package webview gives the app's webview the proxy setting (app/proxy) for its page, its
// widget's frame and the chat's socket.
package webview
