package app

import (
	"fmt"
	"path/filepath"

	"jedidesk-desktop/app/i18n"
	"jedidesk-desktop/app/jsonfile"
)

// notSavedError is a failed save worded for the window, in the UI language; the page shows its
// text as it is. The error underneath stays wrapped for the log and for callers.
type notSavedError struct {
	text string
	err  error
}

func (e *notSavedError) Error() string { return e.text }
func (e *notSavedError) Unwrap() error { return e.err }

// notSaved says why saving path failed and what to do about it: a full disk or a read-only
// folder is named as such, rather than as a system error.
func (a *App) notSaved(path string, err error) error {
	fmt.Fprintf(a.log, "jedidesk-desktop: %s not saved: %v\n", filepath.Base(path), err)
	text := i18n.For(a.currentLanguage().Code).T("save."+string(jsonfile.ProblemOf(err)),
		"folder", filepath.Dir(path), "error", err.Error())
	return &notSavedError{text: text, err: err}
}
