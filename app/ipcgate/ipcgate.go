// Package ipcgate lets only the app's own page call into Go. Wails carries every bound-method
// call, event and window command as a message to the webview's "external" script message
// handler, and WebKit exposes that handler to every frame of the page, whatever its origin:
// a widget isolated in a cross-origin frame could still post a call to SaveSettings. The gate
// sits in front of Wails' handler and passes on only messages that carry the key the app hands
// its own page (in the page's HTML, which no other origin can read); the rest are refused.
package ipcgate

import (
	"crypto/rand"
	"encoding/hex"
	"strings"
)

// NewKey returns a fresh key for one run of the app.
func NewKey() string {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		// crypto/rand does not fail on the systems Go supports.
		panic("ipcgate: no randomness: " + err.Error())
	}
	return hex.EncodeToString(b)
}

// Separator ends the key at the start of a message the page sends.
const Separator = ":"

// runtimeReady is what Wails' runtime says as it loads, before the page's code can add the
// key. It lets through nothing but Wails' fixed set-up of CSS drag-and-drop properties, which
// it runs in the page whoever asks, so it needs no key.
const runtimeReady = "runtime:ready"

// Strip returns the message without its key, and whether it may pass.
func Strip(key, message string) (string, bool) {
	if message == runtimeReady {
		return message, true
	}
	rest, ok := strings.CutPrefix(message, key+Separator)
	return rest, ok && key != ""
}

// Describe is what the log may say of a refused message: Wails' message kind and, for a
// bound-method call, the method's name; never its arguments.
func Describe(message string) string {
	if strings.HasPrefix(message, "C{") || strings.HasPrefix(message, "c{") {
		if _, after, ok := strings.Cut(message, `"name":"`); ok {
			if name, _, ok := strings.Cut(after, `"`); ok && len(name) <= 80 {
				return "a call to " + name
			}
		}
		return "a call"
	}
	if len(message) > 4 {
		message = message[:4]
	}
	return "the message " + strings.ToValidUTF8(message, "?") + "…"
}
