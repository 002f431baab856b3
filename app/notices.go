package app

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync"

	"jedidesk-desktop/app/jsonfile"
)

// noticeBoard keeps the problems the user should know about: the page shows them all on every
// load, and each is written to the log as it comes, in English.
type noticeBoard struct {
	app *App

	mu   sync.Mutex
	list []Notice
}

// Notice is a problem the user should know about, as a catalogue key and its placeholders so
// the page shows it in the UI language.
type Notice struct {
	Key  string            `json:"key"`
	Args map[string]string `json:"args"`
}

// loadFailed turns a failed load of one of the user's files into words for the window and log.
func (b *noticeBoard) loadFailed(what string, err error) {
	if err == nil {
		return
	}
	var corrupt *jsonfile.CorruptError
	if errors.As(err, &corrupt) {
		b.add(Notice{Key: "notice." + what + "Corrupt", Args: map[string]string{"error": corrupt.Err.Error(), "path": corrupt.AsidePath}}, nil)
	} else {
		b.add(Notice{Key: "notice." + what + "Unreadable", Args: map[string]string{"error": err.Error()}}, nil)
	}
}

// add shows n in the window and writes it to the log (in English, with cause when given).
func (b *noticeBoard) add(n Notice, cause error) {
	b.mu.Lock()
	b.list = append(b.list, n)
	notices := append([]Notice(nil), b.list...)
	b.mu.Unlock()
	args := make([]string, 0, 2*len(n.Args))
	for k, v := range n.Args {
		args = append(args, k, v)
	}
	text := b.app.texts("en").T(n.Key, args...)
	if cause != nil {
		text += " (" + cause.Error() + ")"
	}
	fmt.Fprintln(b.app.log, "jedidesk-desktop:", text)
	b.app.page.emit(EventNotices, notices)
}

// addOnce is add for a problem that asking again may repeat: the window shows it once.
func (b *noticeBoard) addOnce(n Notice, cause error) {
	b.mu.Lock()
	shown := slices.ContainsFunc(b.list, func(m Notice) bool { return m.Key == n.Key && maps.Equal(m.Args, n.Args) })
	b.mu.Unlock()
	if !shown {
		b.add(n, cause)
	}
}

// all are the notices so far, for a page that (re)loads.
func (b *noticeBoard) all() []Notice {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]Notice(nil), b.list...)
}
