#include <X11/Xlib.h>
#include <unistd.h>
#include "_cgo_export.h"

// Xlib calls this when the connection to the X server breaks, on whichever thread used it. It
// must not return (Xlib would then exit() and run atexit handlers over a dead display).
static int onIOError(Display *display) {
	(void)display;
	jedideskDisplayLost();
	_exit(1);
	return 0;
}

void jedideskWatchX11(void) {
	XSetIOErrorHandler(onIOError);
}
