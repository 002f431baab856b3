//go:build linux && cgo

// Command webkitfloor is the least a WebKitGTK program does to run a page's script: gtk_init, a
// 1100×760 window holding a WebKitWebView on the default context, with hardware acceleration
// off as the app has it, shown, the URL given as its argument loaded, gtk_main. No Wails, no
// bridge, no app code. The bench (test/bench, suite floor) times it from launch to the page's
// first script, the floor under any WebKitGTK app's start-up on the machine.
//
//	webkitfloor http://127.0.0.1:8080/
package main

/*
#cgo pkg-config: webkit2gtk-4.1 gtk+-3.0
#include <stdlib.h>
#include <gtk/gtk.h>
#include <webkit2/webkit2.h>

static void open_window(const char *uri) {
	GtkWidget *window = gtk_window_new(GTK_WINDOW_TOPLEVEL);
	gtk_window_set_default_size(GTK_WINDOW(window), 1100, 760);
	g_signal_connect(window, "destroy", G_CALLBACK(gtk_main_quit), NULL);
	GtkWidget *view = webkit_web_view_new();
	webkit_settings_set_hardware_acceleration_policy(
		webkit_web_view_get_settings(WEBKIT_WEB_VIEW(view)), WEBKIT_HARDWARE_ACCELERATION_POLICY_NEVER);
	gtk_container_add(GTK_CONTAINER(window), view);
	gtk_widget_show_all(window);
	webkit_web_view_load_uri(WEBKIT_WEB_VIEW(view), uri);
}
*/
import "C"

import (
	"fmt"
	"os"
	"runtime"
	"unsafe"
)

// GTK must be called from the thread that called gtk_init, and main runs on the main thread
// only if it locks it before it starts.
func init() { runtime.LockOSThread() }

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: webkitfloor URL")
		os.Exit(2)
	}
	C.gtk_init(nil, nil)
	uri := C.CString(os.Args[1])
	defer C.free(unsafe.Pointer(uri))
	C.open_window(uri)
	C.gtk_main()
}
