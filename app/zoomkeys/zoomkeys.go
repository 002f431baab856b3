// Package zoomkeys adds the zoom keys a menu item cannot hold. The View menu's accelerators
// are Ctrl+=, Ctrl+- and Ctrl+0 (one per item), while people also press Ctrl and "+" (Shift+=
// on a US keyboard) and the keypad's +, - and 0, as every browser takes them.
package zoomkeys

// Step is what a zoom key asks for.
type Step int

const (
	In Step = iota
	Out
	Reset
)
