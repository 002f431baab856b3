package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"

	"jedidesk-desktop/test/standin"
)

const (
	// Deadlines for waiting, never assertions about speed.
	startTimeout = 60 * time.Second
	stepTimeout  = 15 * time.Second

	memoryAfterReady = 10 * time.Second
	chatCycles       = 20
	// Lets the page finish what the last close started (its event, the app's report of it).
	settleAfterCycles = 2 * time.Second
	// Presses are spaced like a person's. Pressing again the moment the widget records a call can
	// beat the widget's Opened/Closed event back to the app, whose bridge then briefly holds the
	// stale state and drops the next open (seen once in ~900 cycles).
	pressInterval = 200 * time.Millisecond
)

// runResult is what one run of one program measured.
type runResult struct {
	Program     string  `json:"program"`
	Run         int     `json:"run"`
	ColdStartMs float64 `json:"cold_start_ms"`
	// Idle is sampled memoryAfterReady after the widget mounted.
	Idle memory `json:"memory_idle"`
	// AfterCycles is sampled settleAfterCycles after the chat was opened and closed chatCycles times.
	AfterCycles    memory  `json:"memory_after_cycles"`
	IdleCPUSeconds float64 `json:"idle_cpu_seconds"`
	IdleSeconds    float64 `json:"idle_seconds"`
	// Shortcut latencies (app only), from just before xdotool starts to the widget's record.
	OpenMs  []float64 `json:"shortcut_open_ms,omitempty"`
	CloseMs []float64 `json:"shortcut_close_ms,omitempty"`
	// XdotoolMs is how long each xdotool process ran, start to exit. Its start-up, up to sending
	// the key, is inside every latency above.
	XdotoolMs []float64 `json:"xdotool_ms,omitempty"`
}

// IdleCPUPercent is the CPU time used while idle as a share of one core.
func (r runResult) IdleCPUPercent() float64 { return 100 * r.IdleCPUSeconds / r.IdleSeconds }

// bench holds what every run shares.
type bench struct {
	cfg        config
	tmp        string
	clockTicks float64
}

// measure runs p once from a cold start and measures it.
func (b *bench) measure(p program, run int) (runResult, error) {
	s, err := standin.Start(widgetDir, b.cfg.MountDelay)
	if err != nil {
		return runResult{}, err
	}
	defer s.Close()
	dir, err := os.MkdirTemp(b.tmp, fmt.Sprintf("%s-%d-", p.name(), run))
	if err != nil {
		return runResult{}, err
	}
	cmd, _, output, err := prepare(p, launch{widgetURL: s.URL, dir: dir}, s.URL)
	if err != nil {
		return runResult{}, err
	}
	defer output.Close()

	began := time.Now()
	if err := cmd.Start(); err != nil {
		return runResult{}, fmt.Errorf("start %s: %w", p.name(), err)
	}
	r, err := b.measureStarted(p, cmd, s, began)
	stopErr := stopProgram(cmd)
	if err != nil {
		output, _ := os.ReadFile(filepath.Join(dir, "output.log"))
		return runResult{}, fmt.Errorf("%s, run %d: %w\n%s printed:\n%s", p.name(), run, err, p.name(), output)
	}
	r.Program, r.Run = p.name(), run
	return r, stopErr
}

// prepare builds p's command with its own XDG folders under l.dir, in its own process group
// (so it can be killed whole), and its output appended to l.dir/output.log for when a run
// fails. The app's page answers the bench's questions (is it focused?) to the stand-in at
// probe. It returns the command's environment too.
func prepare(p program, l launch, probe string) (*exec.Cmd, []string, *os.File, error) {
	cmd := p.command(l)
	output, err := inHome(cmd, l.dir, "JEDIDESK_TEST_PROBE="+probe)
	if err != nil {
		return nil, nil, nil, err
	}
	return cmd, cmd.Env, output, nil
}

// inHome gives cmd its own XDG folders under dir (homeEnv) and extra variables, its own
// process group, and dir/output.log for what it prints, which the caller closes.
func inHome(cmd *exec.Cmd, dir string, extra ...string) (*os.File, error) {
	env, err := homeEnv(dir)
	if err != nil {
		return nil, err
	}
	output, err := os.OpenFile(filepath.Join(dir, "output.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	cmd.Env = append(env, extra...)
	cmd.Stdout, cmd.Stderr = output, output
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	return output, nil
}

// measureStarted takes, in order, every measurement of p started at began: cold start, idle
// memory and CPU, memory after chat cycles, and (app only) the shortcut's latency.
func (b *bench) measureStarted(p program, cmd *exec.Cmd, s *standin.Server, began time.Time) (runResult, error) {
	if _, ok := s.WaitFor(startTimeout, mounted); !ok {
		return runResult{}, errors.New("the widget did not mount")
	}
	ready := time.Now()
	r := runResult{ColdStartMs: ms(ready.Sub(began))}
	if err := b.idle(&r, ready); err != nil {
		return r, err
	}
	c, err := p.chat(cmd, s)
	if err != nil {
		return r, err
	}
	if err := cycleChat(c, s, chatCycles); err != nil {
		return r, err
	}
	time.Sleep(settleAfterCycles)
	if r.AfterCycles, err = treeMemory(); err != nil {
		return r, err
	}
	if combo := p.globalShortcut(); combo != "" {
		return r, shortcutLatency(&r, combo, s, b.cfg.Presses)
	}
	return r, nil
}

func mounted(records []standin.Record) bool {
	for _, r := range records {
		if r.Type == "mount" {
			return true
		}
	}
	return false
}

// idle takes the memory sample memoryAfterReady after ready and the CPU time used from ready
// until the idle period ends (cfg.Idle, at least memoryAfterReady, is checked by parseFlags).
func (b *bench) idle(r *runResult, ready time.Time) error {
	cpuBefore, err := treeCPUTicks()
	if err != nil {
		return err
	}
	from := time.Now()
	time.Sleep(time.Until(ready.Add(memoryAfterReady)))
	if r.Idle, err = treeMemory(); err != nil {
		return err
	}
	time.Sleep(time.Until(ready.Add(b.cfg.Idle)))
	cpuAfter, err := treeCPUTicks()
	if err != nil {
		return err
	}
	r.IdleSeconds = time.Since(from).Seconds()
	r.IdleCPUSeconds = float64(cpuAfter-cpuBefore) / b.clockTicks
	return nil
}

// cycleChat opens and closes the chat n times, each time waiting for the widget's record of
// the call.
func cycleChat(c chat, s *standin.Server, n int) error {
	seen := len(s.Records())
	for i := 0; i < n; i++ {
		for _, step := range []struct {
			do   func() error
			want string
		}{{c.open, "openWidget"}, {c.close, "closeWidget"}} {
			time.Sleep(pressInterval)
			if err := step.do(); err != nil {
				return err
			}
			call, next, _, err := nextCall(s, seen)
			if err != nil {
				return fmt.Errorf("cycle %d, %s: %w", i+1, step.want, err)
			}
			if call.Command != step.want {
				return fmt.Errorf("cycle %d: asked for %s, the widget got %s", i+1, step.want, call.Command)
			}
			seen = next
		}
	}
	return nil
}

// nextCall waits for the first JediDesk(...) call recorded after the first seen records, and
// returns it, how many records there are up to and including it, and when it arrived.
func nextCall(s *standin.Server, seen int) (standin.Record, int, time.Time, error) {
	find := func(records []standin.Record) int {
		for i := seen; i < len(records); i++ {
			if records[i].Type == "call" {
				return i
			}
		}
		return -1
	}
	records, ok := s.WaitFor(stepTimeout, func(r []standin.Record) bool { return find(r) >= 0 })
	arrived := time.Now()
	if !ok {
		return standin.Record{}, 0, arrived, errors.New("the widget recorded no call")
	}
	i := find(records)
	return records[i], i + 1, arrived, nil
}

// shortcutLatency presses the global shortcut presses times with the app's window in front and
// focused, where each press alternately opens and closes the chat. Each press is timed from just
// before xdotool starts to the arrival of the widget's record, which the page POSTs over
// loopback. xdotool runs with --delay 0: its default sleeps 6 ms after each key of the chord
// goes down, which would put 12 ms of xdotool's own waiting into every figure.
func shortcutLatency(r *runResult, combo string, s *standin.Server, presses int) error {
	if err := waitPageFocused(s); err != nil {
		return err
	}
	seen := len(s.Records())
	for i := 0; i < presses; i++ {
		time.Sleep(pressInterval)
		pressed, exited, err := pressKey(combo)
		if err != nil {
			return err
		}
		call, next, arrived, err := nextCall(s, seen)
		exit := <-exited
		if exit.err != nil {
			return fmt.Errorf("xdotool key %s: %w", combo, exit.err)
		}
		if err != nil {
			return fmt.Errorf("press %d of %s: %w", i+1, combo, err)
		}
		r.XdotoolMs = append(r.XdotoolMs, ms(exit.at.Sub(pressed)))
		switch call.Command {
		case "openWidget":
			r.OpenMs = append(r.OpenMs, ms(arrived.Sub(pressed)))
		case "closeWidget":
			r.CloseMs = append(r.CloseMs, ms(arrived.Sub(pressed)))
		default:
			return fmt.Errorf("press %d of %s: the widget got %s", i+1, combo, call.Command)
		}
		seen = next
	}
	return nil
}

type keyExit struct {
	at  time.Time
	err error
}

// pressKey starts xdotool typing combo and returns the moment just before it started; the
// channel says when it exited, which may be before or after the app reacted.
func pressKey(combo string) (time.Time, <-chan keyExit, error) {
	key := exec.Command("xdotool", "key", "--delay", "0", combo)
	pressed := time.Now()
	if err := key.Start(); err != nil {
		return pressed, nil, err
	}
	exited := make(chan keyExit, 1)
	go func() {
		err := key.Wait()
		exited <- keyExit{time.Now(), err}
	}()
	return pressed, exited, nil
}

// waitPageFocused waits until the page has the keyboard focus: only then does the app count its
// window as in front, where the shortcut toggles the chat rather than raising the window.
func waitPageFocused(s *standin.Server) error {
	deadline := time.Now().Add(stepTimeout)
	for time.Now().Before(deadline) {
		seen := len(s.Records())
		if err := s.Drive(map[string]string{"do": "query", "selector": "html"}); err != nil {
			return err
		}
		records, ok := s.WaitFor(stepTimeout, func(r []standin.Record) bool { return queryAfter(r, seen) != nil })
		if !ok {
			return errors.New("the page did not answer a query")
		}
		var answer struct {
			PageFocused bool `json:"pageFocused"`
		}
		if err := json.Unmarshal(queryAfter(records, seen).Result, &answer); err != nil {
			return err
		}
		if answer.PageFocused {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return errors.New("the app's page never got the keyboard focus")
}

func queryAfter(records []standin.Record, seen int) *standin.Record {
	for i := seen; i < len(records); i++ {
		if records[i].Type == "query" {
			return &records[i]
		}
	}
	return nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
