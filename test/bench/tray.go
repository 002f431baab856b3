package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"

	"jedidesk-desktop/test/sniwatcher"
	"jedidesk-desktop/test/standin"
)

// afterHiding is when the first memory sample is taken after hiding: what hiding itself gave.
const afterHiding = 10 * time.Second

// trayResult is one run of the tray suite: the program's tree memory while it waits hidden,
// the app in the tray, Chromium as a minimised window.
type trayResult struct {
	Program string `json:"program"`
	Run     int    `json:"run"`
	// Shown is sampled just before hiding (the widget mounted and settled).
	Shown memory `json:"memory_shown"`
	// Hidden is sampled afterHiding after hiding, Later cfg.TrayWait after hiding.
	Hidden memory `json:"memory_hidden"`
	Later  memory `json:"memory_later"`
	// After the wait, the app only: its global shortcut, timed from just before the key press
	// to its window's X map (BackWindowMs) and to the widget's record of openWidget
	// (BackChatMs): the way back from the tray once the page was given up.
	BackWindowMs float64 `json:"back_window_ms,omitempty"`
	BackChatMs   float64 `json:"back_chat_ms,omitempty"`
}

// measureTray starts p on the heavy stand-in, waits until the widget has mounted and settled,
// hides it as a user leaves it for the day, and samples its tree's memory. A window manager
// (openbox) runs meanwhile, since minimising is its work; it is not counted.
func (b *bench) measureTray(p program, run int) (trayResult, error) {
	r := trayResult{Program: p.name(), Run: run}
	s, err := standin.StartWith(widgetDir, standin.Options{Heavy: true, Release: "bench", MountDelay: b.cfg.MountDelay})
	if err != nil {
		return r, err
	}
	defer s.Close()
	dir, err := os.MkdirTemp(b.tmp, fmt.Sprintf("%s-tray-%d-", p.name(), run))
	if err != nil {
		return r, err
	}
	wm := exec.Command("openbox", "--sm-disable")
	wm.Env = append(os.Environ(), "HOME="+dir, "XDG_CONFIG_HOME="+filepath.Join(dir, "wm"))
	if err := wm.Start(); err != nil {
		return r, fmt.Errorf("start openbox (make bench installs it): %w", err)
	}
	defer killDescendants()
	notCounted := map[int]bool{wm.Process.Pid: true}
	// The desktop's panel, which the app's tray item registers with as it starts.
	panel, err := sniwatcher.Start()
	if err != nil {
		return r, fmt.Errorf("stand in for the panel: %w", err)
	}
	defer panel.Close()

	l := launch{widgetURL: s.URL, dir: dir, token: benchToken}
	cmd, _, output, err := prepare(p, l, s.URL)
	if err != nil {
		return r, err
	}
	defer output.Close()
	if err := cmd.Start(); err != nil {
		return r, fmt.Errorf("start %s: %w", p.name(), err)
	}
	err = func() error {
		if _, ok := s.WaitFor(startTimeout, mounted); !ok {
			return errors.New("the widget did not mount")
		}
		time.Sleep(memoryAfterReady)
		if r.Shown, err = treeMemoryWithout(notCounted); err != nil {
			return err
		}
		if err := p.hide(cmd, panel); err != nil {
			return err
		}
		if err := waitHidden(cmd.Process.Pid); err != nil {
			return err
		}
		hidden := time.Now()
		time.Sleep(afterHiding)
		if r.Hidden, err = treeMemoryWithout(notCounted); err != nil {
			return err
		}
		time.Sleep(time.Until(hidden.Add(b.cfg.TrayWait)))
		if r.Later, err = treeMemoryWithout(notCounted); err != nil {
			return err
		}
		if combo := p.globalShortcut(); combo != "" {
			return wayBack(&r, combo, s)
		}
		return nil
	}()
	if err != nil {
		out, _ := os.ReadFile(filepath.Join(dir, "output.log"))
		return r, fmt.Errorf("%s, tray run %d: %w\n%s printed:\n%s", p.name(), run, err, p.name(), out)
	}
	return r, nil
}

// wayBack presses the global shortcut with the window hidden and times the window's map (any
// top-level window mapped: the app's, or the window manager's frame around it) and the widget's
// openWidget record.
func wayBack(r *trayResult, combo string, s *standin.Server) error {
	conn, err := xgb.NewConn()
	if err != nil {
		return err
	}
	defer conn.Close()
	root := xproto.Setup(conn).DefaultScreen(conn).Root
	if err := xproto.ChangeWindowAttributesChecked(conn, root, xproto.CwEventMask, []uint32{xproto.EventMaskSubstructureNotify}).Check(); err != nil {
		return fmt.Errorf("watch the screen for windows: %w", err)
	}
	mapped := make(chan time.Time, 1)
	go func() {
		for {
			ev, err := conn.WaitForEvent()
			if ev == nil && err == nil {
				return // closed
			}
			if _, ok := ev.(xproto.MapNotifyEvent); ok {
				select {
				case mapped <- time.Now():
				default:
				}
			}
		}
	}()
	seen := len(s.Records())
	pressed, exited, err := pressKey(combo)
	if err != nil {
		return err
	}
	// The reloaded widget may get the user's details first.
	var arrived time.Time
	for call := (standin.Record{}); call.Command != "openWidget"; {
		if call, seen, arrived, err = nextCall(s, seen); err != nil {
			return fmt.Errorf("back from the tray: %w", err)
		}
	}
	if exit := <-exited; exit.err != nil {
		return fmt.Errorf("xdotool key %s: %w", combo, exit.err)
	}
	select {
	case at := <-mapped:
		r.BackWindowMs = ms(at.Sub(pressed))
	case <-time.After(stepTimeout):
		return errors.New("back from the tray: no window was mapped")
	}
	r.BackChatMs = ms(arrived.Sub(pressed))
	return nil
}

// hide for the app is a click on its tray icon, which hides its window to the tray.
func (appProgram) hide(_ *exec.Cmd, w *sniwatcher.Watcher) error {
	deadline := time.Now().Add(stepTimeout)
	for len(w.Items()) == 0 {
		if time.Now().After(deadline) {
			return errors.New("the app's tray item did not register")
		}
		time.Sleep(50 * time.Millisecond)
	}
	return w.Activate(w.Items()[0])
}

// hide for Chromium minimises its window, as its title bar's button does.
func (chromiumProgram) hide(cmd *exec.Cmd, _ *sniwatcher.Watcher) error {
	ctx, cancel := context.WithTimeout(context.Background(), stepTimeout)
	defer cancel()
	out, err := exec.CommandContext(ctx, "xdotool", "search", "--sync", "--onlyvisible", "--pid", fmt.Sprint(cmd.Process.Pid)).Output()
	ids := strings.Fields(string(out))
	if err != nil || len(ids) == 0 {
		return fmt.Errorf("Chromium's window did not appear: %v", err)
	}
	return xdotool("windowminimize", "--sync", ids[len(ids)-1])
}

// trayRows are the tray suite's lines, with the target for the figure after the wait.
func trayRows(results []trayResult, wait time.Duration) []row {
	figure := func(name string, value func(trayResult) memory, pss func(memory) int64) row {
		inMiB := func(r trayResult) []float64 { return []float64{mib(pss(value(r)))} }
		return row{Figure: name, Unit: "MiB", App: collect(results, "app", inMiB), Chromium: collect(results, "chromium", inMiB)}.withRatio()
	}
	total := func(m memory) int64 { return m.PSSKiB }
	anon := func(m memory) int64 { return m.PSSAnonKiB }
	later := figure(fmt.Sprintf("tray: tree PSS %s after hiding", wait), func(r trayResult) memory { return r.Later }, total)
	rows := []row{
		figure("tray: tree PSS before hiding", func(r trayResult) memory { return r.Shown }, total),
		figure(fmt.Sprintf("tray: tree PSS %s after hiding", afterHiding), func(r trayResult) memory { return r.Hidden }, total),
		later.withTarget("≤ 0.5 × Chromium's", met(later, func(app, chromium float64) bool { return app <= 0.5*chromium })),
		figure("  of which anonymous", func(r trayResult) memory { return r.Later }, anon),
	}
	back := func(name string, value func(trayResult) float64, limit float64) {
		if s := collect(results, "app", func(r trayResult) []float64 { return []float64{value(r)} }); s != nil {
			rows = append(rows, row{Figure: name, Unit: "ms", App: s}.withTarget(fmt.Sprintf("≤ %g ms", limit), s.Median <= limit))
		}
	}
	back("tray → window shown (shortcut)", func(r trayResult) float64 { return r.BackWindowMs }, 100)
	back("tray → chat open (shortcut)", func(r trayResult) float64 { return r.BackChatMs }, 300)
	return rows
}

// waitHidden waits until pid shows no window any more.
func waitHidden(pid int) error {
	for deadline := time.Now().Add(stepTimeout); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		// xdotool search fails when it finds nothing.
		if exec.Command("xdotool", "search", "--onlyvisible", "--pid", fmt.Sprint(pid)).Run() != nil {
			return nil
		}
	}
	return errors.New("the window is still shown after hiding it")
}
