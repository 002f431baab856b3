package tray

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The tray icons are drawn here, from the same shapes as build/appicon.svg, and committed under
// icons/: `go test ./app/tray -run TestCommittedIcons -update` redraws them.
var update = flag.Bool("update", false, "redraw the committed tray icons in icons/")

var (
	pngSize  = 64
	icoSizes = []int{16, 32, 48, 64}
	brand    = color.NRGBA{0x35, 0x57, 0xE6, 0xFF}
	white    = color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}
	red      = color.NRGBA{0xE5, 0x1B, 0x24, 0xFF}
)

// The badge sits in the top right corner, cut out of the icon by a transparent ring so that it
// reads against a blue or a red panel alike. Units are the SVG's 1024 per side.
const (
	badgeX, badgeY, badgeR = 784.0, 240.0, 240.0
	badgeGap               = 64.0
)

// paint is the colour of the icon at (x, y), in the SVG's units, or false where it is clear.
func paint(x, y float64, badge bool) (color.NRGBA, bool) {
	if badge {
		d := math.Hypot(x-badgeX, y-badgeY)
		if d <= badgeR {
			return red, true
		}
		if d <= badgeR+badgeGap {
			return color.NRGBA{}, false
		}
	}
	for _, cx := range []float64{368, 512, 656} {
		if math.Hypot(x-cx, y-464) <= 56 {
			return brand, true
		}
	}
	if inRoundedRect(x, y, 208, 240, 816, 688, 176) || inTriangle(x, y, 312, 600, 272, 808, 488, 668) {
		return white, true
	}
	if inRoundedRect(x, y, 32, 32, 992, 992, 216) {
		return brand, true
	}
	return color.NRGBA{}, false
}

func inRoundedRect(x, y, x0, y0, x1, y1, r float64) bool {
	cx := math.Max(x0+r, math.Min(x, x1-r))
	cy := math.Max(y0+r, math.Min(y, y1-r))
	return x >= x0 && x <= x1 && y >= y0 && y <= y1 && math.Hypot(x-cx, y-cy) <= r
}

func inTriangle(x, y, ax, ay, bx, by, cx, cy float64) bool {
	side := func(px, py, qx, qy float64) float64 { return (qx-px)*(y-py) - (qy-py)*(x-px) }
	d1, d2, d3 := side(ax, ay, bx, by), side(bx, by, cx, cy), side(cx, cy, ax, ay)
	return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0))
}

// draw renders the icon at size px, averaging 8×8 samples a pixel for smooth edges.
func draw(size int, badge bool) *image.NRGBA {
	const samples = 8
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	scale := 1024 / float64(size)
	for py := range size {
		for px := range size {
			var r, g, b, a float64
			for sy := range samples {
				for sx := range samples {
					x := (float64(px) + (float64(sx)+0.5)/samples) * scale
					y := (float64(py) + (float64(sy)+0.5)/samples) * scale
					if c, ok := paint(x, y, badge); ok {
						r, g, b, a = r+float64(c.R), g+float64(c.G), b+float64(c.B), a+1
					}
				}
			}
			if a == 0 {
				continue
			}
			img.SetNRGBA(px, py, color.NRGBA{
				R: uint8(math.Round(r / a)), G: uint8(math.Round(g / a)), B: uint8(math.Round(b / a)),
				A: uint8(math.Round(255 * a / (samples * samples))),
			})
		}
	}
	return img
}

func encodePNG(t *testing.T, img image.Image) []byte {
	var buf bytes.Buffer
	require.NoError(t, png.Encode(&buf, img))
	return buf.Bytes()
}

// encodeICO writes PNG images into an ICO container, which Windows reads since Vista.
func encodeICO(t *testing.T, images []*image.NRGBA) []byte {
	var body bytes.Buffer
	var dir bytes.Buffer
	offset := 6 + 16*len(images)
	for _, img := range images {
		data := encodePNG(t, img)
		size := img.Bounds().Dx()
		require.Less(t, size, 256, "an ICO entry's width byte holds up to 255")
		require.NoError(t, binary.Write(&dir, binary.LittleEndian, struct {
			W, H, Colors, Reserved uint8
			Planes, BitCount       uint16
			Size, Offset           uint32
		}{uint8(size), uint8(size), 0, 0, 1, 32, uint32(len(data)), uint32(offset + body.Len())}))
		body.Write(data)
	}
	var out bytes.Buffer
	require.NoError(t, binary.Write(&out, binary.LittleEndian, [3]uint16{0, 1, uint16(len(images))}))
	out.Write(dir.Bytes())
	out.Write(body.Bytes())
	return out.Bytes()
}

// decodeICO reads back what encodeICO writes, checking the directory on the way.
func decodeICO(t *testing.T, data []byte) []image.Image {
	r := bytes.NewReader(data)
	var head [3]uint16
	require.NoError(t, binary.Read(r, binary.LittleEndian, &head))
	require.Equal(t, [2]uint16{0, 1}, [2]uint16{head[0], head[1]}, "ICO header")
	var images []image.Image
	for range head[2] {
		var e struct {
			W, H, Colors, Reserved uint8
			Planes, BitCount       uint16
			Size, Offset           uint32
		}
		require.NoError(t, binary.Read(r, binary.LittleEndian, &e))
		require.LessOrEqual(t, int(e.Offset+e.Size), len(data), "ICO entry inside the file")
		img, err := png.Decode(bytes.NewReader(data[e.Offset : e.Offset+e.Size]))
		require.NoError(t, err)
		require.Equal(t, image.Pt(int(e.W), int(e.H)), img.Bounds().Size(), "ICO entry's size matches its image")
		images = append(images, img)
	}
	return images
}

// assertLooksLike compares pixels with a little slack, as floating point may round differently
// on another CPU.
func assertLooksLike(t *testing.T, want *image.NRGBA, got image.Image, name string) {
	t.Helper()
	require.Equal(t, want.Bounds(), got.Bounds(), name)
	off := 0
	for y := range want.Bounds().Dy() {
		for x := range want.Bounds().Dx() {
			w := want.NRGBAAt(x, y)
			g := color.NRGBAModel.Convert(got.At(x, y)).(color.NRGBA)
			if diff(w.R, g.R) > 2 || diff(w.G, g.G) > 2 || diff(w.B, g.B) > 2 || diff(w.A, g.A) > 2 {
				off++
			}
		}
	}
	assert.Zero(t, off, "%s: pixels unlike the drawing (run with -update after changing it)", name)
}

func diff(a, b uint8) int { return int(math.Abs(float64(a) - float64(b))) }

func TestCommittedIconsMatchTheirDrawing(t *testing.T) {
	for _, badge := range []bool{false, true} {
		name := "tray"
		if badge {
			name = "tray-unread"
		}
		t.Run(name, func(t *testing.T) {
			pngPath, icoPath := filepath.Join("icons", name+".png"), filepath.Join("icons", name+".ico")
			var icoImages []*image.NRGBA
			for _, size := range icoSizes {
				icoImages = append(icoImages, draw(size, badge))
			}
			if *update {
				require.NoError(t, os.MkdirAll("icons", 0o755))
				require.NoError(t, os.WriteFile(pngPath, encodePNG(t, draw(pngSize, badge)), 0o644))
				require.NoError(t, os.WriteFile(icoPath, encodeICO(t, icoImages), 0o644))
			}

			data, err := os.ReadFile(pngPath)
			require.NoError(t, err)
			got, err := png.Decode(bytes.NewReader(data))
			require.NoError(t, err)
			assertLooksLike(t, draw(pngSize, badge), got, pngPath)

			data, err = os.ReadFile(icoPath)
			require.NoError(t, err)
			entries := decodeICO(t, data)
			require.Len(t, entries, len(icoSizes))
			for i, img := range entries {
				assertLooksLike(t, icoImages[i], img, fmt.Sprintf("%s at %d px", icoPath, icoSizes[i]))
			}
		})
	}
}

func TestOnlyTheUnreadIconHasARedBadge(t *testing.T) {
	for _, size := range icoSizes {
		t.Run(fmt.Sprint(size, "px"), func(t *testing.T) {
			// The badge's centre, in pixels.
			x, y := int(badgeX*float64(size)/1024), int(badgeY*float64(size)/1024)
			assert.Equal(t, red, draw(size, true).NRGBAAt(x, y), "badge on the unread icon")
			assert.NotEqual(t, red, draw(size, false).NRGBAAt(x, y), "no badge on the normal icon")
		})
	}
}
