package main

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"
)

// The floor suite times what no app built on an engine can beat: a bare window of that engine,
// from launch to the first script of a tiny page. The app column is test/webkitfloor (a
// WebKitGTK window and nothing else), the Chromium column Chromium's --app window with the
// flags the other suites give it.

// floorPage's only script reports at once that it ran; the run's id comes in the page's query.
const floorPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>floor</title></head>
<body><script>fetch("/ran" + location.search, {method: "POST"});</script></body>
</html>
`

// floorResult is one launch of one bare window.
type floorResult struct {
	Program string `json:"program"` // "webkitgtk" or "chromium"
	Run     int    `json:"run"`
	// FirstScriptMs is from just before the process started to the arrival of its page's report.
	FirstScriptMs float64 `json:"first_script_ms"`
}

// floorServer serves floorPage on loopback, no proxy, no delay, and passes on when each run's
// report arrived.
type floorServer struct {
	url  string
	stop func()
	ran  chan floorArrival
}

type floorArrival struct {
	run string
	at  time.Time
}

func startFloorServer() (*floorServer, error) {
	f := &floorServer{ran: make(chan floorArrival, 16)}
	var err error
	f.url, f.stop, err = serveLoopback(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			servePage(w, floorPage)
		case "/ran":
			// Taken first: the answer's way back is not part of the figure.
			at := time.Now()
			select {
			case f.ran <- floorArrival{r.URL.Query().Get("run"), at}:
			default: // nobody is waiting (a late duplicate)
			}
			w.WriteHeader(http.StatusNoContent)
		default:
			http.NotFound(w, r)
		}
	}))
	if err != nil {
		return nil, err
	}
	return f, nil
}

func (f *floorServer) Close() { f.stop() }

// waitRan waits for run's report and returns when it arrived; reports of other runs are
// dropped.
func (f *floorServer) waitRan(run string) (time.Time, error) {
	timeout := time.After(startTimeout)
	for {
		select {
		case a := <-f.ran:
			if a.run == run {
				return a.at, nil
			}
		case <-timeout:
			return time.Time{}, fmt.Errorf("the page's script did not run within %s", startTimeout)
		}
	}
}

// buildWebKitFloor builds test/webkitfloor into dir, before anything is timed.
func buildWebKitFloor(dir string) (string, error) {
	binary := filepath.Join(dir, "webkitfloor")
	out, err := exec.Command("go", "build", "-o", binary, "./test/webkitfloor").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build ./test/webkitfloor (needs WebKitGTK 4.1's headers, as the app's build does): %v\n%s", err, out)
	}
	return binary, nil
}

// floorCommand is the bare window of program, with its files under dir.
func (b *bench) floorCommand(program, webkitFloor, url, dir string) *exec.Cmd {
	if program == "webkitgtk" {
		return exec.Command(webkitFloor, url)
	}
	args := append(append([]string(nil), chromiumFlags...), "--user-data-dir="+filepath.Join(dir, "chromium"), "--app="+url)
	return exec.Command(b.cfg.Chromium, args...)
}

// measureFloor launches program's bare window once, with empty folders of its own, and kills
// it (its process group, then whatever else is left below the bench) once its script has run.
func (b *bench) measureFloor(program, webkitFloor string, f *floorServer, run int) (floorResult, error) {
	r := floorResult{Program: program, Run: run}
	dir, err := os.MkdirTemp(b.tmp, fmt.Sprintf("floor-%s-%d-", program, run))
	if err != nil {
		return r, err
	}
	id := fmt.Sprintf("%s-%d", program, run)
	cmd := b.floorCommand(program, webkitFloor, f.url+"?run="+id, dir)
	output, err := inHome(cmd, dir)
	if err != nil {
		return r, err
	}
	defer output.Close()

	began := time.Now()
	if err := cmd.Start(); err != nil {
		return r, fmt.Errorf("start %s: %w", program, err)
	}
	ran, waitErr := f.waitRan(id)
	syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	cmd.Wait()
	if err := errors.Join(waitErr, killDescendants()); err != nil {
		out, _ := os.ReadFile(filepath.Join(dir, "output.log"))
		return r, fmt.Errorf("floor, %s, run %d: %w\n%s printed:\n%s", program, run, err, program, out)
	}
	r.FirstScriptMs = ms(ran.Sub(began))
	return r, nil
}

// floorRows is the floor suite's line: the bare WebKitGTK window in the app's column, since it
// is the least the app can take, against the bare Chromium window.
func floorRows(results []floorResult) []row {
	firstScript := func(r floorResult) []float64 { return []float64{r.FirstScriptMs} }
	return []row{row{Figure: "bare window: launch → first script", Unit: "ms", App: collect(results, "webkitgtk", firstScript), Chromium: collect(results, "chromium", firstScript)}.withRatio()}
}
