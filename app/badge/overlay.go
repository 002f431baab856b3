package badge

import (
	"image"
	"image/color"
	"strconv"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

// overlaySize is the side of a taskbar overlay icon: Windows draws it at the small icon size.
const overlaySize = 16

var (
	overlayRed   = color.RGBA{R: 0xC4, G: 0x1E, B: 0x1E, A: 0xFF}
	overlayWhite = color.RGBA{R: 0xFF, G: 0xFF, B: 0xFF, A: 0xFF}
)

// overlayText is what the overlay says for count: at most two characters fit.
func overlayText(count int) string {
	if count > 9 {
		return "9+"
	}
	return strconv.Itoa(count)
}

// overlayImage draws count as a taskbar overlay: white figures on a red disc, the rest
// transparent. The font is a fixed bitmap one, so the figures stay sharp at 16 pixels.
func overlayImage(count int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, overlaySize, overlaySize))
	const r = overlaySize / 2
	for y := range overlaySize {
		for x := range overlaySize {
			// Pixel centres inside the disc.
			dx, dy := 2*x+1-overlaySize, 2*y+1-overlaySize
			if dx*dx+dy*dy <= 4*r*r {
				img.SetRGBA(x, y, overlayRed)
			}
		}
	}
	text := overlayText(count)
	face := basicfont.Face7x13
	width := font.MeasureString(face, text).Ceil()
	d := font.Drawer{Dst: img, Src: image.NewUniform(overlayWhite), Face: face}
	// basicfont's figures sit between the baseline and 9 pixels above it.
	d.Dot = fixed.P((overlaySize-width)/2, (overlaySize+9)/2)
	d.DrawString(text)
	return img
}
