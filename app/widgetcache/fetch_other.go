//go:build !linux || !cgo

package widgetcache

import "jedidesk-desktop/app/proxy"

// SystemFetcher: there is none here. Only the Linux webview gives the widget's frame an origin
// of its own to serve the kept files on, so the app keeps none elsewhere.
func SystemFetcher(func() proxy.Config) (Fetcher, bool) { return nil, false }
