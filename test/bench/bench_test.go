package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

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

func TestParseProfiles(t *testing.T) {
	for _, tc := range []struct {
		list    string
		want    []string
		wantErr bool
	}{
		{"all", []string{"office", "home", "mobile"}, false},
		{"none", nil, false},
		{"mobile,office", []string{"mobile", "office"}, false},
		{"home,satellite", nil, true},
	} {
		t.Run(tc.list, func(t *testing.T) {
			profiles, err := parseProfiles(tc.list)
			if tc.wantErr {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			var names []string
			for _, p := range profiles {
				names = append(names, p.Name)
			}
			assert.Equal(t, tc.want, names)
		})
	}
}

func TestALinkSendsOneChunkAfterAnotherAtItsBandwidth(t *testing.T) {
	l := newLink(1) // 125 000 bytes a second: 10 s for each chunk below, far longer than the test
	first := l.send(1_250_000)
	second := l.send(125_000)
	assert.Equal(t, time.Second, second.Sub(first), "the second chunk leaves once the first is out, and takes its own size's time")
}

func TestTheProxyPassesEverythingAndCountsTheDownloadedBytes(t *testing.T) {
	body := strings.Repeat("widget ", 50_000)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		io.WriteString(w, body)
	}))
	defer srv.Close()
	px, err := startProxy(strings.TrimPrefix(srv.URL, "http://"), netProfile{Name: "test", RTT: 2 * time.Millisecond, Mbps: 1000})
	require.NoError(t, err)
	defer px.Close()

	for range 2 { // the second on the kept-alive connection
		resp, err := http.Post(px.URL+"/", "text/plain", strings.NewReader(strings.Repeat("u", 10_000)))
		require.NoError(t, err)
		got, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		require.NoError(t, err)
		assert.Equal(t, body, string(got))
	}
	down := px.TakeDownBytes()
	assert.Greater(t, down, int64(2*len(body)), "both bodies and their headers")
	assert.Less(t, down, int64(2*len(body)+5000), "and no more than their framing")
	assert.Zero(t, px.TakeDownBytes(), "taken")
}

func TestNetworkTargetsAreJudgedOnMedians(t *testing.T) {
	home := netProfiles[1]
	results := []networkResult{
		{Program: "app", Profile: "home", First: startResult{MountMs: 2000, BytesDown: 800_000}, Second: startResult{MountMs: 900, BytesDown: 20_000}},
		{Program: "app", Profile: "home", First: startResult{MountMs: 2100, BytesDown: 800_000}, Second: startResult{MountMs: 5000, BytesDown: 900_000}},
		{Program: "app", Profile: "home", First: startResult{MountMs: 2000, BytesDown: 800_000}, Second: startResult{MountMs: 950, BytesDown: 30_000}},
		{Program: "chromium", Profile: "home", First: startResult{MountMs: 2000}, Second: startResult{MountMs: 2000}},
		{Program: "chromium", Profile: "office", Second: startResult{MountMs: 1}},
	}
	verdicts := map[string]string{}
	for _, r := range networkRows(results, []netProfile{home}) {
		verdicts[r.Figure] = r.verdict()
	}
	assert.Equal(t, "met", verdicts["home: second start → widget mounted"], "950 ≤ 0.5 × 2000; one slow start does not move the median")
	assert.Equal(t, "met", verdicts["home: bytes down, second start"], "30 KB ≤ 10 % of 800 KB")
}

func TestFloorRowPutsTheBareWebKitGTKWindowInTheAppColumn(t *testing.T) {
	for _, tc := range []struct {
		name                string
		results             []floorResult
		wantApp, wantChrome *stats
		wantRatio           *float64
	}{
		{
			name: "both engines: medians and their ratio",
			results: []floorResult{
				{Program: "webkitgtk", FirstScriptMs: 300}, {Program: "chromium", FirstScriptMs: 500},
				{Program: "webkitgtk", FirstScriptMs: 900}, {Program: "chromium", FirstScriptMs: 400},
				{Program: "webkitgtk", FirstScriptMs: 280}, {Program: "chromium", FirstScriptMs: 600},
			},
			wantApp:    &stats{N: 3, Median: 300, Min: 280, Max: 900, P95: 900},
			wantChrome: &stats{N: 3, Median: 500, Min: 400, Max: 600, P95: 600},
			wantRatio:  ptr(0.6),
		},
		{
			name:    "one engine only: no ratio",
			results: []floorResult{{Program: "webkitgtk", FirstScriptMs: 300}},
			wantApp: &stats{N: 1, Median: 300, Min: 300, Max: 300, P95: 300},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows := floorRows(tc.results)
			require.Len(t, rows, 1)
			assert.Equal(t, "ms", rows[0].Unit)
			assert.Equal(t, tc.wantApp, rows[0].App)
			assert.Equal(t, tc.wantChrome, rows[0].Chromium)
			assert.Equal(t, tc.wantRatio, rows[0].Ratio)
			assert.Nil(t, rows[0].Met, "the floor is a figure, not a target")
		})
	}
}

func ptr(f float64) *float64 { return &f }

func TestTheFloorServerTellsEachRunsReportApart(t *testing.T) {
	f, err := startFloorServer()
	require.NoError(t, err)
	defer f.Close()

	resp, err := http.Get(f.url + "?run=webkitgtk-1")
	require.NoError(t, err)
	page, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	assert.Contains(t, string(page), `fetch("/ran" + location.search`, "the page reports with its own query")

	for _, run := range []string{"chromium-1", "webkitgtk-2"} { // a late report of an earlier run, then this run's
		resp, err := http.Post(f.url+"ran?run="+run, "text/plain", nil)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusNoContent, resp.StatusCode)
	}
	at, err := f.waitRan("webkitgtk-2")
	require.NoError(t, err)
	assert.False(t, at.IsZero())
}
