// Package instance lets a launch of the app hand its command line to the copy already running
// and end there, before any window or webview starts.
package instance

// UniqueID names the app to Wails' single-instance lock (options.SingleInstanceLock.UniqueId);
// Forward must be given the same, since both derive the running app's address from it.
const UniqueID = "com.jedidesk.desktop"
