// Package usage writes the app's own goroutine and open-file counts to its log when asked with
// SIGUSR2 (`kill -USR2 <pid>`), so that a long-running test, the benchmark or a support case
// can see whether they grow. (SIGUSR1 is JavaScriptCore's, for its garbage collector.)
package usage

import (
	"fmt"
	"runtime"
)

// Prefix starts every line Log writes; the counts follow as "goroutines=N fds=N".
const Prefix = "jedidesk-desktop: usage: "

// Line is the current counts as Log writes them, without the newline. fds is -1 where the OS
// does not list a process's open files.
func Line() string {
	return fmt.Sprintf("%sgoroutines=%d fds=%d", Prefix, runtime.NumGoroutine(), openFiles())
}
