package usage

import (
	"os"
	"regexp"
	"runtime"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var counts = regexp.MustCompile(`^jedidesk-desktop: usage: goroutines=(\d+) fds=(-?\d+)$`)

func TestLineCountsGoroutinesAndOpenFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows lists no open files of a process")
	}
	before := counts.FindStringSubmatch(Line())
	require.NotNil(t, before, Line())
	f, err := os.Open(os.Args[0])
	require.NoError(t, err)
	stop := make(chan struct{})
	go func() { <-stop }()
	after := counts.FindStringSubmatch(Line())
	close(stop)
	f.Close()

	for _, tt := range []struct {
		name  string
		index int
	}{{"a goroutine more", 1}, {"a file more", 2}} {
		t.Run(tt.name, func(t *testing.T) {
			b, _ := strconv.Atoi(before[tt.index])
			a, _ := strconv.Atoi(after[tt.index])
			assert.Equal(t, b+1, a)
		})
	}
}
