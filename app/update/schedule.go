package update

import (
	"context"
	"math/rand/v2"
	"time"
)

// Every is how often a running app asks again.
const Every = 24 * time.Hour

// FirstDelay is how long after start the first check waits: a minute for the window and the
// chat to come up first, and up to ten more at random, so a company's machines started at
// nine o'clock do not all ask the server at once.
func FirstDelay() time.Duration {
	return time.Minute + rand.N(10*time.Minute)
}

// Schedule checks after first and then every interval until ctx ends or an update was found,
// which it hands to found. A failed check (the server unreachable, nothing newer, a manifest
// refused) goes to failed and is simply tried again at the next interval: nothing was kept.
func Schedule(ctx context.Context, c *Checker, first, interval time.Duration, found func(Download), failed func(error)) {
	wait := time.NewTimer(first)
	defer wait.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-wait.C:
		}
		d, err := c.Check(ctx)
		if err == nil {
			found(d)
			return
		}
		if ctx.Err() != nil {
			return
		}
		failed(err)
		wait.Reset(interval)
	}
}
