// Package contrast tells whether the user asked their desktop for high contrast. WebKitGTK does
// not pass that on to pages (no forced-colors, no prefers-contrast), so the app's page is told
// by the app and draws itself in its high-contrast colours.
package contrast

import (
	"os"
	"strings"
)

// High reports whether the desktop is set to high contrast: GNOME's accessibility setting, or
// a GTK contrast theme (GTK_THEME=HighContrast, HighContrastInverse).
func High() bool {
	return strings.HasPrefix(os.Getenv("GTK_THEME"), "HighContrast") || desktopHigh()
}
