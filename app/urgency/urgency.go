// Package urgency marks the app's window as wanting the user's attention: a reply came while
// the user was looking elsewhere. Desktops show it their own way (a highlighted taskbar button,
// a blinking panel entry), and the mark stays until the app takes it back.
package urgency
