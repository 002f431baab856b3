// Package instance lets a launch of the app hand its command line to the copy already running
// and end there, before any window or webview starts. Forward must be given the app's id, the
// same as options.SingleInstanceLock.UniqueId, since both derive the running app's address
// from it; two brands with different ids never reach each other.
package instance
