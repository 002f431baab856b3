// Package zoom steps the window's zoom level as browsers do: Ctrl+= and Ctrl+- move through
// the usual levels between 50 % and 200 %, Ctrl+0 goes back to 100 %.
package zoom

// Levels are the zoom levels in percent, as browsers offer them.
var Levels = []int{50, 67, 75, 80, 90, 100, 110, 125, 150, 175, 200}

const (
	Min     = 50
	Max     = 200
	Default = 100
)

// In is the next level up from level (a level between two steps goes to the next one).
func In(level int) int {
	for _, l := range Levels {
		if l > level {
			return l
		}
	}
	return Max
}

// Out is the next level down from level.
func Out(level int) int {
	for i := len(Levels) - 1; i >= 0; i-- {
		if Levels[i] < level {
			return Levels[i]
		}
	}
	return Min
}

// Valid says whether level can be used: within 50 % to 200 %.
func Valid(level int) bool { return level >= Min && level <= Max }
