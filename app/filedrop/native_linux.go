//go:build linux

package filedrop

// Native: on Linux the app takes file drops itself (WebKitGTK gives the page no file), and
// there only the app's page can speak to Go (app/ipcgate), so no frame can make up a drop to
// have a file read.
const Native = true
