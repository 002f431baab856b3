package app

import (
	"fmt"

	"jedidesk-desktop/app/settings"
	"jedidesk-desktop/app/webviewprefs"
	"jedidesk-desktop/app/zoom"
	"jedidesk-desktop/app/zoomkeys"
)

// EventSettings tells the page the settings changed outside its form (the menu, a switch).
const EventSettings = "settings:changed"

// applyWebview gives the webview the saved zoom and sound settings and the UI language's
// spelling dictionary.
func (a *App) applyWebview() {
	s := a.settings.store.Current()
	webviewprefs.Apply(webviewprefs.Prefs{
		Zoom:           float64(s.ZoomLevel()) / 100,
		SpellLanguages: webviewprefs.SpellLanguages(a.currentLanguage().Code),
		Muted:          s.SoundsOff,
	})
}

// zoomTo sets the zoom level to step(the current level) and remembers it.
func (a *App) zoomTo(step func(level int) int) {
	if _, err := a.settings.update(func(s *settings.Settings) { s.Zoom = step(s.ZoomLevel()) }); err != nil {
		fmt.Fprintln(a.log, "jedidesk-desktop: zoom level not remembered:", err)
	}
	a.applyWebview()
}

func (a *App) zoomIn()    { a.zoomTo(zoom.In) }
func (a *App) zoomOut()   { a.zoomTo(zoom.Out) }
func (a *App) zoomReset() { a.zoomTo(func(int) int { return zoom.Default }) }

// zoomKey is a zoom key the menu does not hold (app/zoomkeys).
func (a *App) zoomKey(step zoomkeys.Step) {
	switch step {
	case zoomkeys.In:
		a.zoomIn()
	case zoomkeys.Out:
		a.zoomOut()
	case zoomkeys.Reset:
		a.zoomReset()
	}
}
