// Package notify shows desktop notifications for the support team's messages and tells the app
// when the user clicks one. On Linux it speaks the freedesktop notification protocol over the
// session bus; other systems are not supported yet.
package notify

import (
	"errors"
	"strings"
	"unicode"

	"github.com/rivo/uniseg"
)

var (
	// ErrNoServer means no notification server answers on the session bus, so nothing would
	// be shown.
	ErrNoServer = errors.New("no desktop notification server on the session bus")
	// ErrUnsupported means notifications are not built for this OS yet.
	ErrUnsupported = errors.New("desktop notifications are not supported on this OS yet")
)

// maxLength is how many characters (as the eye counts them) of a message a popup shows; the
// full message is one click away in the chat.
const maxLength = 200

var markupEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// Text is message as a notification body for a server that reads the body as markup: shortened,
// and escaped so that what the support team typed shows as typed, never as markup.
func Text(message string) string {
	return markupEscaper.Replace(shorten(message))
}

// shorten cuts message to maxLength characters, ending in "…" when cut. It cuts between
// grapheme clusters, so a letter with its accents, an emoji with its skin tone or a flag is
// never split.
func shorten(message string) string {
	s := strings.TrimSpace(clean(message))
	rest, state := s, -1
	for n := 0; rest != ""; n++ {
		if n == maxLength-1 {
			if _, after, _, _ := uniseg.FirstGraphemeClusterInString(rest, state); after == "" {
				return s // exactly maxLength: nothing to cut
			}
			return strings.TrimRightFunc(s[:len(s)-len(rest)], unicode.IsSpace) + "…"
		}
		_, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
	}
	return s
}

// clean makes s a valid D-Bus string: the bus daemon drops the connection of a client that
// sends invalid UTF-8, and strings cannot carry NUL.
func clean(s string) string {
	return strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "")
}
