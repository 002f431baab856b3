package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"text/tabwriter"
	"time"
)

// stats summarises one figure's samples.
type stats struct {
	N      int     `json:"n"`
	Median float64 `json:"median"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
	P95    float64 `json:"p95"`
}

func summarize(samples []float64) *stats {
	if len(samples) == 0 {
		return nil
	}
	s := append([]float64(nil), samples...)
	sort.Float64s(s)
	mid := len(s) / 2
	median := s[mid]
	if len(s)%2 == 0 {
		median = (s[mid-1] + s[mid]) / 2
	}
	// Nearest rank: the smallest sample at or above 95 % of them.
	p95 := s[int(math.Ceil(0.95*float64(len(s))))-1]
	return &stats{N: len(s), Median: median, Min: s[0], Max: s[len(s)-1], P95: p95}
}

// row is one line of the table.
type row struct {
	Figure   string   `json:"figure"`
	Unit     string   `json:"unit"`
	App      *stats   `json:"app,omitempty"`
	Chromium *stats   `json:"chromium,omitempty"`
	Ratio    *float64 `json:"ratio,omitempty"` // app median / Chromium median
	Target   string   `json:"target,omitempty"`
	Met      *bool    `json:"met,omitempty"`
	// ShowP95 prints the 95th percentile too (latencies, where the tail matters).
	ShowP95 bool `json:"-"`
}

func (r row) withRatio() row {
	if r.App != nil && r.Chromium != nil && r.Chromium.Median != 0 {
		ratio := r.App.Median / r.Chromium.Median
		r.Ratio = &ratio
	}
	return r
}

func (r row) withTarget(target string, met bool) row {
	r.Target, r.Met = target, &met
	return r
}

// result is a part's record of one run of one program.
type result interface{ programName() string }

func (r runResult) programName() string     { return r.Program }
func (r networkResult) programName() string { return r.Program }
func (r trayResult) programName() string    { return r.Program }
func (r floorResult) programName() string   { return r.Program }

// collect gathers one figure from every run of a program.
func collect[T result](results []T, program string, figure func(T) []float64) *stats {
	var samples []float64
	for _, r := range results {
		if r.programName() == program {
			samples = append(samples, figure(r)...)
		}
	}
	return summarize(samples)
}

// both is a figure measured once per run for the app and for Chromium.
func both(results []runResult, figure, unit string, value func(runResult) float64) row {
	one := func(r runResult) []float64 { return []float64{value(r)} }
	return row{Figure: figure, Unit: unit, App: collect(results, "app", one), Chromium: collect(results, "chromium", one)}
}

func mib(kib int64) float64 { return float64(kib) / 1024 }

// buildRows turns the runs and the file sizes into the table, with the targets.
func buildRows(results []runResult, files []fileSize, idle time.Duration) []row {
	cold := both(results, "cold start → widget mounted", "ms", func(r runResult) float64 { return r.ColdStartMs }).withRatio()
	pss := both(results, "tree PSS, 10 s after ready", "MiB", func(r runResult) float64 { return mib(r.Idle.PSSKiB) }).withRatio()
	cpu := both(results, fmt.Sprintf("idle CPU over %s after ready", idle), "% core", runResult.IdleCPUPercent).withRatio()
	rows := []row{
		cold.withTarget("≤ Chromium's", cold.App.Median <= cold.Chromium.Median),
		pss.withTarget("≤ 0.5 × Chromium's", pss.App.Median <= 0.5*pss.Chromium.Median),
		both(results, "  of which anonymous", "MiB", func(r runResult) float64 { return mib(r.Idle.PSSAnonKiB) }).withRatio(),
		both(results, "tree RSS, 10 s after ready", "MiB", func(r runResult) float64 { return mib(r.Idle.RSSKiB) }).withRatio(),
		both(results, fmt.Sprintf("tree PSS after %d× open+close", chatCycles), "MiB", func(r runResult) float64 { return mib(r.AfterCycles.PSSKiB) }).withRatio(),
		both(results, fmt.Sprintf("tree RSS after %d× open+close", chatCycles), "MiB", func(r runResult) float64 { return mib(r.AfterCycles.RSSKiB) }).withRatio(),
		both(results, "processes in the tree", "", func(r runResult) float64 { return float64(r.Idle.Processes) }),
		cpu.withTarget("< 1 % of one core", cpu.App.Median < 1),
	}
	if open := collect(results, "app", func(r runResult) []float64 { return r.OpenMs }); open != nil {
		rows = append(rows,
			row{Figure: "shortcut → openWidget", Unit: "ms", App: open, ShowP95: true}.withTarget("median < 16 ms", open.Median < 16),
			row{Figure: "shortcut → closeWidget", Unit: "ms", App: collect(results, "app", func(r runResult) []float64 { return r.CloseMs }), ShowP95: true},
			row{Figure: "  of which xdotool's own run", Unit: "ms", App: collect(results, "app", func(r runResult) []float64 { return r.XdotoolMs }), ShowP95: true},
		)
	}
	for _, f := range files {
		r := row{Figure: "size of " + f.Name, Unit: "MB", App: summarize([]float64{float64(f.Bytes) / 1e6})}
		if f.LimitMB > 0 {
			r = r.withTarget(fmt.Sprintf("≤ %g MB", f.LimitMB), float64(f.Bytes) <= f.LimitMB*1e6)
		}
		rows = append(rows, r)
	}
	return rows
}

func format(v float64, unit string) string {
	switch unit {
	case "ms":
		if v >= 100 {
			return fmt.Sprintf("%.0f", v)
		}
		return fmt.Sprintf("%.1f", v)
	case "% core":
		return fmt.Sprintf("%.2f", v)
	case "MB":
		return fmt.Sprintf("%.2f", v)
	case "KB":
		if v < 100 {
			return fmt.Sprintf("%.1f", v)
		}
		return fmt.Sprintf("%.0f", v)
	default:
		return fmt.Sprintf("%.0f", v)
	}
}

func (r row) cell(s *stats) string {
	switch {
	case s == nil:
		return "—"
	case s.N == 1:
		return format(s.Median, r.Unit)
	}
	text := fmt.Sprintf("%s [%s–%s]", format(s.Median, r.Unit), format(s.Min, r.Unit), format(s.Max, r.Unit))
	if r.ShowP95 {
		text += fmt.Sprintf(" p95 %s", format(s.P95, r.Unit))
	}
	return text
}

func (r row) verdict() string {
	switch {
	case r.Met == nil:
		return ""
	case *r.Met:
		return "met"
	}
	return "NOT MET"
}

func printTable(w io.Writer, rows []row) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "figure\tunit\tapp median [min–max]\tChromium median [min–max]\tapp/Chromium\ttarget\t\t")
	for _, r := range rows {
		if r.App == nil && r.Chromium == nil {
			fmt.Fprintf(tw, "%s\t\t\t\t\t\t\t\n", r.Figure) // a heading
			continue
		}
		ratio := ""
		if r.Ratio != nil {
			ratio = fmt.Sprintf("%.2f×", *r.Ratio)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", r.Figure, r.Unit, r.cell(r.App), r.cell(r.Chromium), ratio, r.Target, r.verdict())
	}
	return tw.Flush()
}

// report is the JSON kept per bench run, so runs can be compared.
type report struct {
	Started time.Time       `json:"started"`
	Machine machine         `json:"machine"`
	Config  jsonConfig      `json:"config"`
	Rows    []row           `json:"summary"`
	Runs    []runResult     `json:"runs"`
	Network []networkResult `json:"network,omitempty"`
	Floor   []floorResult   `json:"floor,omitempty"`
	Tray    []trayResult    `json:"tray,omitempty"`
	Files   []fileSize      `json:"files"`
	LongDay *longDayResult  `json:"long_day,omitempty"`
}

// save writes the report to dir as bench-<date>-<time>.json and returns its path.
func (r report) save(dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	path := filepath.Join(dir, "bench-"+r.Started.Format("20060102-150405")+".json")
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return "", err
	}
	return path, os.WriteFile(path, append(data, '\n'), 0o644)
}

// fileSize is a shipped file and the limit for it (0: none).
type fileSize struct {
	Name    string  `json:"name"`
	Bytes   int64   `json:"bytes"`
	LimitMB float64 `json:"limit_mb,omitempty"`
}

// shippedFiles finds the binary and, when built, the installers in dist/.
func shippedFiles(binary, dist string) ([]fileSize, error) {
	var files []fileSize
	add := func(path string, limitMB float64) error {
		info, err := os.Stat(path)
		if err != nil {
			return err
		}
		files = append(files, fileSize{Name: filepath.Base(path), Bytes: info.Size(), LimitMB: limitMB})
		return nil
	}
	if err := add(binary, 10); err != nil {
		return nil, err
	}
	for _, kind := range []struct {
		pattern string
		limitMB float64
	}{{"*.deb", 5}, {"*installer*.exe", 0}} {
		matches, _ := filepath.Glob(filepath.Join(dist, kind.pattern))
		for _, m := range matches {
			if err := add(m, kind.limitMB); err != nil {
				return nil, err
			}
		}
	}
	return files, nil
}
