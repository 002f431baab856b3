// Command dragsource is a file manager's window for the end-to-end tests: a window whose label
// can be dragged as the files named on the command line (text/uri-list, as file managers offer
// them). xdotool presses the button on it and releases it over the app.
//
//	dragsource FILE...
package main

/*
#cgo pkg-config: gtk+-3.0
#include <stdlib.h>
#include <gtk/gtk.h>

static char **uris;

static void on_drag_data_get(GtkWidget *w, GdkDragContext *ctx, GtkSelectionData *data, guint info, guint time, gpointer p) {
	gtk_selection_data_set_uris(data, uris);
}

// Quits once the drop is over, whatever became of it.
static void on_drag_end(GtkWidget *w, GdkDragContext *ctx, gpointer p) { gtk_main_quit(); }

static void run(char **files, int count) {
	gtk_init(NULL, NULL);
	uris = g_new0(char *, count + 1);
	for (int i = 0; i < count; i++) uris[i] = g_filename_to_uri(files[i], NULL, NULL);
	GtkWidget *window = gtk_window_new(GTK_WINDOW_TOPLEVEL);
	gtk_window_set_title(GTK_WINDOW(window), "dragsource");
	gtk_window_set_default_size(GTK_WINDOW(window), 160, 120);
	GtkWidget *box = gtk_event_box_new();
	gtk_container_add(GTK_CONTAINER(box), gtk_label_new("drag me"));
	gtk_container_add(GTK_CONTAINER(window), box);
	GtkTargetEntry target = {"text/uri-list", 0, 0};
	gtk_drag_source_set(box, GDK_BUTTON1_MASK, &target, 1, GDK_ACTION_COPY);
	g_signal_connect(box, "drag-data-get", G_CALLBACK(on_drag_data_get), NULL);
	g_signal_connect(box, "drag-end", G_CALLBACK(on_drag_end), NULL);
	g_signal_connect(window, "destroy", G_CALLBACK(gtk_main_quit), NULL);
	gtk_window_move(GTK_WINDOW(window), 0, 0);
	gtk_widget_show_all(window);
	gtk_main();
}
*/
import "C"

import (
	"fmt"
	"os"
	"path/filepath"
	"unsafe"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: dragsource FILE...")
		os.Exit(2)
	}
	files := make([]*C.char, len(os.Args)-1)
	for i, f := range os.Args[1:] {
		abs, err := filepath.Abs(f)
		if err != nil {
			fmt.Fprintln(os.Stderr, "dragsource:", err)
			os.Exit(1)
		}
		files[i] = C.CString(abs)
	}
	C.run((**C.char)(unsafe.Pointer(&files[0])), C.int(len(files)))
}
