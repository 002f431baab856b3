//go:build linux && cgo

package webviewprefs

/*
#cgo linux pkg-config: gtk+-3.0
#cgo webkit2_41 pkg-config: webkit2gtk-4.1
#cgo !webkit2_41 pkg-config: webkit2gtk-4.0
#cgo CFLAGS: -I${SRCDIR}/../gtkwebview
#include <stdlib.h>
#include <gtk/gtk.h>
#include <webkit2/webkit2.h>
#include "find_webview.h"

typedef struct {
	double zoom;
	char **languages; // NULL-terminated; empty: no spell checking
	int muted;
} prefs;

static void apply_prefs(WebKitWebView *view, gpointer data) {
	prefs *p = data;
	// The page zoom of WebKit: every frame, the widget's too, lays out at the new size.
	webkit_web_view_set_zoom_level(view, p->zoom);
	WebKitWebContext *context = webkit_web_view_get_context(view);
	webkit_web_context_set_spell_checking_enabled(context, p->languages[0] != NULL);
	webkit_web_context_set_spell_checking_languages(context, (const gchar *const *)p->languages);
	webkit_web_view_set_is_muted(view, p->muted);
}

static void free_prefs(prefs *p) {
	for (char **l = p->languages; *l != NULL; l++) free(*l);
	free(p->languages);
	free(p);
}

static void apply_then_free(WebKitWebView *view, gpointer data) {
	apply_prefs(view, data);
	free_prefs(data);
}

static void schedule_apply(double zoom, char **languages, int muted) {
	prefs *p = malloc(sizeof(prefs));
	p->zoom = zoom;
	p->languages = languages;
	p->muted = muted;
	when_webview(apply_then_free, p);
}
*/
import "C"

import "unsafe"

// Apply sets p on the app's webview, on the GTK main loop, once the webview is in the window.
func Apply(p Prefs) {
	languages := (**C.char)(C.malloc(C.size_t(len(p.SpellLanguages)+1) * C.size_t(unsafe.Sizeof(uintptr(0)))))
	slots := unsafe.Slice(languages, len(p.SpellLanguages)+1)
	for i, l := range p.SpellLanguages {
		slots[i] = C.CString(l)
	}
	slots[len(p.SpellLanguages)] = nil
	muted := C.int(0)
	if p.Muted {
		muted = 1
	}
	C.schedule_apply(C.double(p.Zoom), languages, muted)
}
