// The proxy setting as a GProxyResolver, for the libsoup sessions of the app's own requests
// (app/widgetcache), so that they take the way the webview takes (app/proxy/webview).
#ifndef JEDIDESK_PROXY_RESOLVER_H
#define JEDIDESK_PROXY_RESOLVER_H

#include <gio/gio.h>

// uri and ignore_hosts are Config.GLib's; "" is the desktop's own resolver. The caller unrefs.
static inline GProxyResolver *jd_proxy_resolver(const char *uri, char **ignore_hosts) {
	if (uri == NULL || uri[0] == '\0') return g_object_ref(g_proxy_resolver_get_default());
	return g_simple_proxy_resolver_new(uri, ignore_hosts);
}

#endif
