//go:build linux && cgo

package netmonitor

/*
#cgo pkg-config: gio-2.0
#include <gio/gio.h>

extern void netmonitorChanged(void);

static void on_changed(GNetworkMonitor *monitor, gboolean available, gpointer data) { netmonitorChanged(); }

// GIO's monitor (NetworkManager's, else the kernel's routes), which WebKitGTK itself follows;
// its signal comes on the main loop that GTK runs.
static gboolean watch(gpointer data) {
	g_signal_connect(g_network_monitor_get_default(), "network-changed", G_CALLBACK(on_changed), NULL);
	return G_SOURCE_REMOVE;
}

static void start_watch(void) { g_idle_add(watch, NULL); }
*/
import "C"

import "sync"

var (
	mu      sync.Mutex
	changed func()
)

//export netmonitorChanged
func netmonitorChanged() {
	mu.Lock()
	f := changed
	mu.Unlock()
	if f != nil {
		go f()
	}
}

// Watch calls f, on a goroutine of its own, each time the desktop's network changes. Call it
// once.
func Watch(f func()) {
	mu.Lock()
	changed = f
	mu.Unlock()
	C.start_watch()
}
