// Package contrast tells whether the user asked their desktop for high contrast. WebKitGTK does
// not pass that on to pages (no forced-colors, no prefers-contrast), so the app's page is told
// by the app and draws itself in its high-contrast colours.
package contrast

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// gnomeWait bounds the question to GNOME's settings: a desktop without them answers at once.
const gnomeWait = time.Second

// High reports whether the desktop is set to high contrast: a GTK contrast theme
// (GTK_THEME=HighContrast, HighContrastInverse), or GNOME's accessibility switch. Asked once
// per run.
var High = sync.OnceValue(func() bool {
	return strings.HasPrefix(os.Getenv("GTK_THEME"), "HighContrast") || gnomeHigh()
})

// gnomeHigh asks gsettings, a program of its own: GSettings in the app's process aborts it on
// a schema that is not installed, and would tie the app to dconf's bus. Elsewhere there is no
// gsettings and the answer is no (WebView2 and WKWebView tell the page themselves).
func gnomeHigh() bool {
	ctx, cancel := context.WithTimeout(context.Background(), gnomeWait)
	defer cancel()
	out, err := exec.CommandContext(ctx, "gsettings", "get", "org.gnome.desktop.a11y.interface", "high-contrast").Output()
	return err == nil && strings.TrimSpace(string(out)) == "true"
}
