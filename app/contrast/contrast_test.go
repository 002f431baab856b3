package contrast

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestAGTKContrastThemeIsHighContrast(t *testing.T) {
	for _, tt := range []struct {
		theme string
		high  bool
	}{{"HighContrast", true}, {"HighContrastInverse", true}, {"Adwaita:dark", false}} {
		t.Run(tt.theme, func(t *testing.T) {
			t.Setenv("GTK_THEME", tt.theme)
			if tt.high {
				assert.True(t, High())
			} else {
				assert.Equal(t, desktopHigh(), High(), "then GNOME's setting decides")
			}
		})
	}
}
