//go:build !(linux && cgo)

// Command webkitfloor needs WebKitGTK through cgo (main.go); elsewhere it only says so, which
// keeps the package building, and vetting, for every OS.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "webkitfloor: needs Linux and cgo (WebKitGTK 4.1)")
	os.Exit(2)
}
