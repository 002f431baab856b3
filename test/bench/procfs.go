package main

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// proc is what the bench reads about one process from /proc/<pid>/stat.
type proc struct {
	pid, ppid int
	comm      string
	// cpuTicks is utime+stime+cutime+cstime: the process's own CPU time plus that of children
	// it has reaped, so a helper that exits during a measurement still counts.
	cpuTicks uint64
}

// parseStat reads a /proc/<pid>/stat line. The command name (field 2) is in parentheses and may
// itself hold spaces and parentheses, so fields are counted from the last ')'.
func parseStat(line string) (proc, error) {
	open, end := strings.IndexByte(line, '('), strings.LastIndexByte(line, ')')
	if open < 0 || end < open {
		return proc{}, fmt.Errorf("malformed stat line %q", line)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(line[:open]))
	if err != nil {
		return proc{}, fmt.Errorf("malformed stat line %q", line)
	}
	// rest[0] is field 3 (state), so field n is rest[n-3].
	rest := strings.Fields(line[end+1:])
	if len(rest) < 15 {
		return proc{}, fmt.Errorf("short stat line %q", line)
	}
	p := proc{pid: pid, comm: line[open+1 : end]}
	if p.ppid, err = strconv.Atoi(rest[1]); err != nil {
		return proc{}, fmt.Errorf("ppid in %q: %w", line, err)
	}
	for _, field := range rest[11:15] { // utime, stime, cutime, cstime
		ticks, err := strconv.ParseUint(field, 10, 64)
		if err != nil {
			return proc{}, fmt.Errorf("cpu time in %q: %w", line, err)
		}
		p.cpuTicks += ticks
	}
	return p, nil
}

// allProcs reads every process's stat. A process that ends while /proc is being read is skipped.
func allProcs() ([]proc, error) {
	paths, err := filepath.Glob("/proc/[0-9]*/stat")
	if err != nil {
		return nil, err
	}
	procs := make([]proc, 0, len(paths))
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			continue // gone already
		}
		p, err := parseStat(string(data))
		if err != nil {
			return nil, err
		}
		procs = append(procs, p)
	}
	return procs, nil
}

// descendants lists every process below the bench. The bench runs one program at a time and is
// a child subreaper (becomeSubreaper), so these are exactly the program's processes, including
// helpers that double-fork away from their parent (Chromium's crashpad handlers).
func descendants() ([]proc, error) {
	all, err := allProcs()
	if err != nil {
		return nil, err
	}
	return descendantsOf(all), nil
}

func descendantsOf(all []proc) []proc {
	children := map[int][]proc{}
	for _, p := range all {
		children[p.ppid] = append(children[p.ppid], p)
	}
	var out []proc
	queue := children[os.Getpid()]
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		out = append(out, p)
		queue = append(queue, children[p.pid]...)
	}
	return out
}

// becomeSubreaper makes orphaned descendants re-parent to the bench instead of init, so none of
// them can escape the measurement or the clean-up.
func becomeSubreaper() error {
	const prSetChildSubreaper = 36
	if _, _, errno := syscall.RawSyscall(syscall.SYS_PRCTL, prSetChildSubreaper, 1, 0); errno != 0 {
		return fmt.Errorf("prctl(PR_SET_CHILD_SUBREAPER): %w", errno)
	}
	return nil
}

// memory is the summed memory of a process tree.
type memory struct {
	PSSKiB int64 `json:"pss_kib"`
	// PSSAnonKiB is the anonymous part of PSS (heaps, JIT code): the program's own. The rest is
	// mostly library pages, whose PSS shrinks when other processes map the same files.
	PSSAnonKiB int64 `json:"pss_anon_kib"`
	RSSKiB     int64 `json:"rss_kib"`
	Processes  int   `json:"processes"`
	// Foreign counts processes outside the tree that map the same engines (another WebKit app or
	// Chromium, e.g. a test running at the same time): with any, PSS reads low.
	Foreign int `json:"foreign_engine_processes"`
	// ByProcess is PSS and its anonymous part per process name (summed over processes of
	// the same name), to see where the tree's memory is.
	ByProcess map[string][2]int64 `json:"pss_and_anon_kib_by_process,omitempty"`
}

// engines are the process names (as /proc truncates them) of the two engines' processes.
var engines = map[string]bool{
	"jedidesk-deskto": true, "WebKitWebProces": true, "WebKitNetworkPr": true, "WebKitGPUProces": true,
	"chromium": true, "chrome_crashpad": true,
}

// treeMemory sums PSS and RSS over the program's processes. PSS splits shared pages between the
// processes that map them, so it is the figure that adds up across a tree; RSS counts shared
// libraries once per process.
func treeMemory() (memory, error) { return treeMemoryWithout(nil) }

// treeMemoryWithout is treeMemory leaving out the processes in others (a window manager the
// bench runs beside the program).
func treeMemoryWithout(others map[int]bool) (memory, error) {
	all, err := allProcs()
	if err != nil {
		return memory{}, err
	}
	var m memory
	tree := map[int]bool{}
	for _, p := range descendantsOf(all) {
		tree[p.pid] = true
		if others[p.pid] {
			continue
		}
		rollup, err := smapsRollup(p.pid)
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ESRCH) {
			continue // ended meanwhile
		}
		if err != nil {
			return memory{}, err
		}
		m.PSSKiB += rollup["Pss:"]
		m.PSSAnonKiB += rollup["Pss_Anon:"]
		if m.ByProcess == nil {
			m.ByProcess = map[string][2]int64{}
		}
		byName := m.ByProcess[p.comm]
		m.ByProcess[p.comm] = [2]int64{byName[0] + rollup["Pss:"], byName[1] + rollup["Pss_Anon:"]}
		m.RSSKiB += rollup["Rss:"]
		m.Processes++
	}
	for _, p := range all {
		if engines[p.comm] && !tree[p.pid] {
			m.Foreign++
		}
	}
	return m, nil
}

// smapsRollup returns a process's memory totals in KiB by field name ("Pss:", "Rss:", …). A
// zombie has no memory and an empty file.
func smapsRollup(pid int) (map[string]int64, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/smaps_rollup", pid))
	if err != nil {
		return nil, err
	}
	totals := map[string]int64{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) != 3 || fields[2] != "kB" {
			continue // the header line
		}
		kib, err := strconv.ParseInt(fields[1], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("smaps_rollup of %d: %w", pid, err)
		}
		totals[fields[0]] = kib
	}
	return totals, nil
}

// treeCPUTicks is the CPU time used so far by the program's processes, in clock ticks.
func treeCPUTicks() (uint64, error) {
	procs, err := descendants()
	if err != nil {
		return 0, err
	}
	var ticks uint64
	for _, p := range procs {
		ticks += p.cpuTicks
	}
	return ticks, nil
}

// clockTicks is the unit of the CPU times in /proc/<pid>/stat (sysconf(_SC_CLK_TCK)), read
// where libc reads it: the AT_CLKTCK entry of the auxiliary vector.
func clockTicks() (float64, error) {
	const atClkTck = 17
	auxv, err := os.ReadFile("/proc/self/auxv")
	if err != nil {
		return 0, err
	}
	for i := 0; i+16 <= len(auxv); i += 16 {
		if binary.NativeEndian.Uint64(auxv[i:]) == atClkTck {
			return float64(binary.NativeEndian.Uint64(auxv[i+8:])), nil
		}
	}
	return 0, errors.New("no AT_CLKTCK in /proc/self/auxv")
}

// stopProgram ends a program's whole process tree: its process group first, so nothing in it
// forks again, then whatever is still below the bench (processes that left the group).
func stopProgram(cmd *exec.Cmd) error {
	syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	waited := make(chan struct{})
	go func() {
		cmd.Wait()
		close(waited)
	}()
	select {
	case <-waited:
	case <-time.After(10 * time.Second):
	}
	return killDescendants()
}

// killDescendants SIGKILLs every process below the bench, and reaps those re-parented to it,
// until none is left.
func killDescendants() error {
	deadline := time.Now().Add(10 * time.Second)
	for {
		procs, err := descendants()
		if err != nil {
			return err
		}
		if len(procs) == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%d processes survived SIGKILL: %v", len(procs), procs)
		}
		for _, p := range procs {
			syscall.Kill(p.pid, syscall.SIGKILL)
			if p.ppid == os.Getpid() {
				syscall.Wait4(p.pid, nil, syscall.WNOHANG, nil)
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
}
