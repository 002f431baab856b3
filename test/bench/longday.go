package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"text/tabwriter"
	"time"

	"jedidesk-desktop/test/longday"
	"jedidesk-desktop/test/notifyserver"
	"jedidesk-desktop/test/sniwatcher"
	"jedidesk-desktop/test/standin"
)

// warmUpRounds go round the day once before the start is measured, so that what the app and
// WebKit start on first use (the notification connection, caches) is in both samples.
const warmUpRounds = 5

// longDayResult is the app left running through a long day (app only): the chat opened and
// closed from the tray Cycles times, then Replies agent messages with the window hidden, each
// counted in the tray and notified.
type longDayResult struct {
	Cycles  int       `json:"cycles"`
	Replies int       `json:"replies"`
	Start   daySample `json:"start"`
	// AfterCycles is sampled between the cycles and the replies, to tell their shares apart.
	AfterCycles daySample `json:"after_cycles"`
	End         daySample `json:"end"`
	// Notified is how many notifications the app sent; OnScreen how many were up at the end.
	Notified int     `json:"notified"`
	OnScreen int     `json:"notifications_on_screen"`
	Seconds  float64 `json:"seconds"`
}

type daySample struct {
	Memory memory        `json:"memory"`
	Usage  longday.Usage `json:"usage"`
}

// longDay runs the app with a tray (sniwatcher) and a notification server (notifyserver) on the
// bench's session bus, both in the bench's own process so the tree measured is the app's.
func (b *bench) longDay(rounds int) (longDayResult, error) {
	tray, err := sniwatcher.Start()
	if err != nil {
		return longDayResult{}, fmt.Errorf("the long day needs a tray: %w", err)
	}
	defer tray.Close()
	notes, err := notifyserver.Start()
	if err != nil {
		return longDayResult{}, fmt.Errorf("the long day brings its own notification server, which counts what is on screen: %w (run the bench under a D-Bus session of its own, as make bench does, or pass -long-day 0)", err)
	}
	defer notes.Close()
	s, err := standin.Start(widgetDir, b.cfg.MountDelay)
	if err != nil {
		return longDayResult{}, err
	}
	defer s.Close()
	dir, err := os.MkdirTemp(b.tmp, "long-day-")
	if err != nil {
		return longDayResult{}, err
	}
	cmd, _, output, err := prepare(appProgram{binary: b.cfg.App}, launch{widgetURL: s.URL, dir: dir}, s.URL)
	if err != nil {
		return longDayResult{}, err
	}
	defer output.Close()
	if err := cmd.Start(); err != nil {
		return longDayResult{}, fmt.Errorf("start the app: %w", err)
	}
	r, err := b.measureLongDay(cmd.Process.Pid, tray, notes, s, filepath.Join(dir, "output.log"), rounds)
	stopErr := stopProgram(cmd)
	if err != nil {
		printed, _ := os.ReadFile(filepath.Join(dir, "output.log"))
		return r, fmt.Errorf("long day: %w\nthe app printed:\n%s", err, printed)
	}
	return r, stopErr
}

func (b *bench) measureLongDay(pid int, tray *sniwatcher.Watcher, notes *notifyserver.Server, s *standin.Server, outputPath string, rounds int) (longDayResult, error) {
	r := longDayResult{Cycles: rounds, Replies: rounds}
	if _, ok := s.WaitFor(startTimeout, mounted); !ok {
		return r, errors.New("the widget did not mount")
	}
	ready := time.Now()
	for deadline := time.Now().Add(startTimeout); len(tray.Items()) == 0; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			return r, errors.New("the app's tray item never registered")
		}
	}
	day := longday.Day{Tray: tray, Item: tray.Items()[0], Widget: s, Timeout: stepTimeout}
	output := func() string {
		data, _ := os.ReadFile(outputPath)
		return string(data)
	}
	sample := func() (daySample, error) {
		m, err := treeMemory()
		if err != nil {
			return daySample{}, err
		}
		u, err := longday.Ask(pid, output, stepTimeout)
		return daySample{Memory: m, Usage: u}, err
	}
	repliesWhileHidden := func(n int) error {
		if err := day.HideWindow(); err != nil {
			return err
		}
		return day.Replies(n)
	}

	if err := day.Cycles(warmUpRounds); err != nil {
		return r, fmt.Errorf("warm-up: %w", err)
	}
	if err := repliesWhileHidden(warmUpRounds); err != nil {
		return r, fmt.Errorf("warm-up: %w", err)
	}
	time.Sleep(time.Until(ready.Add(memoryAfterReady)))
	var err error
	if r.Start, err = sample(); err != nil {
		return r, err
	}
	began := time.Now()
	fmt.Fprintf(os.Stderr, "bench: long day, %d chat cycles and %d replies…\n", rounds, rounds)
	if err := day.Cycles(rounds); err != nil {
		return r, err
	}
	time.Sleep(settleAfterCycles)
	if r.AfterCycles, err = sample(); err != nil {
		return r, err
	}
	if err := repliesWhileHidden(rounds); err != nil {
		return r, err
	}
	r.Seconds = time.Since(began).Seconds()
	time.Sleep(settleAfterCycles)
	if r.End, err = sample(); err != nil {
		return r, err
	}
	r.Notified, r.OnScreen = notes.Sent(), notes.OnScreen()
	return r, nil
}

func printLongDay(w io.Writer, r longDayResult) error {
	fmt.Fprintf(w, "A long day (app only): %d chat open+close cycles from the tray, then %d agent replies with the window hidden,\neach counted in the tray and notified; %.0f s. Start: after a warm-up of %d of each, %s after ready; then %s after the\nlast cycle and after the last reply.\n\n",
		r.Cycles, r.Replies, r.Seconds, warmUpRounds, memoryAfterReady, settleAfterCycles)
	if r.Start.Memory.Foreign+r.AfterCycles.Memory.Foreign+r.End.Memory.Foreign > 0 {
		fmt.Fprintln(w, "WARNING: other WebKit or Chromium processes ran during the long day: PSS reads low; compare the anonymous part.")
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "figure\tstart\tafter the cycles\tend\t")
	samples := []daySample{r.Start, r.AfterCycles, r.End}
	for _, line := range []struct {
		figure string
		value  func(daySample) string
	}{
		{"tree PSS (MiB)", func(d daySample) string { return fmt.Sprintf("%.0f", mib(d.Memory.PSSKiB)) }},
		{"  of which anonymous (MiB)", func(d daySample) string { return fmt.Sprintf("%.0f", mib(d.Memory.PSSAnonKiB)) }},
		{"tree RSS (MiB)", func(d daySample) string { return fmt.Sprintf("%.0f", mib(d.Memory.RSSKiB)) }},
		{"app goroutines", func(d daySample) string { return fmt.Sprint(d.Usage.Goroutines) }},
		{"app open files", func(d daySample) string { return fmt.Sprint(d.Usage.FDs) }},
	} {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", line.figure, line.value(samples[0]), line.value(samples[1]), line.value(samples[2]))
	}
	fmt.Fprintf(tw, "notifications sent / on screen\t\t\t%d / %d\t\n", r.Notified, r.OnScreen)
	return tw.Flush()
}
