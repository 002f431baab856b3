package contrast

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestAGTKContrastThemeIsHighContrast(t *testing.T) {
	t.Setenv("GTK_THEME", "HighContrastInverse")
	assert.True(t, High())
}

func TestWithoutGNOMEsSettingsTheAnswerIsNo(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	assert.False(t, gnomeHigh())
}
