//go:build linux && cgo

package zoomkeys

/*
#cgo linux pkg-config: gtk+-3.0
#cgo webkit2_41 pkg-config: webkit2gtk-4.1
#cgo !webkit2_41 pkg-config: webkit2gtk-4.0
#cgo CFLAGS: -I${SRCDIR}/../gtkwebview
#include <gtk/gtk.h>
#include <webkit2/webkit2.h>
#include "find_webview.h"

extern void zoomkeysPressed(int step);

// The Go Steps (zoomkeys.go), in their order.
enum { STEP_IN, STEP_OUT, STEP_RESET };

// On the window, so it runs before the webview takes the key, wherever the focus is (the page
// or the widget's frame): GTK emits key-press-event on the window first.
static gboolean on_key_press(GtkWidget *window, GdkEventKey *event, gpointer data) {
	GdkModifierType mods = event->state & gtk_accelerator_get_default_mod_mask();
	if ((mods & GDK_CONTROL_MASK) == 0 || (mods & (GDK_MOD1_MASK | GDK_SUPER_MASK)) != 0) return FALSE;
	switch (event->keyval) {
	case GDK_KEY_plus:
	case GDK_KEY_KP_Add:
		zoomkeysPressed(STEP_IN);
		return TRUE;
	case GDK_KEY_KP_Subtract:
		zoomkeysPressed(STEP_OUT);
		return TRUE;
	case GDK_KEY_KP_0:
		zoomkeysPressed(STEP_RESET);
		return TRUE;
	}
	return FALSE;
}

static void connect_keys(WebKitWebView *view, gpointer data) {
	GtkWidget *window = gtk_widget_get_toplevel(GTK_WIDGET(view));
	if (gtk_widget_is_toplevel(window)) g_signal_connect(window, "key-press-event", G_CALLBACK(on_key_press), NULL);
}

static void install_keys(void) { when_webview(connect_keys, NULL); }
*/
import "C"

import "sync/atomic"

var zoom atomic.Pointer[func(Step)]

// Install has the app's window call zoom for Ctrl and +, and for Ctrl and the keypad's +, -
// and 0, once its webview is in it.
func Install(to func(Step)) {
	zoom.Store(&to)
	C.install_keys()
}

//export zoomkeysPressed
func zoomkeysPressed(step C.int) {
	if to := zoom.Load(); to != nil {
		// Off GTK's main loop: zooming saves the settings and schedules work back on the loop.
		go (*to)(Step(step))
	}
}
