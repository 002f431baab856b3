// Package longday drives a running app through a user's long day, for the end-to-end test and
// the benchmark: the chat opened and closed again and again from the tray, and support's
// replies arriving while the window is hidden, each counted in the tray and notified. It also
// reads the app's own goroutine and open-file counts (app/usage) from its output.
package longday

import (
	"fmt"
	"regexp"
	"strconv"
	"syscall"
	"time"

	"jedidesk-desktop/test/sniwatcher"
	"jedidesk-desktop/test/standin"
)

// Day is one running app with its tray item and its stand-in widget. The app speaks English.
type Day struct {
	Tray   *sniwatcher.Watcher
	Item   string
	Widget *standin.Server
	// Timeout is how long each step may take before the day fails.
	Timeout time.Duration
}

// settle is how long the day waits after the widget reported the chat opened or closed, as a
// person would before the next click. The app hears the widget's report a moment after the
// widget makes it; a click before that can meet the app's chat state a step behind, and the
// app then drops it (its bridge judges an open or close against that state).
const settle = 100 * time.Millisecond

// Cycles opens and closes the chat n times from the tray menu, each time waiting until the
// widget reports the chat opened (or closed) and the tray menu agrees.
func (d Day) Cycles(n int) error {
	for i := 1; i <= n; i++ {
		for _, step := range []struct {
			click, event string
			closeable    bool
		}{{"Open chat", "JediDeskOpenedWidget", true}, {"Close chat", "JediDeskClosedWidget", false}} {
			before := events(d.Widget.Records(), step.event)
			if err := d.click(step.click); err != nil {
				return fmt.Errorf("cycle %d: %w", i, err)
			}
			if _, ok := d.Widget.WaitFor(d.Timeout, func(r []standin.Record) bool { return events(r, step.event) > before }); !ok {
				return fmt.Errorf("cycle %d: the widget never reported %s after %s", i, step.event, step.click)
			}
			err := d.until(func(menu []sniwatcher.MenuItem) bool { return enabled(menu, "Close chat") == step.closeable })
			if err != nil {
				return fmt.Errorf("cycle %d, after %s: %w", i, step.click, err)
			}
			time.Sleep(settle)
		}
	}
	return nil
}

func events(records []standin.Record, name string) int {
	n := 0
	for _, r := range records {
		if r.Type == "event" && r.Name == name {
			n++
		}
	}
	return n
}

// HideWindow hides the window with a click on the tray icon.
func (d Day) HideWindow() error {
	if err := d.Tray.Activate(d.Item); err != nil {
		return err
	}
	return d.until(func(menu []sniwatcher.MenuItem) bool { return has(menu, "Show window") })
}

// Replies has the support team send n replies, while the window is hidden, and waits until the
// tray counts them all: the count must be 0 before.
func (d Day) Replies(n int) error {
	for i := 1; i <= n; i++ {
		if err := d.Widget.Drive(map[string]string{"do": "agentMessage", "text": fmt.Sprintf("Reply %d of a long day", i)}); err != nil {
			return err
		}
	}
	want := regexp.MustCompile(fmt.Sprintf(`\b%d new message`, n))
	for deadline := time.Now().Add(d.Timeout + time.Duration(n)*10*time.Millisecond); ; time.Sleep(20 * time.Millisecond) {
		tip, err := d.Tray.Tooltip(d.Item)
		if err == nil && want.MatchString(tip) {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the tray never counted %d replies; its tooltip: %q (%v)", n, tip, err)
		}
	}
}

func (d Day) click(label string) error {
	menu, err := d.Tray.Menu(d.Item)
	if err != nil {
		return err
	}
	for _, m := range menu {
		if m.Label == label {
			return d.Tray.Click(d.Item, m.ID)
		}
	}
	return fmt.Errorf("no tray menu item %q", label)
}

func (d Day) until(ok func([]sniwatcher.MenuItem) bool) error {
	var menu []sniwatcher.MenuItem
	var err error
	for deadline := time.Now().Add(d.Timeout); ; time.Sleep(5 * time.Millisecond) {
		if menu, err = d.Tray.Menu(d.Item); err == nil && ok(menu) {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the tray menu never showed what was expected: %+v (%v)", menu, err)
		}
	}
}

func enabled(menu []sniwatcher.MenuItem, label string) bool {
	for _, m := range menu {
		if m.Label == label {
			return m.Enabled
		}
	}
	return false
}

func has(menu []sniwatcher.MenuItem, label string) bool {
	for _, m := range menu {
		if m.Label == label {
			return true
		}
	}
	return false
}

// Usage is what the app counted of its own.
type Usage struct {
	Goroutines int `json:"goroutines"`
	FDs        int `json:"fds"`
}

var usageLine = regexp.MustCompile(`jedidesk-desktop: usage: goroutines=(\d+) fds=(-?\d+)`)

// Ask has the app at pid write its counts (SIGUSR2) and reads them from output, which returns
// all the app has printed so far.
func Ask(pid int, output func() string, timeout time.Duration) (Usage, error) {
	seen := len(usageLine.FindAllString(output(), -1))
	if err := syscall.Kill(pid, syscall.SIGUSR2); err != nil {
		return Usage{}, err
	}
	for deadline := time.Now().Add(timeout); ; time.Sleep(10 * time.Millisecond) {
		if found := usageLine.FindAllStringSubmatch(output(), -1); len(found) > seen {
			last := found[len(found)-1]
			g, _ := strconv.Atoi(last[1])
			f, _ := strconv.Atoi(last[2])
			return Usage{Goroutines: g, FDs: f}, nil
		}
		if time.Now().After(deadline) {
			return Usage{}, fmt.Errorf("the app printed no usage line within %s", timeout)
		}
	}
}
