//go:build linux && cgo

package webview

/*
#cgo linux pkg-config: gtk+-3.0
#cgo webkit2_41 pkg-config: webkit2gtk-4.1
#cgo !webkit2_41 pkg-config: webkit2gtk-4.0
#cgo CFLAGS: -I${SRCDIR}/../../gtkwebview
#include <gtk/gtk.h>
#include <webkit2/webkit2.h>
#include <stdlib.h>
#include "find_webview.h"

typedef struct {
	char *uri;
	char **ignore;
} proxy_job;

// A proxy that wants a sign-in (407) gets none from WebKit's own dialog, which is in
// WebKitGTK's words and keeps nothing: the load fails, and the app's own request for the
// widget's script, which comes first, has asked the user in the app's words (app/proxysignin.go);
// the details then reach the proxy through proxy.Relay.
static gboolean on_authenticate(WebKitWebView *view, WebKitAuthenticationRequest *request, gpointer data) {
	if (!webkit_authentication_request_is_for_proxy(request)) return FALSE;
	webkit_authentication_request_cancel(request);
	return TRUE;
}

// The webview's network process takes the setting for every request after this one: the page
// asks for the widget only once Go has answered its PageReady, well after the webview is found.
static void set_proxy(WebKitWebView *view, gpointer data) {
	proxy_job *job = data;
	if (!g_object_get_data(G_OBJECT(view), "jedidesk-proxy-sign-in")) {
		g_signal_connect(view, "authenticate", G_CALLBACK(on_authenticate), NULL);
		g_object_set_data(G_OBJECT(view), "jedidesk-proxy-sign-in", GINT_TO_POINTER(1));
	}
	WebKitWebsiteDataManager *manager = webkit_web_view_get_website_data_manager(view);
	if (job->uri[0] == '\0') {
		webkit_website_data_manager_set_network_proxy_settings(manager, WEBKIT_NETWORK_PROXY_MODE_DEFAULT, NULL);
	} else if (strcmp(job->uri, "direct://") == 0) {
		webkit_website_data_manager_set_network_proxy_settings(manager, WEBKIT_NETWORK_PROXY_MODE_NO_PROXY, NULL);
	} else {
		WebKitNetworkProxySettings *settings = webkit_network_proxy_settings_new(job->uri, (const char *const *)job->ignore);
		webkit_website_data_manager_set_network_proxy_settings(manager, WEBKIT_NETWORK_PROXY_MODE_CUSTOM, settings);
		webkit_network_proxy_settings_free(settings);
	}
	g_free(job->uri);
	g_strfreev(job->ignore);
	g_free(job);
}

static void schedule_proxy(char *uri, char **ignore) {
	proxy_job *job = g_new0(proxy_job, 1);
	job->uri = g_strdup(uri);
	job->ignore = g_strdupv(ignore);
	when_webview(set_proxy, job);
}
*/
import "C"

import (
	"unsafe"

	"jedidesk-desktop/app/proxy"
)

// Apply gives the webview c for its page, frame and sockets; it does not wait for GTK's main
// loop.
func Apply(c proxy.Config) {
	uri, ignore := c.GLib()
	cURI := C.CString(uri)
	defer C.free(unsafe.Pointer(cURI))
	list := proxy.CStrings(ignore)
	defer proxy.FreeCStrings(list)
	C.schedule_proxy(cURI, (**C.char)(unsafe.Pointer(&list[0])))
}
