package badge

import (
	"image"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestTheTaskbarOverlaySaysTheCountInTwoCharactersAtMost(t *testing.T) {
	for _, tt := range []struct {
		count int
		want  string
	}{{1, "1"}, {9, "9"}, {10, "9+"}, {250, "9+"}} {
		assert.Equal(t, tt.want, overlayText(tt.count), "count %d", tt.count)
	}
}

func TestTheTaskbarOverlayIsWhiteFiguresOnARedDiscOverTransparency(t *testing.T) {
	count := func(img *image.RGBA, c [4]uint8) int {
		n := 0
		for i := 0; i < len(img.Pix); i += 4 {
			if [4]uint8(img.Pix[i:i+4]) == c {
				n++
			}
		}
		return n
	}
	white := [4]uint8{0xFF, 0xFF, 0xFF, 0xFF}
	one, many := overlayImage(1), overlayImage(12)
	assert.Equal(t, image.Rect(0, 0, 16, 16), one.Bounds())
	assert.Zero(t, one.RGBAAt(0, 0).A, "the corners are transparent")
	assert.Equal(t, overlayRed, one.RGBAAt(3, 8), "the disc is red")
	assert.Positive(t, count(one, white), "the figure is drawn")
	assert.Greater(t, count(many, white), count(one, white), "9+ takes more ink than 1")
	assert.NotEqual(t, overlayImage(2).Pix, one.Pix, "each count looks its own")
}
