package main

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"

	"jedidesk-desktop/test/standin"
)

const (
	// benchToken is the widget token both programs pass, as a real installation does.
	benchToken = "bench-token"
	// settleAfterOpen lets what the open started finish (the panel's images, a browser's cache
	// writes) before the bytes are counted and the program quits.
	settleAfterOpen = 2 * time.Second
	quitTimeout     = 15 * time.Second
)

// startResult is one start of a program over a network profile, timed from just before the
// process started to the widget's own records of its mount and of its chat panel opening.
type startResult struct {
	MountMs  float64 `json:"mount_ms"`
	OpenedMs float64 `json:"chat_opened_ms"`
	// BytesDown is everything the servers sent the program from its start until it quit
	// (the widget's files and API answers, and the stand-in's few records and controls).
	BytesDown int64 `json:"bytes_down"`
}

// networkResult is one run of a program on one profile: a first start with empty folders, then
// a second start with the folders the first left.
type networkResult struct {
	Program string      `json:"program"`
	Profile string      `json:"profile"`
	Run     int         `json:"run"`
	First   startResult `json:"first"`
	Second  startResult `json:"second"`
}

// measureNetwork runs p twice on profile, behind a netProxy in front of the heavy stand-in.
func (b *bench) measureNetwork(p program, profile netProfile, run int) (networkResult, error) {
	r := networkResult{Program: p.name(), Profile: profile.Name, Run: run}
	s, err := standin.StartWith(widgetDir, standin.Options{Heavy: true, Release: "bench", MountDelay: b.cfg.MountDelay})
	if err != nil {
		return r, err
	}
	defer s.Close()
	target, err := url.Parse(s.URL)
	if err != nil {
		return r, err
	}
	px, err := startProxy(target.Host, profile)
	if err != nil {
		return r, err
	}
	defer px.Close()
	dir, err := os.MkdirTemp(b.tmp, fmt.Sprintf("%s-%s-%d-", p.name(), profile.Name, run))
	if err != nil {
		return r, err
	}
	l := launch{widgetURL: px.URL, dir: dir, token: benchToken, openAtLaunch: true}
	for _, start := range []*startResult{&r.First, &r.Second} {
		s.Reset()
		px.TakeDownBytes()
		if *start, err = startOnce(p, l, s, px); err != nil {
			output, _ := os.ReadFile(filepath.Join(dir, "output.log"))
			return r, fmt.Errorf("%s on %s, run %d: %w\n%s printed:\n%s", p.name(), profile.Name, run, err, p.name(), output)
		}
	}
	return r, nil
}

// startOnce starts p, waits for the chat to open, lets it settle and quits it.
func startOnce(p program, l launch, s *standin.Server, px *netProxy) (startResult, error) {
	// The page's probe talks to the stand-in directly: only the widget's traffic crosses the
	// network.
	cmd, env, output, err := prepare(p, l, s.URL)
	if err != nil {
		return startResult{}, err
	}
	defer output.Close()
	began := time.Now()
	if err := cmd.Start(); err != nil {
		return startResult{}, fmt.Errorf("start %s: %w", p.name(), err)
	}
	exited := make(chan struct{})
	go func() {
		cmd.Wait()
		close(exited)
	}()
	r, err := waitOpened(s, began)
	if err == nil {
		time.Sleep(settleAfterOpen)
		r.BytesDown = px.TakeDownBytes()
		err = quitAndWait(p, cmd, env, exited)
	}
	if err != nil {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-exited
	}
	return r, errors.Join(err, killDescendants())
}

func waitOpened(s *standin.Server, began time.Time) (startResult, error) {
	records, ok := s.WaitFor(startTimeout, func(records []standin.Record) bool {
		return recordAt(records, "mount", "") > 0 && recordAt(records, "event", "JediDeskOpenedWidget") > 0
	})
	if !ok {
		return startResult{}, fmt.Errorf("the widget did not mount and open its chat (records: %d)", len(records))
	}
	since := func(at int64) float64 { return float64(at) - float64(began.UnixNano())/1e6 }
	return startResult{
		MountMs:  since(recordAt(records, "mount", "")),
		OpenedMs: since(recordAt(records, "event", "JediDeskOpenedWidget")),
	}, nil
}

// recordAt is when the page made the first record of typ (and name, if given), 0 if none.
func recordAt(records []standin.Record, typ, name string) int64 {
	for _, r := range records {
		if r.Type == typ && (name == "" || r.Name == name) {
			return r.At
		}
	}
	return 0
}

func quitAndWait(p program, cmd *exec.Cmd, env []string, exited <-chan struct{}) error {
	if err := p.quit(cmd, env); err != nil {
		return err
	}
	select {
	case <-exited:
		return nil
	case <-time.After(quitTimeout):
		return fmt.Errorf("%s did not quit within %s", p.name(), quitTimeout)
	}
}

// networkRows are the network suite's lines of the table, per profile, with the issue's
// targets: the second start's mount at most half Chromium's, its bytes at most a tenth of the
// first start's.
func networkRows(results []networkResult, profiles []netProfile) []row {
	var rows []row
	for _, profile := range profiles {
		figure := func(name, unit string, value func(networkResult) float64) row {
			onProfile := func(r networkResult) []float64 {
				if r.Profile != profile.Name {
					return nil
				}
				return []float64{value(r)}
			}
			return row{Figure: profile.Name + ": " + name, Unit: unit, App: collect(results, "app", onProfile), Chromium: collect(results, "chromium", onProfile)}.withRatio()
		}
		kb := func(b int64) float64 { return float64(b) / 1e3 }
		firstBytes := figure("bytes down, first start", "KB", func(r networkResult) float64 { return kb(r.First.BytesDown) })
		secondBytes := figure("bytes down, second start", "KB", func(r networkResult) float64 { return kb(r.Second.BytesDown) })
		secondMount := figure("second start → widget mounted", "ms", func(r networkResult) float64 { return r.Second.MountMs })
		rows = append(rows,
			row{Figure: profile.String()},
			figure("first start → widget mounted", "ms", func(r networkResult) float64 { return r.First.MountMs }),
			secondMount.withTarget("≤ 0.5 × Chromium's", met(secondMount, func(app, chromium float64) bool { return app <= 0.5*chromium })),
			figure("first start → chat opened", "ms", func(r networkResult) float64 { return r.First.OpenedMs }),
			figure("second start → chat opened", "ms", func(r networkResult) float64 { return r.Second.OpenedMs }),
			firstBytes,
			secondBytes.withTarget("app ≤ 10 % of its first", firstBytes.App != nil && secondBytes.App != nil && secondBytes.App.Median <= 0.1*firstBytes.App.Median),
		)
	}
	return rows
}

// met judges a target on the two programs' medians; a figure one program lacks is not met.
func met(r row, ok func(app, chromium float64) bool) bool {
	return r.App != nil && r.Chromium != nil && ok(r.App.Median, r.Chromium.Median)
}
