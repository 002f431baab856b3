package zoom

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSteps(t *testing.T) {
	for _, tc := range []struct {
		name           string
		level, in, out int
	}{
		{"from 100 % one step each way", 100, 110, 90},
		{"at the top it stays at 200 %", 200, 200, 175},
		{"at the bottom it stays at 50 %", 50, 67, 50},
		{"a level between steps goes to the next step either way", 105, 110, 100},
		{"a level beyond the range comes back into it", 300, 200, 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.in, In(tc.level))
			assert.Equal(t, tc.out, Out(tc.level))
		})
	}
}

func TestValid(t *testing.T) {
	for level, want := range map[int]bool{49: false, 50: true, 100: true, 133: true, 200: true, 201: false} {
		assert.Equal(t, want, Valid(level), level)
	}
}
