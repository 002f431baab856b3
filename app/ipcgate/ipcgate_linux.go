//go:build linux && cgo

package ipcgate

/*
#cgo linux pkg-config: gtk+-3.0
#cgo webkit2_41 pkg-config: webkit2gtk-4.1
#cgo !webkit2_41 pkg-config: webkit2gtk-4.0
#cgo CFLAGS: -I${SRCDIR}/../gtkwebview
#include <stdlib.h>
#include <gtk/gtk.h>
#include <webkit2/webkit2.h>
#include "find_webview.h"

// Wails' own entry for messages from the page (exported by its Linux frontend with cgo). Weak,
// so that this package's tests link without Wails; the app always has it.
extern void processMessage(char *) __attribute__((weak));
extern int ipcgateFilter(char *message, char **passed);

static void on_message(WebKitUserContentManager *manager, WebKitJavascriptResult *result, gpointer data) {
	JSCValue *value = webkit_javascript_result_get_js_value(result);
	char *message = jsc_value_to_string(value);
	char *passed = NULL;
	if (ipcgateFilter(message, &passed) && processMessage != NULL) processMessage(passed);
	free(passed);
	g_free(message);
}

// Blocks Wails' handler of the "external" messages and puts the gate in its place. Returns 0
// while there is no webview in a window yet, -1 when its handler could not be replaced.
static int install_gate(void) {
	int installed = 0;
	GList *windows = gtk_window_list_toplevels();
	for (GList *w = windows; w != NULL; w = w->next) {
		GtkWidget *view = find_webview(GTK_WIDGET(w->data));
		if (view == NULL) continue;
		WebKitUserContentManager *manager = webkit_web_view_get_user_content_manager(WEBKIT_WEB_VIEW(view));
		guint id = g_signal_lookup("script-message-received", WEBKIT_TYPE_USER_CONTENT_MANAGER);
		// Wails connects its handler with no user data; it is the only one on this manager's
		// messages (the detail does not take part in matching here).
		guint blocked = g_signal_handlers_block_matched(manager, G_SIGNAL_MATCH_ID | G_SIGNAL_MATCH_DATA, id, 0, NULL, NULL, NULL);
		if (blocked == 0) {
			installed = -1;
			continue;
		}
		g_signal_connect(manager, "script-message-received::external", G_CALLBACK(on_message), NULL);
		installed = 1;
	}
	g_list_free(windows);
	return installed;
}

extern void ipcgateInstalled(int ok);

// Wails starts the app's OnStartup beside building the window, so the webview may not be in
// it yet: look again every 10 ms, for up to 5 s (the page's first message comes much later).
static gboolean install_on_main_loop(gpointer data) {
	static int attempts = 0;
	int result = install_gate();
	if (result == 0 && ++attempts < 500) return G_SOURCE_CONTINUE;
	ipcgateInstalled(result == 1);
	return G_SOURCE_REMOVE;
}

static void schedule_install(void) { g_timeout_add(10, install_on_main_loop, NULL); }
*/
import "C"

import "sync"

var (
	mu        sync.Mutex
	gateKey   string
	onRefused func(string)
	onReady   func(bool)
)

// Install puts the gate in front of Wails' message handler once the GTK main loop runs (call
// it from OnStartup, before the page loads). Messages without key are handed to refused, on
// a goroutine of its own; ready hears whether the gate is up.
func Install(key string, refused func(description string), ready func(ok bool)) {
	mu.Lock()
	gateKey, onRefused, onReady = key, refused, ready
	mu.Unlock()
	C.schedule_install()
}

//export ipcgateFilter
func ipcgateFilter(message *C.char, passed **C.char) C.int {
	mu.Lock()
	key, refused := gateKey, onRefused
	mu.Unlock()
	rest, ok := Strip(key, C.GoString(message))
	if !ok {
		if refused != nil {
			// Never block the GTK main loop on the app's work.
			go refused(Describe(C.GoString(message)))
		}
		return 0
	}
	*passed = C.CString(rest)
	return 1
}

//export ipcgateInstalled
func ipcgateInstalled(ok C.int) {
	mu.Lock()
	ready := onReady
	mu.Unlock()
	if ready != nil {
		go ready(ok != 0)
	}
}
