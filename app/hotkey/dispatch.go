//go:build linux || windows

package hotkey

// pendingPresses is how many presses may wait while onPress is still busy; more than that means
// the app is stuck, and queueing further presses would only replay them all once it recovers.
const pendingPresses = 8

// dispatcher calls onPress on its own goroutine, in press order, so a slow handler never holds
// up the system event loop that noticed the press.
type dispatcher chan struct{}

func startDispatcher(onPress func()) dispatcher {
	d := make(dispatcher, pendingPresses)
	go func() {
		for range d {
			onPress()
		}
	}()
	return d
}

func (d dispatcher) press() {
	select {
	case d <- struct{}{}:
	default:
	}
}

// stop ends the goroutine once the presses already queued have run. It does not wait for them:
// onPress may itself be what is closing the listener. Call it once, after the last press.
func (d dispatcher) stop() { close(d) }
