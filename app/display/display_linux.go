package display

/*
#cgo pkg-config: x11
void jedideskWatchX11(void);
*/
import "C"

import (
	"fmt"
	"io"
	"os"
)

var lostLog io.Writer

// ExitWhenLost makes the loss of the X display write a line to log and end the process with
// status 1. Call it after GTK has opened the display (Wails has by OnStartup): GTK installs its
// own handler then, and the last one installed is the one Xlib calls.
//
// On Wayland GTK ends the process by itself when the compositor goes; there is no hook to log.
func ExitWhenLost(log io.Writer) {
	lostLog = log
	C.jedideskWatchX11()
}

//export jedideskDisplayLost
func jedideskDisplayLost() {
	fmt.Fprintf(lostLog, "jedidesk-desktop: the display %s went away; quitting\n", os.Getenv("DISPLAY"))
}
