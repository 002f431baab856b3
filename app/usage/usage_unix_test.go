//go:build unix

package usage

import (
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

type lines struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (l *lines) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *lines) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func TestSIGUSR2WritesTheCountsToTheLog(t *testing.T) {
	var log lines
	LogOnSignal(&log)
	require.NoError(t, syscall.Kill(os.Getpid(), syscall.SIGUSR2))
	require.Eventually(t, func() bool { return counts.MatchString(strings.TrimSuffix(log.String(), "\n")) }, 5*time.Second, 10*time.Millisecond,
		"the log has one usage line: %q", log.String())
}
