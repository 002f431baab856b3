package main

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseStatCountsFieldsFromTheLastParenthesis(t *testing.T) {
	// A command name may hold spaces and parentheses (Chromium's threads do).
	p, err := parseStat("4242 (Web Content (x)) S 17 4242 4242 0 -1 4194560 100 0 0 0 30 12 5 3 20 0 1 0 100 0 0\n")
	require.NoError(t, err)
	assert.Equal(t, proc{pid: 4242, ppid: 17, comm: "Web Content (x)", cpuTicks: 30 + 12 + 5 + 3}, p)

	_, err = parseStat("4242 (short) S 1 2")
	assert.Error(t, err, "a short line")
}

func TestDescendantsAreTheWholeTreeBelowTheBenchAndNothingElse(t *testing.T) {
	me := os.Getpid()
	all := []proc{
		{pid: 10, ppid: me, comm: "jedidesk-deskto"},
		{pid: 11, ppid: 10, comm: "WebKitWebProces"},
		{pid: 12, ppid: 11, comm: "grandchild"},
		{pid: 20, ppid: 1, comm: "other app"},
		{pid: 21, ppid: 20, comm: "its child"},
	}
	var pids []int
	for _, p := range descendantsOf(all) {
		pids = append(pids, p.pid)
	}
	assert.ElementsMatch(t, []int{10, 11, 12}, pids)
}

func TestSummarize(t *testing.T) {
	var oneToTwenty []float64
	for i := 1; i <= 20; i++ {
		oneToTwenty = append(oneToTwenty, float64(i))
	}
	for _, tc := range []struct {
		name    string
		samples []float64
		want    *stats
	}{
		{"even count: median between the middle two", []float64{5, 1, 4, 2, 3, 6}, &stats{N: 6, Median: 3.5, Min: 1, Max: 6, P95: 6}},
		{"p95 by nearest rank", oneToTwenty, &stats{N: 20, Median: 10.5, Min: 1, Max: 20, P95: 19}},
		{"one sample", []float64{7}, &stats{N: 1, Median: 7, Min: 7, Max: 7, P95: 7}},
		{"no samples, no summary", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, summarize(tc.samples))
		})
	}
}

func TestTargetsAreJudgedOnMedians(t *testing.T) {
	runs := []runResult{
		{Program: "app", ColdStartMs: 900, Idle: memory{PSSKiB: 100 * 1024}, IdleCPUSeconds: 0.1, IdleSeconds: 30, OpenMs: []float64{10, 12, 40}},
		{Program: "chromium", ColdStartMs: 1000, Idle: memory{PSSKiB: 300 * 1024}, IdleCPUSeconds: 0.3, IdleSeconds: 30},
	}
	files := []fileSize{{Name: "app", Bytes: 11e6, LimitMB: 10}}
	verdicts := map[string]string{}
	for _, r := range buildRows(runs, files, 0) {
		verdicts[r.Figure] = r.verdict()
	}
	assert.Equal(t, "met", verdicts["cold start → widget mounted"])
	assert.Equal(t, "met", verdicts["tree PSS, 10 s after ready"])
	assert.Equal(t, "met", verdicts["shortcut → openWidget"], "one slow press does not move the median")
	assert.Equal(t, "NOT MET", verdicts["size of app"])
}
