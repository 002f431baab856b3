// Package navguard keeps the webview on the app's own page. The widget is third-party code in
// a window that holds the user's profile and the app's bound methods: if it (or anything it
// loads) navigates the window away, the next page would have that access. Blocked navigations
// are handed to a callback that decides whether the link may open in the system browser.
package navguard

// Blocked describes a navigation the guard stopped.
type Blocked struct {
	URL string
	// NewWindow is true for window.open and target=_blank links.
	NewWindow bool
	// UserGesture is true when a click or key press started it.
	UserGesture bool
}
