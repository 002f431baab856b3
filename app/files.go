package app

import (
	"fmt"

	"jedidesk-desktop/app/filedrop"
)

// EventFileDrop hands the page the files the user dropped on the window.
const EventFileDrop = "ui:file-drop"

// FileDrop is a drop: where on the page (CSS pixels) and what.
type FileDrop struct {
	X     float64         `json:"x"`
	Y     float64         `json:"y"`
	Files []filedrop.File `json:"files"`
}

// filesDropped reads what the user dropped on the window at x, y (the webview's pixels) and
// hands it to the page, which gives it to the chat if it was dropped there.
func (a *App) filesDropped(x, y int, paths []string) {
	files, err := filedrop.Read(paths)
	if err != nil {
		// The log says why, never which files.
		fmt.Fprintln(a.log, "jedidesk-desktop: a dropped file was not attached:", err)
		return
	}
	if len(files) == 0 {
		return
	}
	zoom := float64(a.settings.store.Current().ZoomLevel()) / 100
	a.page.emit(EventFileDrop, FileDrop{X: float64(x) / zoom, Y: float64(y) / zoom, Files: files})
}
