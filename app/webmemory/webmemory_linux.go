//go:build linux && cgo

package webmemory

/*
#cgo linux pkg-config: gtk+-3.0
#cgo webkit2_41 pkg-config: webkit2gtk-4.1
#cgo !webkit2_41 pkg-config: webkit2gtk-4.0
#include <malloc.h>
#include <webkit2/webkit2.h>

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
*/
import "C"

// Release drops WebKit's in-memory caches in every web process of the app and returns the
// free pages of the app's heap to the system. The page and the widget keep running.
func Release() { C.release_soon() }
