// The app's WebKitWebView, for the packages that reach WebKitGTK where Wails exposes nothing
// (app/navguard, app/ipcgate, app/contextmenu, app/webviewprefs, app/webmemory, app/zoomkeys).
// Wails builds the window itself; its webview is the one WebKitWebView inside the app's
// top-level windows.
#ifndef JEDIDESK_FIND_WEBVIEW_H
#define JEDIDESK_FIND_WEBVIEW_H

#include <gtk/gtk.h>
#include <webkit2/webkit2.h>

static GtkWidget *find_webview(GtkWidget *widget) {
	if (WEBKIT_IS_WEB_VIEW(widget)) return widget;
	if (!GTK_IS_CONTAINER(widget)) return NULL;
	GList *children = gtk_container_get_children(GTK_CONTAINER(widget));
	GtkWidget *found = NULL;
	for (GList *l = children; l != NULL && found == NULL; l = l->next) found = find_webview(GTK_WIDGET(l->data));
	g_list_free(children);
	return found;
}

typedef struct {
	void (*fn)(WebKitWebView *view, gpointer data);
	gpointer data;
	int attempts;
} when_webview_job;

static inline gboolean when_webview_tick(gpointer p) {
	when_webview_job *job = p;
	gboolean found = FALSE;
	GList *windows = gtk_window_list_toplevels();
	for (GList *w = windows; w != NULL; w = w->next) {
		GtkWidget *view = find_webview(GTK_WIDGET(w->data));
		if (view == NULL) continue;
		job->fn(WEBKIT_WEB_VIEW(view), job->data);
		found = TRUE;
	}
	g_list_free(windows);
	if (found || ++job->attempts >= 500) {
		g_free(job);
		return G_SOURCE_REMOVE;
	}
	return G_SOURCE_CONTINUE;
}

// Calls fn on the GTK main loop with the app's webview. Wails starts the app's OnStartup beside
// building the window, so the webview may not be in it yet: it looks again every 10 ms, for up
// to 5 s (the page loads after it is in). Call it from any thread.
static inline void when_webview(void (*fn)(WebKitWebView *view, gpointer data), gpointer data) {
	when_webview_job *job = g_new0(when_webview_job, 1);
	job->fn = fn;
	job->data = data;
	g_timeout_add(10, when_webview_tick, job);
}

#endif
