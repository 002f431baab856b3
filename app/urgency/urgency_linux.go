//go:build linux && cgo

package urgency

/*
#cgo linux pkg-config: gtk+-3.0
#cgo webkit2_41 pkg-config: webkit2gtk-4.1
#cgo !webkit2_41 pkg-config: webkit2gtk-4.0
#cgo CFLAGS: -I${SRCDIR}/../gtkwebview
#include <gtk/gtk.h>
#include <webkit2/webkit2.h>
#include "find_webview.h"

// The window is the webview's: GTK sets the ICCCM urgency hint (X11) or asks the compositor for
// attention (Wayland, where it has a protocol for it).
static void set_hint(WebKitWebView *view, gpointer on) {
	GtkWidget *window = gtk_widget_get_toplevel(GTK_WIDGET(view));
	if (gtk_widget_is_toplevel(window)) gtk_window_set_urgency_hint(GTK_WINDOW(window), GPOINTER_TO_INT(on));
}

static void schedule_hint(int on) { when_webview(set_hint, GINT_TO_POINTER(on)); }
*/
import "C"

// Set marks the app's window as wanting attention, or takes the mark back; it does not wait
// for GTK's main loop.
func Set(on bool) {
	flag := C.int(0)
	if on {
		flag = 1
	}
	C.schedule_hint(flag)
}
