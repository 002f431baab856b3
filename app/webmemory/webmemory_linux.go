//go:build linux && cgo

package webmemory

/*
#cgo linux pkg-config: gtk+-3.0
#cgo webkit2_41 pkg-config: webkit2gtk-4.1
#cgo !webkit2_41 pkg-config: webkit2gtk-4.0
#cgo CFLAGS: -I${SRCDIR}/../gtkwebview
#include <malloc.h>
#include <webkit2/webkit2.h>
#include "find_webview.h"

static void cleared(GObject *manager, GAsyncResult *result, gpointer data) {
	webkit_website_data_manager_clear_finish(WEBKIT_WEBSITE_DATA_MANAGER(manager), result, NULL);
	// The UI process's own heap: glibc keeps freed pages unless asked.
	malloc_trim(0);
}

// On GTK's thread, as WebKit wants. Wails uses WebKit's default context.
static gboolean release(gpointer data) {
	WebKitWebsiteDataManager *manager = webkit_web_context_get_website_data_manager(webkit_web_context_get_default());
	webkit_website_data_manager_clear(manager, WEBKIT_WEBSITE_DATA_MEMORY_CACHE, 0, NULL, cleared, NULL);
	return G_SOURCE_REMOVE;
}

static void release_soon(void) { g_idle_add(release, NULL); }

static WebKitWebView *app_webview(void) {
	GtkWidget *view = NULL;
	GList *windows = gtk_window_list_toplevels();
	for (GList *w = windows; w != NULL && view == NULL; w = w->next) view = find_webview(GTK_WIDGET(w->data));
	g_list_free(windows);
	return view ? WEBKIT_WEB_VIEW(view) : NULL;
}

static gboolean unload(gpointer data) {
	WebKitWebView *view = app_webview();
	if (view) webkit_web_view_terminate_web_process(view);
	return G_SOURCE_REMOVE;
}

static gboolean reload(gpointer data) {
	WebKitWebView *view = app_webview();
	if (view) webkit_web_view_reload(view);
	return G_SOURCE_REMOVE;
}

static void unload_soon(void) { g_idle_add(unload, NULL); }
static void reload_soon(void) { g_idle_add(reload, NULL); }
*/
import "C"

// Release drops WebKit's in-memory caches in every web process of the app and returns the
// free pages of the app's heap to the system. The page and the widget keep running.
func Release() { C.release_soon() }

// Unload ends the web process that runs the page and the widget: its memory is most of what
// WebKit holds (measured: 100 of 220 MiB). The window shows nothing until Reload.
func Unload() { C.unload_soon() }

// Reload loads the page again in a new web process.
func Reload() { C.reload_soon() }
