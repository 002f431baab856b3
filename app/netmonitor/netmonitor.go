// Package netmonitor tells the app when the desktop's network changes (a cable, a Wi-Fi, a VPN
// coming or going), so that a chat that could not load is tried again at once rather than at
// the next pause.
package netmonitor
