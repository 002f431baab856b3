package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
)

// machine is what the figures depend on besides the code.
type machine struct {
	CPUs      int    `json:"cpus"`
	CPUModel  string `json:"cpu_model"`
	MemoryMiB int64  `json:"memory_mib"`
	Kernel    string `json:"kernel"`
	WebKitGTK string `json:"webkitgtk"`
	Chromium  string `json:"chromium"`
	Commit    string `json:"commit"`
	// LoadAvg at the start: other work on the machine skews every figure.
	LoadAvg string `json:"loadavg"`
}

func describeMachine(chromium string) machine {
	return machine{
		CPUs:      runtime.NumCPU(),
		CPUModel:  procField("/proc/cpuinfo", "model name"),
		MemoryMiB: memTotalMiB(),
		Kernel:    firstLine("/proc/sys/kernel/osrelease"),
		WebKitGTK: output("dpkg-query", "-W", "-f", "${Version}", "libwebkit2gtk-4.1-0"),
		Chromium:  output(chromium, "--version"),
		Commit:    output("git", "describe", "--always", "--dirty"),
		LoadAvg:   firstLine("/proc/loadavg"),
	}
}

func (m machine) String() string {
	return fmt.Sprintf("%d CPUs (%s), %.1f GiB, Linux %s, WebKitGTK %s, %s, commit %s, load average at start %s",
		m.CPUs, m.CPUModel, float64(m.MemoryMiB)/1024, m.Kernel, m.WebKitGTK, m.Chromium, m.Commit, m.LoadAvg)
}

// output is a command's trimmed output, or "unknown" (the machine description is informative only).
func output(name string, args ...string) string {
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}

func firstLine(path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return "unknown"
	}
	line, _, _ := strings.Cut(string(data), "\n")
	return line
}

// procField is the value of the first "key : value" line with the given key.
func procField(path, key string) string {
	f, err := os.Open(path)
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

func memTotalMiB() int64 {
	var kib int64
	fmt.Sscanf(procField("/proc/meminfo", "MemTotal"), "%d", &kib)
	return kib / 1024
}
