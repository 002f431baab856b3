//go:build linux && cgo

package appmenu

/*
#cgo linux pkg-config: gtk+-3.0
#include <gtk/gtk.h>
#include <stdlib.h>

typedef struct {
	char **labels;
	int count;
} relabel_job;

static GtkWidget *find_menubar(GtkWidget *widget) {
	if (GTK_IS_MENU_BAR(widget)) return widget;
	if (!GTK_IS_CONTAINER(widget)) return NULL;
	GList *children = gtk_container_get_children(GTK_CONTAINER(widget));
	GtkWidget *found = NULL;
	for (GList *l = children; l != NULL && found == NULL; l = l->next) {
		found = find_menubar(GTK_WIDGET(l->data));
	}
	g_list_free(children);
	return found;
}

// Labels, depth first: each top-level item, then its submenu's items; separators take none.
static void relabel_shell(GtkWidget *shell, relabel_job *job, int *next) {
	GList *items = gtk_container_get_children(GTK_CONTAINER(shell));
	for (GList *l = items; l != NULL && *next < job->count; l = l->next) {
		GtkWidget *item = GTK_WIDGET(l->data);
		if (!GTK_IS_MENU_ITEM(item) || GTK_IS_SEPARATOR_MENU_ITEM(item)) continue;
		gtk_menu_item_set_label(GTK_MENU_ITEM(item), job->labels[(*next)++]);
		GtkWidget *sub = gtk_menu_item_get_submenu(GTK_MENU_ITEM(item));
		if (sub != NULL) relabel_shell(sub, job, next);
	}
	g_list_free(items);
}

static gboolean run_relabel(gpointer data) {
	relabel_job *job = data;
	GList *windows = gtk_window_list_toplevels();
	for (GList *w = windows; w != NULL; w = w->next) {
		GtkWidget *bar = find_menubar(GTK_WIDGET(w->data));
		if (bar != NULL) {
			int next = 0;
			relabel_shell(bar, job, &next);
		}
	}
	g_list_free(windows);
	for (int i = 0; i < job->count; i++) free(job->labels[i]);
	free(job->labels);
	free(job);
	return G_SOURCE_REMOVE;
}

// The menu bar's one check box (View → Keep on top) shows active, without running its action:
// the change came from elsewhere (the settings).
static gboolean run_set_check(gpointer data) {
	gboolean active = GPOINTER_TO_INT(data);
	GList *windows = gtk_window_list_toplevels();
	for (GList *w = windows; w != NULL; w = w->next) {
		GtkWidget *bar = find_menubar(GTK_WIDGET(w->data));
		if (bar == NULL) continue;
		GList *menus = gtk_container_get_children(GTK_CONTAINER(bar));
		for (GList *m = menus; m != NULL; m = m->next) {
			GtkWidget *sub = gtk_menu_item_get_submenu(GTK_MENU_ITEM(m->data));
			if (sub == NULL) continue;
			GList *items = gtk_container_get_children(GTK_CONTAINER(sub));
			for (GList *i = items; i != NULL; i = i->next) {
				if (!GTK_IS_CHECK_MENU_ITEM(i->data)) continue;
				guint activate = g_signal_lookup("activate", GTK_TYPE_MENU_ITEM);
				// Wails connects its handler with the item itself as the data (GLib matches
				// handlers only by closure, function or data).
				g_signal_handlers_block_matched(i->data, G_SIGNAL_MATCH_ID | G_SIGNAL_MATCH_DATA, activate, 0, NULL, NULL, i->data);
				gtk_check_menu_item_set_active(GTK_CHECK_MENU_ITEM(i->data), active);
				g_signal_handlers_unblock_matched(i->data, G_SIGNAL_MATCH_ID | G_SIGNAL_MATCH_DATA, activate, 0, NULL, NULL, i->data);
			}
			g_list_free(items);
		}
		g_list_free(menus);
	}
	g_list_free(windows);
	return G_SOURCE_REMOVE;
}

static void schedule_set_check(int active) { g_idle_add(run_set_check, GINT_TO_POINTER(active)); }

static void schedule_relabel(char **labels, int count) {
	relabel_job *job = malloc(sizeof(relabel_job));
	job->labels = labels;
	job->count = count;
	g_idle_add(run_relabel, job);
}
*/
import "C"

import (
	"context"
	"unsafe"

	"github.com/wailsapp/wails/v2/pkg/menu"
)

// Apply shows m's labels in the window's menu bar. Wails v2.9.2 on Linux cannot replace a menu
// at run time: it builds a new GTK menu bar that it never shows and forgets the old one's
// items, so the next accelerator on the old bar crashes the app. The bar's items stay as they
// are (their actions do not change with the language); only their labels are rewritten, on
// the GTK main loop.
func Apply(_ context.Context, m *menu.Menu) {
	labels := Labels(m)
	if len(labels) == 0 {
		return
	}
	array := (**C.char)(C.malloc(C.size_t(len(labels)) * C.size_t(unsafe.Sizeof(uintptr(0)))))
	slots := unsafe.Slice(array, len(labels))
	for i, label := range labels {
		slots[i] = C.CString(label)
	}
	C.schedule_relabel(array, C.int(len(labels)))
}

// SetKeepOnTop shows on in m's keep-on-top check box (m is the menu Wails shows) after the
// setting changed elsewhere; Wails flips the box's Checked on the next click, so it must be
// right too.
func SetKeepOnTop(_ context.Context, m *menu.Menu, on bool) {
	if item := keepOnTopItem(m); item != nil {
		item.Checked = on
	}
	active := C.int(0)
	if on {
		active = 1
	}
	C.schedule_set_check(active)
}
