// Package display ends the app, with a line in its log, when the display it draws on goes away
// (the X server ends, or the user's X session with it). GTK would end the process at once and
// in silence; the log line is what tells a user or support why the app went.
package display
