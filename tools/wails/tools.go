//go:build tools

// Package tools pins the Wails CLI. The CLI's own module graph needs golang.org/x/tools
// v0.38.0 or newer to build with Go 1.26, so it is built from this module rather than
// with `go install ...@v2.9.2`.
package tools

import _ "github.com/wailsapp/wails/v2/cmd/wails"
