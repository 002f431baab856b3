//go:build linux && cgo

package widgetcache

/*
#cgo pkg-config: libsoup-3.0
#cgo CFLAGS: -I${SRCDIR}/../proxy
#include <libsoup/soup.h>
#include <stdlib.h>
#include "resolver.h"

// One session per request: SoupSession is not for use from several threads at once, and Go
// runs each fetch on a thread of its own. Requests to a server are few and parallel anyway.
static SoupMessage *widget_get(const char *url) {
	return soup_message_new("GET", url);
}

static void widget_header(SoupMessage *msg, const char *name, const char *value) {
	soup_message_headers_append(soup_message_get_request_headers(msg), name, value);
}

// The proxy's sign-in, answered once a message: a second ask means the proxy refused it, and
// the 407 goes to Go.
typedef struct {
	const char *user, *password;
} widget_sign_in;

static gboolean widget_authenticate(SoupMessage *msg, SoupAuth *auth, gboolean retrying, gpointer data) {
	widget_sign_in *sign_in = data;
	if (!soup_auth_is_for_proxy(auth) || retrying || sign_in->user == NULL) return FALSE;
	soup_auth_authenticate(auth, sign_in->user, sign_in->password);
	return TRUE;
}

// What kind of failure err is, for the window's words (widgetcache.FailureKind).
static int widget_failure_kind(GError *err) {
	if (err->domain == G_RESOLVER_ERROR) return 1;
	if (err->domain == G_TLS_ERROR) return 4;
	if (err->domain == G_IO_ERROR && (g_error_matches(err, G_IO_ERROR, G_IO_ERROR_PROXY_FAILED) ||
	    g_error_matches(err, G_IO_ERROR, G_IO_ERROR_PROXY_NOT_ALLOWED) || g_error_matches(err, G_IO_ERROR, G_IO_ERROR_PROXY_AUTH_FAILED) ||
	    g_error_matches(err, G_IO_ERROR, G_IO_ERROR_PROXY_NEED_AUTH))) return 3;
	if (err->domain == G_IO_ERROR) return 2;
	return 0;
}

// Sends msg and reads the answer's body, decoded (gzip, brotli) as WebKit would have it.
// On failure it returns NULL and sets *error, which the caller frees. proxy and ignore are the
// proxy setting (app/proxy's Config.GLib).
static GBytes *widget_send(SoupMessage *msg, guint timeout, const char *proxy, char **ignore,
                           const char *user, const char *password, char **error, int *kind) {
	widget_sign_in sign_in = {user, password};
	// Synchronous: sign_in outlives every emission.
	g_signal_connect(msg, "authenticate", G_CALLBACK(widget_authenticate), &sign_in);
	GProxyResolver *resolver = jd_proxy_resolver(proxy, ignore);
	SoupSession *session = soup_session_new_with_options("timeout", timeout, "user-agent", "jedidesk-desktop",
		"proxy-resolver", resolver, NULL);
	g_object_unref(resolver);
	if (!soup_session_has_feature(session, SOUP_TYPE_CONTENT_DECODER))
		soup_session_add_feature_by_type(session, SOUP_TYPE_CONTENT_DECODER);
	GError *err = NULL;
	GBytes *body = soup_session_send_and_read(session, msg, NULL, &err);
	g_object_unref(session);
	if (err != NULL) {
		*error = g_strdup(err->message);
		*kind = widget_failure_kind(err);
		g_error_free(err);
		return NULL;
	}
	return body;
}

// The answer's headers as "Name: value" lines, for Go to read; the caller frees it.
static char *widget_response_headers(SoupMessage *msg) {
	GString *out = g_string_new(NULL);
	SoupMessageHeadersIter iter;
	const char *name, *value;
	soup_message_headers_iter_init(&iter, soup_message_get_response_headers(msg));
	while (soup_message_headers_iter_next(&iter, &name, &value))
		g_string_append_printf(out, "%s: %s\n", name, value);
	return g_string_free(out, FALSE);
}
*/
import "C"

import (
	"errors"
	"net/http"
	"strings"
	"unsafe"

	"jedidesk-desktop/app/proxy"
)

// SystemFetcher asks the widget's server through libsoup, as WebKit itself does: the same TLS
// (GIO's), the same proxy (the one route gives at each request), and no second HTTP and TLS
// stack in the binary.
func SystemFetcher(route func() proxy.Config) (Fetcher, bool) {
	return func(url string, header http.Header) (Response, error) { return soupFetch(route(), url, header) }, true
}

func soupFetch(via proxy.Config, url string, header http.Header) (Response, error) {
	cURL := C.CString(url)
	defer C.free(unsafe.Pointer(cURL))
	msg := C.widget_get(cURL)
	if msg == nil {
		return Response{}, errors.New("not a valid address")
	}
	defer C.g_object_unref(C.gpointer(msg))
	for name, values := range header {
		for _, v := range values {
			cName, cValue := C.CString(name), C.CString(v)
			C.widget_header(msg, cName, cValue)
			C.free(unsafe.Pointer(cName))
			C.free(unsafe.Pointer(cValue))
		}
	}
	uri, ignore := via.GLib()
	cProxy := C.CString(uri)
	defer C.free(unsafe.Pointer(cProxy))
	cIgnore := proxy.CStrings(ignore)
	defer proxy.FreeCStrings(cIgnore)
	var cUser, cPassword *C.char
	if user, password, ok := via.SignInFor(); ok {
		cUser, cPassword = C.CString(user), C.CString(password)
		defer C.free(unsafe.Pointer(cUser))
		defer C.free(unsafe.Pointer(cPassword))
	}
	var cErr *C.char
	var kind C.int
	body := C.widget_send(msg, C.guint(fetchTimeout.Seconds()), cProxy, (**C.char)(unsafe.Pointer(&cIgnore[0])), cUser, cPassword, &cErr, &kind)
	if body == nil {
		defer C.g_free(C.gpointer(cErr))
		return Response{}, &NetworkError{Kind: FailureKind(kind), Message: C.GoString(cErr)}
	}
	defer C.g_bytes_unref(body)
	var size C.gsize
	data := C.g_bytes_get_data(body, &size)
	if int(size) > maxFileBytes {
		return Response{}, errors.New("the file is too large")
	}
	resp := Response{Status: int(C.soup_message_get_status(msg)), Header: http.Header{}, Body: C.GoBytes(unsafe.Pointer(data), C.int(size))}
	lines := C.widget_response_headers(msg)
	defer C.g_free(C.gpointer(lines))
	for _, line := range strings.Split(C.GoString(lines), "\n") {
		if name, value, ok := strings.Cut(line, ": "); ok {
			resp.Header.Add(name, value)
		}
	}
	return resp, nil
}
