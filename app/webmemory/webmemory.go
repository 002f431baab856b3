// Package webmemory gives memory back while the app waits hidden in the tray, which is most of
// its day: WebKit's in-memory caches (the widget's decoded images, fonts and scripts, which
// the window shows again on demand) and the free pages of the app's own heap; and, when the
// widget has nothing to wait for, the whole web process, which the page is loaded in again
// when it is needed.
package webmemory

import "time"

// ReleaseAfter is how long the window stays hidden before memory is released: a window
// hidden and shown again at once keeps its caches warm.
const ReleaseAfter = 30 * time.Second
