package widget

import "sync"

// lockedRecorder is a Sink for tests that call the bridge from many goroutines.
type lockedRecorder struct {
	mu       sync.Mutex
	commands []Command
}

func (r *lockedRecorder) Command(c Command) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.commands = append(r.commands, c)
}

func (r *lockedRecorder) State(State) {}

func (r *lockedRecorder) count(name string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, c := range r.commands {
		if c.Command == name {
			n++
		}
	}
	return n
}
