//go:build linux && cgo

package navguard

/*
#cgo linux pkg-config: gtk+-3.0
#cgo webkit2_41 pkg-config: webkit2gtk-4.1
#cgo !webkit2_41 pkg-config: webkit2gtk-4.0
#cgo CFLAGS: -I${SRCDIR}/../gtkwebview
#include <gtk/gtk.h>
#include <webkit2/webkit2.h>
#include "find_webview.h"

extern void navguardBlocked(char *uri, int newWindow, int userGesture);

static gboolean on_decide_policy(WebKitWebView *view, WebKitPolicyDecision *decision,
                                 WebKitPolicyDecisionType type, gpointer data) {
	if (type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE) return FALSE;
	WebKitNavigationAction *action = webkit_navigation_policy_decision_get_navigation_action(
		WEBKIT_NAVIGATION_POLICY_DECISION(decision));
	const char *uri = webkit_uri_request_get_uri(webkit_navigation_action_get_request(action));
	gboolean own = uri != NULL && (g_str_has_prefix(uri, "wails:") || g_str_has_prefix(uri, "about:"));
	if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION && own) {
		// The app's own documents (the page and the widget's frame) may play sound without a
		// click first, as a chat in a browser tab that the user has used: the widget's
		// new-message sound comes with a reply, not with a click. WebKitGTK's default asks for
		// a click.
		WebKitWebsitePolicies *policies = webkit_website_policies_new_with_policies("autoplay", WEBKIT_AUTOPLAY_ALLOW, NULL);
		webkit_policy_decision_use_with_policies(decision, policies);
		g_object_unref(policies);
		return TRUE;
	}
	navguardBlocked((char *)(uri ? uri : ""), type == WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION,
	                webkit_navigation_action_is_user_gesture(action));
	webkit_policy_decision_ignore(decision);
	return TRUE;
}

// Wails starts the app's OnStartup beside building the window, so the webview may not be in
// it yet: look again every 10 ms, for up to 5 s (the page loads after it is in).
static gboolean connect_guard(gpointer data) {
	static int attempts = 0;
	gboolean connected = FALSE;
	GList *windows = gtk_window_list_toplevels();
	for (GList *w = windows; w != NULL; w = w->next) {
		GtkWidget *view = find_webview(GTK_WIDGET(w->data));
		if (view == NULL) continue;
		g_signal_connect(view, "decide-policy", G_CALLBACK(on_decide_policy), NULL);
		connected = TRUE;
	}
	g_list_free(windows);
	return !connected && ++attempts < 500 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void schedule_connect(void) { g_timeout_add(10, connect_guard, NULL); }
*/
import "C"

import "sync"

var (
	mu      sync.Mutex
	handler func(Blocked)
)

// Install connects the guard to the app's webview once the GTK main loop runs; onBlocked is
// called on its own goroutine for each navigation it stopped.
func Install(onBlocked func(Blocked)) {
	mu.Lock()
	handler = onBlocked
	mu.Unlock()
	C.schedule_connect()
}

//export navguardBlocked
func navguardBlocked(uri *C.char, newWindow, userGesture C.int) {
	b := Blocked{URL: C.GoString(uri), NewWindow: newWindow != 0, UserGesture: userGesture != 0}
	mu.Lock()
	h := handler
	mu.Unlock()
	if h != nil {
		// Never block the GTK main loop on the app's work.
		go h(b)
	}
}
