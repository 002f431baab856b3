//go:build linux && cgo

package contrast

/*
#cgo pkg-config: gio-2.0
#include <gio/gio.h>

// GNOME's switch, read only where the schema is installed: GSettings aborts the process on a
// schema it does not know.
static int gnome_high_contrast(void) {
	GSettingsSchemaSource *source = g_settings_schema_source_get_default();
	if (source == NULL) return 0;
	GSettingsSchema *schema = g_settings_schema_source_lookup(source, "org.gnome.desktop.a11y.interface", TRUE);
	if (schema == NULL) return 0;
	int on = 0;
	if (g_settings_schema_has_key(schema, "high-contrast")) {
		GSettings *settings = g_settings_new_full(schema, NULL, NULL);
		on = g_settings_get_boolean(settings, "high-contrast");
		g_object_unref(settings);
	}
	g_settings_schema_unref(schema);
	return on;
}
*/
import "C"

func desktopHigh() bool { return C.gnome_high_contrast() != 0 }
