//go:build linux

package app

// On Linux, Wails' wails:// scheme handler serves any host, so the widget's frame gets an
// origin of its own, the same on every run (the widget's visitor id lives in its storage).
func appOrigin() string   { return "wails://wails" }
func frameOrigin() string { return "wails://widget" }
