# The one entry point: `make run` and `make test` set up whatever is missing first.
SHELL := /bin/bash
export PATH := /usr/local/go/bin:$(PATH)
export NO_AT_BRIDGE := 1

WAILS  := bin/wails
BINARY := build/bin/jedidesk-desktop
# Debian 12 and Ubuntu 24.04 ship WebKitGTK 4.1 only.
TAGS   := webkit2_41
XVFB   := xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session --

.PHONY: setup build run test test-go test-frontend test-e2e package brand-check test-package bench contract repo

setup:
	@scripts/setup.sh

build: setup
	cd frontend && npm run build
	$(WAILS) build -s -m -skipbindings -tags $(TAGS) -trimpath -o jedidesk-desktop
	@ls -l $(BINARY)

# Runs the app on your desktop; with no display (a server, CI) it runs inside Xvfb instead.
run: build
	@if [ -n "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then ./$(BINARY) $(ARGS); else $(XVFB) ./$(BINARY) $(ARGS); fi

test: build
	$(MAKE) --no-print-directory test-go test-frontend test-e2e test-package

# Installers in dist/: the Linux .deb and .rpm and the Windows installer (docs/packaging.md);
# BRAND=path/to/brand.json builds that company's app instead. A bad brand file stops it before
# anything is built, with one line naming the field.
package: $(if $(BRAND),brand-check) build
	scripts/package.sh $(if $(BRAND),--brand '$(BRAND)')

# The brand's installers, added to its signed update repository in REPO (docs/packaging.md,
# "Updates"): make repo BRAND=brand.json SIGNING_KEY=key.asc REPO=folder, and
# WINDOWS_SIGNING_KEY=key.pem for a brand with update_public_key. Its refusals (no update_url,
# a missing or wrong key, a version not newer) come before anything is built.
repo:
	@WINDOWS_SIGNING_KEY='$(WINDOWS_SIGNING_KEY)' scripts/repo.sh --check '$(BRAND)' '$(SIGNING_KEY)' '$(REPO)'
	@$(MAKE) --no-print-directory build
	WINDOWS_SIGNING_KEY='$(WINDOWS_SIGNING_KEY)' scripts/repo.sh '$(BRAND)' '$(SIGNING_KEY)' '$(REPO)'

brand-check:
	@go build -o bin/brandstage ./cmd/brandstage && bin/brandstage '$(BRAND)' >/dev/null

# Builds the installers, installs the .deb, runs it and removes it again (root or sudo).
test-package: build
	$(XVFB) scripts/test-package.sh

# The app against Chromium on the same page (docs/benchmarks.md); prints figures, asserts nothing,
# so it is not part of make test. BENCH_ARGS passes flags (go run ./test/bench -h lists them).
bench: package
	@scripts/setup.sh chromium openbox
	$(XVFB) go run ./test/bench $(BENCH_ARGS)

# vet also builds the app packages for Windows and macOS, whose per-OS files cannot run here;
# the tests run under Xvfb so the X11 shortcut and the notification-server tests run instead of
# skipping; then each fuzz target briefly (run them longer by hand: -fuzztime=10m). The budget is
# a count of runs (~20 s here), not a duration: Go 1.26's fuzzer can fail a duration-bound run
# with "context deadline exceeded" as time runs out (golang/go#75804, fixed in Go 1.27).
test-go:
	go vet -tags $(TAGS) ./...
	GOOS=windows GOARCH=amd64 go vet ./app/...
	GOOS=darwin GOARCH=arm64 CGO_ENABLED=0 go vet ./app/...
	$(XVFB) go test -race -count=1 -tags $(TAGS) ./app/... ./cmd/... ./test/standin/... ./test/sniwatcher/... ./test/bench/...
	go test -run='^$$' -fuzz=FuzzDecode -fuzztime=500000x -fuzzminimizetime=200x ./app/profile/
	go test -run='^$$' -fuzz=FuzzBridge -fuzztime=500000x -fuzzminimizetime=200x ./app/widget/

# Writes frontend/src/shared/contract.ts from Go's values (app/contract_test.go); test-go fails
# while the file and Go differ.
contract:
	$(XVFB) go test -count=1 -tags $(TAGS) -run '^TestThePagesContractIsTheOneGoDefines$$' ./app/ -update

test-frontend:
	cd frontend && npx tsc --noEmit && npx vitest run

# The real binary in a real X server with a real D-Bus session; screenshots go to test-artifacts/.
# The screen is full HD: the layout test puts the window at every size up to that.
test-e2e:
	xvfb-run -a -s "-screen 0 1920x1080x24" dbus-run-session -- go test -tags e2e -count=1 -v -timeout 25m ./test/e2e/
