package main

import "testing"

func TestParseStatCountsFieldsFromTheLastParenthesis(t *testing.T) {
	// A command name may hold spaces and parentheses (Chromium's threads do).
	line := "4242 (Web Content (x)) S 17 4242 4242 0 -1 4194560 100 0 0 0 30 12 5 3 20 0 1 0 100 0 0\n"
	p, err := parseStat(line)
	if err != nil {
		t.Fatal(err)
	}
	if p.pid != 4242 || p.comm != "Web Content (x)" || p.ppid != 17 || p.cpuTicks != 30+12+5+3 {
		t.Fatalf("got %+v", p)
	}
	if _, err := parseStat("4242 (short) S 1 2"); err == nil {
		t.Fatal("a short line is an error")
	}
}

func TestSummarize(t *testing.T) {
	s := summarize([]float64{5, 1, 4, 2, 3, 6})
	if s.N != 6 || s.Median != 3.5 || s.Min != 1 || s.Max != 6 || s.P95 != 6 {
		t.Fatalf("got %+v", s)
	}
	var twenty []float64
	for i := 1; i <= 20; i++ {
		twenty = append(twenty, float64(i))
	}
	if p95 := summarize(twenty).P95; p95 != 19 {
		t.Fatalf("p95 of 1..20 is 19 (nearest rank), got %v", p95)
	}
	if summarize(nil) != nil {
		t.Fatal("no samples, no summary")
	}
}
