package app

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"jedidesk-desktop/app/settings"
	"jedidesk-desktop/app/update"
)

// startChecks asks the brand's update server for a newer version a while after start and
// daily (app/update), unless the brand has no channel or the administrator turned it off.
func (u *selfUpdate) startChecks() {
	b := u.app.brand
	if b.UpdateURL == "" || b.UpdatePublicKey == "" || u.app.settings.layers.Updates == settings.UpdatesOff {
		return
	}
	key, err := update.ParsePublicKey(b.UpdatePublicKey)
	base, uerr := url.Parse(b.UpdateURL)
	if err != nil || uerr != nil {
		fmt.Fprintln(u.app.log, "jedidesk-desktop: this build's update channel is broken:", err, uerr)
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	u.mu.Lock()
	u.stopChecks = cancel
	u.mu.Unlock()
	c := &update.Checker{Base: base, AppID: b.ID, Key: key, Running: u.running, HTTP: &http.Client{Timeout: 30 * time.Minute}}
	go update.Schedule(ctx, c, update.FirstDelay(), update.Every, u.downloaded, func(err error) {
		fmt.Fprintln(u.app.log, "jedidesk-desktop: no update this time:", err)
	})
}

// install runs the downloaded installer once the app has ended, and starts the app again.
func install(installer, executable string) error { return update.Apply(installer, executable) }
