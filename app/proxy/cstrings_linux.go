//go:build linux && cgo

package proxy

// #include <stdlib.h>
import "C"

import "unsafe"

// CStrings is list as a NULL-terminated C array of C strings (GLib's char **), for the cgo of
// this package and app/widgetcache; free it with FreeCStrings.
func CStrings(list []string) []unsafe.Pointer {
	out := make([]unsafe.Pointer, 0, len(list)+1)
	for _, s := range list {
		out = append(out, unsafe.Pointer(C.CString(s)))
	}
	return append(out, nil)
}

// FreeCStrings frees what CStrings made.
func FreeCStrings(list []unsafe.Pointer) {
	for _, p := range list {
		C.free(p)
	}
}
