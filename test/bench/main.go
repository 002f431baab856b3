// Command bench measures JediDesk Desktop side by side with Chromium showing the same stand-in
// widget in an --app window: cold start to widget ready, process-tree memory, idle CPU, the
// global shortcut's latency (app only) and the size of what we ship. It prints a table and
// keeps every run as JSON in bench-results/. Run it from the repository root inside an X server
// and a D-Bus session, as `make bench` does; docs/benchmarks.md explains the figures.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"jedidesk-desktop/test/standin"
)

// widgetDir is the demo widget the stand-in serves, relative to the repository root.
const widgetDir = "frontend/public/demo-widget"

type config struct {
	Suites      map[string]bool
	Runs        int
	Network     []netProfile
	NetworkRuns int
	FloorRuns   int
	TrayRuns    int
	TrayWait    time.Duration
	Idle        time.Duration
	Presses     int
	MountDelay  time.Duration
	LongDay     int
	App         string
	Chromium    string
	Dist        string
	Out         string
}

// jsonConfig is config as kept in the report, durations readable.
type jsonConfig struct {
	Suites      []string     `json:"suites"`
	Runs        int          `json:"runs"`
	Network     []netProfile `json:"network,omitempty"`
	NetworkRuns int          `json:"network_runs,omitempty"`
	FloorRuns   int          `json:"floor_runs,omitempty"`
	TrayRuns    int          `json:"tray_runs,omitempty"`
	TrayWait    string       `json:"tray_wait,omitempty"`
	Idle        string       `json:"idle"`
	Presses     int          `json:"presses"`
	MountDelay  string       `json:"mount_delay"`
	LongDay     int          `json:"long_day"`
	App         string       `json:"app"`
	Chromium    string       `json:"chromium"`
}

func (c config) json() jsonConfig {
	var suites []string
	for _, s := range allSuites {
		if c.Suites[s] {
			suites = append(suites, s)
		}
	}
	return jsonConfig{Suites: suites, Network: c.Network, NetworkRuns: c.NetworkRuns, FloorRuns: c.FloorRuns, TrayRuns: c.TrayRuns, TrayWait: c.TrayWait.String(), Runs: c.Runs, Idle: c.Idle.String(), Presses: c.Presses, MountDelay: c.MountDelay.String(), LongDay: c.LongDay, App: c.App, Chromium: c.Chromium}
}

// allSuites are the parts of the bench, in the order they run.
var allSuites = []string{"loopback", "network", "floor", "tray"}

func parseFlags() (config, error) {
	var c config
	suites := flag.String("suites", strings.Join(allSuites, ","), "which parts to run: loopback (the stand-in on loopback: cold start, memory, CPU, shortcut, sizes), network (first and second start of the real widget's weight over -network's profiles), floor (a bare WebKitGTK window and a bare Chromium window: launch to a tiny page's first script), tray (memory while hidden for -tray-wait)")
	flag.IntVar(&c.TrayRuns, "tray-runs", 1, "runs of each program in the tray suite, alternating")
	flag.DurationVar(&c.TrayWait, "tray-wait", 5*time.Minute, "how long the program waits hidden before the tray suite's memory sample")
	network := flag.String("network", "all", "network profiles for the network suite: office, home, mobile (comma-separated), all")
	flag.IntVar(&c.NetworkRuns, "network-runs", 3, "runs of each program per network profile, alternating (each a first and a second start)")
	flag.IntVar(&c.FloorRuns, "floor-runs", 5, "runs of each bare window in the floor suite, alternating")
	flag.IntVar(&c.Runs, "runs", 5, "runs of each program in the loopback suite, alternating")
	flag.DurationVar(&c.Idle, "idle", 30*time.Second, "idle period after ready over which CPU is measured (≥ 10s: the memory sample is taken within it)")
	flag.IntVar(&c.Presses, "presses", 50, "global-shortcut presses per app run (they alternately open and close the chat)")
	flag.DurationVar(&c.MountDelay, "mount-delay", 50*time.Millisecond, "the stand-in widget's mount delay (part of cold start)")
	flag.IntVar(&c.LongDay, "long-day", 2000, "chat cycles, and then agent replies, of the app's long day (0: none)")
	flag.StringVar(&c.App, "app", "build/bin/jedidesk-desktop", "the app's binary")
	flag.StringVar(&c.Chromium, "chromium", "/usr/lib/chromium/chromium", "Chromium's binary (the real one, not Debian's wrapper script, which adds flags)")
	flag.StringVar(&c.Dist, "dist", "dist", "folder of the built installers")
	flag.StringVar(&c.Out, "out", "bench-results", "folder for the JSON results")
	flag.Parse()
	c.Suites = map[string]bool{}
	for _, name := range strings.Split(*suites, ",") {
		if !slices.Contains(allSuites, name) {
			return c, fmt.Errorf("unknown suite %q (%s)", name, strings.Join(allSuites, ", "))
		}
		c.Suites[name] = true
	}
	var err error
	if c.Network, err = parseProfiles(*network); err != nil {
		return c, err
	}
	switch {
	case c.Suites["tray"] && (c.TrayRuns < 1 || c.TrayWait < afterHiding):
		return c, fmt.Errorf("the tray suite needs -tray-runs of at least 1 and -tray-wait of at least %s", afterHiding)
	case c.Suites["network"] && (len(c.Network) == 0 || c.NetworkRuns < 1):
		return c, errors.New("the network suite needs a -network profile and -network-runs of at least 1")
	case c.Suites["floor"] && c.FloorRuns < 1:
		return c, errors.New("the floor suite needs -floor-runs of at least 1")
	case flag.NArg() > 0:
		return c, fmt.Errorf("unexpected arguments %v", flag.Args())
	case c.Runs < 1:
		return c, errors.New("-runs must be at least 1")
	case c.Idle < memoryAfterReady:
		return c, fmt.Errorf("-idle must be at least %s", memoryAfterReady)
	case c.Presses < 2:
		return c, errors.New("-presses must be at least 2 (one open, one close)")
	case c.LongDay < 0:
		return c, errors.New("-long-day must be 0 or more")
	}
	return c, nil
}

// checkSetup fails early, with the fix, when the bench cannot work here.
func checkSetup(c config) error {
	if os.Getenv("DISPLAY") == "" || os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		return errors.New(`needs an X server and a D-Bus session: run it with make bench, or under xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session --`)
	}
	paths := []string{c.Chromium, widgetDir}
	// The floor suite alone runs no app.
	if c.LongDay > 0 || c.Suites["network"] || c.Suites["tray"] || c.Suites["loopback"] {
		paths = append(paths, c.App)
	}
	for _, path := range paths {
		if _, err := os.Stat(path); err != nil {
			return fmt.Errorf("%w (run from the repository root, after make build; apt-get install chromium)", err)
		}
	}
	return nil
}

func main() {
	c, err := parseFlags()
	if err == nil {
		err = checkSetup(c)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(2)
	}
	if err := run(c); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(c config) error {
	if err := becomeSubreaper(); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "jedidesk-bench-")
	if err != nil {
		return err
	}
	cleanUp := func() {
		if err := killDescendants(); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
		}
		os.RemoveAll(tmp)
	}
	defer cleanUp()
	onSignal(cleanUp)

	ticks, err := clockTicks()
	if err != nil {
		return err
	}
	hostURL, stopHost, err := serveHostPage()
	if err != nil {
		return err
	}
	defer stopHost()

	// Built before anything is timed, and only when needed: it compiles against WebKitGTK.
	var webkitFloor string
	if c.Suites["floor"] {
		if webkitFloor, err = buildWebKitFloor(tmp); err != nil {
			return err
		}
	}

	rep := report{Started: time.Now(), Machine: describeMachine(c.Chromium), Config: c.json()}
	b := &bench{cfg: c, tmp: tmp, clockTicks: ticks}
	// First, while the session bus has no notification server: the long day brings its own,
	// which counts what is on screen, and the app's runs below start the desktop's (dunst).
	if c.LongDay > 0 {
		r, err := b.longDay(c.LongDay)
		if err != nil {
			return err
		}
		rep.LongDay = &r
	}
	programs := []program{appProgram{binary: c.App}, chromiumProgram{binary: c.Chromium, hostURL: hostURL}}
	// Alternating spreads whatever else the machine does over both programs alike.
	if c.Suites["network"] {
		for _, profile := range c.Network {
			for i := 1; i <= c.NetworkRuns; i++ {
				for _, p := range programs {
					fmt.Fprintf(os.Stderr, "bench: network %s, run %d/%d, %s…\n", profile.Name, i, c.NetworkRuns, p.name())
					r, err := b.measureNetwork(p, profile, i)
					if err != nil {
						return err
					}
					rep.Network = append(rep.Network, r)
				}
			}
		}
	}
	if c.Suites["floor"] {
		f, err := startFloorServer()
		if err != nil {
			return err
		}
		defer f.Close()
		for i := 1; i <= c.FloorRuns; i++ {
			for _, program := range []string{"webkitgtk", "chromium"} {
				fmt.Fprintf(os.Stderr, "bench: floor, run %d/%d, bare %s window…\n", i, c.FloorRuns, program)
				r, err := b.measureFloor(program, webkitFloor, f, i)
				if err != nil {
					return err
				}
				rep.Floor = append(rep.Floor, r)
			}
		}
	}
	if c.Suites["tray"] {
		for i := 1; i <= c.TrayRuns; i++ {
			for _, p := range programs {
				fmt.Fprintf(os.Stderr, "bench: tray, run %d/%d, %s (%s hidden)…\n", i, c.TrayRuns, p.name(), c.TrayWait)
				r, err := b.measureTray(p, i)
				if err != nil {
					return err
				}
				rep.Tray = append(rep.Tray, r)
			}
		}
	}
	if c.Suites["loopback"] {
		for i := 1; i <= c.Runs; i++ {
			for _, p := range programs {
				fmt.Fprintf(os.Stderr, "bench: run %d/%d, %s…\n", i, c.Runs, p.name())
				r, err := b.measure(p, i)
				if err != nil {
					return err
				}
				rep.Runs = append(rep.Runs, r)
			}
		}
		if rep.Files, err = shippedFiles(c.App, c.Dist); err != nil {
			return err
		}
	}
	fmt.Printf("JediDesk Desktop vs Chromium --app on the same stand-in widget, alternating. Medians [min–max] over runs. Machine: %s\n", rep.Machine)
	if c.Suites["network"] {
		rows := networkRows(rep.Network, c.Network)
		rep.Rows = append(rep.Rows, rows...)
		fmt.Printf("\nNetwork: %d runs each per profile, each a first start (empty folders) and a second start (what the first left), the chat\n", c.NetworkRuns)
		fmt.Printf("opened at launch; the real widget's weight (%d KB script, %d KB CSS, fonts, images, settings API, synchronous jsonip)\n", standin.HeavyScriptBytes/1000, standin.HeavyCSSBytes/1000)
		fmt.Printf("through a proxy that adds the profile's round trips and bandwidth (no slow start, no TLS). Times from launch, KB = 10^3 bytes.\n\n")
		if err := printTable(os.Stdout, rows); err != nil {
			return err
		}
	}
	if c.Suites["floor"] {
		rows := floorRows(rep.Floor)
		rep.Rows = append(rep.Rows, rows...)
		fmt.Printf("\nFloor: %d runs each of a bare window, no app in it, loading a tiny page from 127.0.0.1 (no proxy, no delay) whose\n", c.FloorRuns)
		fmt.Printf("inline script reports at once; from launch to the report's arrival, empty folders each run. App column: a bare\n")
		fmt.Printf("WebKitGTK window (test/webkitfloor: gtk_init, a WebKitWebView, no Wails), what any WebKitGTK app takes at least;\n")
		fmt.Printf("Chromium column: chromium --app with the flags the other suites give it.\n\n")
		if err := printTable(os.Stdout, rows); err != nil {
			return err
		}
	}
	if c.Suites["tray"] {
		rows := trayRows(rep.Tray, c.TrayWait)
		rep.Rows = append(rep.Rows, rows...)
		fmt.Printf("\nTray: %d runs each on the heavy stand-in over loopback, hidden once the widget had mounted: the app to its tray, Chromium\n", c.TrayRuns)
		fmt.Printf("minimised (openbox runs meanwhile and is not counted). Tree PSS in MiB.\n")
		var samples []memory
		for _, r := range rep.Tray {
			samples = append(samples, r.Shown, r.Hidden, r.Later)
		}
		warnDisturbed(samples)
		fmt.Println()
		if err := printTable(os.Stdout, rows); err != nil {
			return err
		}
	}
	if c.Suites["loopback"] {
		rows := buildRows(rep.Runs, rep.Files, c.Idle)
		rep.Rows = append(rep.Rows, rows...)
		fmt.Printf("\nLoopback: %d runs each, cold starts with empty profiles; cold start includes the stand-in's %s mount delay.\n", c.Runs, c.MountDelay)
		fmt.Printf("Latencies over all presses. Memory in MiB, sizes in MB (10^6 bytes).\n")
		var samples []memory
		for _, r := range rep.Runs {
			samples = append(samples, r.Idle, r.AfterCycles)
		}
		warnDisturbed(samples)
		fmt.Println()
		if err := printTable(os.Stdout, rows); err != nil {
			return err
		}
	}
	if rep.LongDay != nil {
		fmt.Println()
		if err := printLongDay(os.Stdout, *rep.LongDay); err != nil {
			return err
		}
	}
	path, err := rep.save(c.Out)
	if err != nil {
		return err
	}
	fmt.Printf("\nResults: %s\n", path)
	return nil
}

// onSignal runs cleanUp and exits when the bench is interrupted, so that no app or browser
// outlives it. The programs run in their own process groups and do not see a terminal's Ctrl+C.
func onSignal(cleanUp func()) {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		sig := <-signals
		fmt.Fprintf(os.Stderr, "bench: %s, stopping\n", sig)
		cleanUp()
		os.Exit(1)
	}()
}

// warnDisturbed says when memory samples were taken while other WebKit or Chromium processes
// ran.
func warnDisturbed(samples []memory) {
	n := 0
	for _, m := range samples {
		if m.Foreign > 0 {
			n++
		}
	}
	if n > 0 {
		fmt.Printf("WARNING: %d of %d memory samples were taken while other WebKit or Chromium processes ran (another test?):\nthey share library pages with the measured tree, so its PSS reads low. Compare the anonymous part, or re-run on a quiet machine.\n", n, len(samples))
	}
}
