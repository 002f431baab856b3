// The app's WebKitWebView, for the packages that reach WebKitGTK where Wails exposes nothing
// (app/navguard, app/ipcgate). Wails builds the window itself; its webview is the one
// WebKitWebView inside the app's top-level windows.
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

#endif
