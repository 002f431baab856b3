//go:build !linux || !cgo

package webmemory

// Release does nothing here: only the Linux build is measured and tuned (docs/benchmarks.md).
func Release() {}
