//go:build !linux || !cgo

package webmemory

// Release does nothing here: only the Linux build is measured and tuned (docs/benchmarks.md).
func Release() {}

// Unload does nothing here (see Release); the page stays loaded.
func Unload() {}

// Reload does nothing here: Unload never unloads.
func Reload() {}
