//go:build linux && cgo

package contextmenu

/*
#cgo linux pkg-config: gtk+-3.0
#cgo webkit2_41 pkg-config: webkit2gtk-4.1
#cgo !webkit2_41 pkg-config: webkit2gtk-4.0
#cgo CFLAGS: -I${SRCDIR}/../gtkwebview
#include <stdlib.h>
#include <gtk/gtk.h>
#include <webkit2/webkit2.h>
#include "find_webview.h"

// The Go kinds (contextmenu.go), in their order.
enum { K_OTHER, K_CUT, K_COPY, K_PASTE, K_SELECT_ALL, K_GUESS, K_NO_GUESSES };

extern int contextmenuPlan(int *kinds, int count, int *items, char **labels);

static int kind_of(WebKitContextMenuItem *item) {
	if (webkit_context_menu_item_is_separator(item)) return K_OTHER;
	switch (webkit_context_menu_item_get_stock_action(item)) {
	case WEBKIT_CONTEXT_MENU_ACTION_CUT: return K_CUT;
	case WEBKIT_CONTEXT_MENU_ACTION_COPY: return K_COPY;
	case WEBKIT_CONTEXT_MENU_ACTION_PASTE: return K_PASTE;
	case WEBKIT_CONTEXT_MENU_ACTION_SELECT_ALL: return K_SELECT_ALL;
	case WEBKIT_CONTEXT_MENU_ACTION_SPELLING_GUESS: return K_GUESS;
	case WEBKIT_CONTEXT_MENU_ACTION_NO_GUESSES_FOUND: return K_NO_GUESSES;
	default: return K_OTHER;
	}
}

// Rebuilds the menu WebKit offers (in any frame: the page's or the widget's) as the Go plan
// says; no plan, no menu.
static gboolean on_context_menu(WebKitWebView *view, WebKitContextMenu *menu, GdkEvent *event,
                                WebKitHitTestResult *hit, gpointer data) {
	guint count = webkit_context_menu_get_n_items(menu);
	if (count == 0) return TRUE;
	int *kinds = g_new0(int, count);
	WebKitContextMenuItem **offered = g_new0(WebKitContextMenuItem *, count);
	for (guint i = 0; i < count; i++) {
		offered[i] = g_object_ref(webkit_context_menu_get_item_at_position(menu, i));
		kinds[i] = kind_of(offered[i]);
	}
	// At most every item and a separator between each.
	int *items = g_new0(int, 2 * count);
	char **labels = g_new0(char *, 2 * count);
	int planned = contextmenuPlan(kinds, count, items, labels);
	webkit_context_menu_remove_all(menu);
	for (int i = 0; i < planned; i++) {
		WebKitContextMenuItem *item;
		if (items[i] < 0) {
			item = webkit_context_menu_item_new_separator();
		} else if (labels[i] != NULL) {
			// A stock action under the app's label: WebKit runs it as its own.
			item = webkit_context_menu_item_new_from_stock_action_with_label(
				webkit_context_menu_item_get_stock_action(offered[items[i]]), labels[i]);
			// Greyed out as WebKit had it (Cut and Copy with nothing selected).
			GAction *was = webkit_context_menu_item_get_gaction(offered[items[i]]);
			GAction *now = webkit_context_menu_item_get_gaction(item);
			if (was != NULL && G_IS_SIMPLE_ACTION(now)) g_simple_action_set_enabled(G_SIMPLE_ACTION(now), g_action_get_enabled(was));
		} else {
			// A spelling guess: the word is its label and what it puts in.
			item = offered[items[i]];
		}
		webkit_context_menu_append(menu, item);
		free(labels[i]);
	}
	for (guint i = 0; i < count; i++) g_object_unref(offered[i]);
	g_free(kinds);
	g_free(offered);
	g_free(items);
	g_free(labels);
	return planned == 0;
}

static void connect_menu(WebKitWebView *view, gpointer data) {
	g_signal_connect(view, "context-menu", G_CALLBACK(on_context_menu), NULL);
}

static void install(void) { when_webview(connect_menu, NULL); }
*/
import "C"

import (
	"sync"
	"unsafe"

	"jedidesk-desktop/app/i18n"
)

var (
	mu        sync.Mutex
	catalogue func() i18n.Catalogue
)

// Install puts the app's menu in place of WebKit's once the webview is in the window; labels
// gives the UI language's catalogue at the moment of each right click.
func Install(labels func() i18n.Catalogue) {
	mu.Lock()
	catalogue = labels
	mu.Unlock()
	C.install()
}

//export contextmenuPlan
func contextmenuPlan(kinds *C.int, count C.int, items *C.int, labels **C.char) C.int {
	mu.Lock()
	c := catalogue
	mu.Unlock()
	offered := make([]Kind, int(count))
	for i, k := range unsafe.Slice(kinds, int(count)) {
		offered[i] = Kind(k)
	}
	plan := Plan(offered, c())
	outItems := unsafe.Slice(items, 2*int(count))
	outLabels := unsafe.Slice(labels, 2*int(count))
	for i, e := range plan {
		outItems[i] = C.int(e.Item)
		if e.Label != "" {
			outLabels[i] = C.CString(e.Label)
		}
	}
	return C.int(len(plan))
}
