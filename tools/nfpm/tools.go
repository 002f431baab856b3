//go:build tools

// Package tools pins nfpm, which builds the Linux .deb: Wails v2 has no Linux packaging of its
// own. Built from this module so the version is pinned with the project and the app's module
// graph stays free of nfpm's dependencies.
package tools

import _ "github.com/goreleaser/nfpm/v2/cmd/nfpm"
