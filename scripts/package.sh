#!/usr/bin/env bash
# Builds JediDesk Desktop's installers into dist/: the Linux .deb (nfpm, from
# build/linux/nfpm.yaml) around the binary `make build` made, and the Windows NSIS installer
# (Wails cross-builds it here; build/windows/installer/project.nsi). macOS bundles can only be
# built on a Mac: see docs/packaging.md.
#
#   scripts/package.sh [LINUX_BINARY]     (default: build/bin/jedidesk-desktop)
#
# The version is wails.json's info.productVersion and nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."

binary=${1:-build/bin/jedidesk-desktop}
if [ ! -x "$binary" ]; then
  echo "package: no app at $binary: run \`make build\` first, or pass the Linux binary to package" >&2
  exit 1
fi
binary=$(realpath "$binary")
if [ ! -x bin/wails ] || [ ! -d frontend/dist ]; then
  echo "package: the Wails CLI or frontend/dist is missing: run \`make build\` first" >&2
  exit 1
fi
command -v go >/dev/null || { echo "package: Go is needed; /usr/local/go/bin must be on PATH" >&2; exit 1; }

# jq reads wails.json; makensis builds the Windows installer.
missing=()
command -v jq >/dev/null || missing+=(jq)
command -v makensis >/dev/null || missing+=(nsis)
if ((${#missing[@]})); then
  echo "package: installing ${missing[*]}"
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# nfpm is built from tools/nfpm so its version is pinned with the project.
if [ ! -x bin/nfpm ] || [ tools/nfpm/go.sum -nt bin/nfpm ]; then
  echo "package: building the pinned nfpm"
  (cd tools/nfpm && go build -o ../../bin/nfpm github.com/goreleaser/nfpm/v2/cmd/nfpm)
fi

version=$(jq -er '.info.productVersion' wails.json)
maintainer=$(jq -er '.author | .name + (if .email then " <" + .email + ">" else "" end)' wails.json)
arch=$(dpkg --print-architecture)
deb=dist/jedidesk-desktop_${version}_${arch}.deb
rpm=dist/jedidesk-desktop-${version}.$(uname -m).rpm
installer=dist/jedidesk-desktop-${version}-windows-amd64-installer.exe

mkdir -p dist
# Installers of other versions would be mistaken for this build's.
rm -f dist/jedidesk-desktop_*.deb dist/jedidesk-desktop-*.rpm dist/jedidesk-desktop-*-installer.exe

started=$SECONDS
JEDIDESK_VERSION=$version JEDIDESK_MAINTAINER=$maintainer JEDIDESK_ARCH=$arch JEDIDESK_BINARY=$binary \
  bin/nfpm package --config build/linux/nfpm.yaml --packager deb --target "$deb" >/dev/null
deb_seconds=$((SECONDS - started))
# The same package for Fedora and its kin (nfpm.yaml's overrides give their package names).
JEDIDESK_VERSION=$version JEDIDESK_MAINTAINER=$maintainer JEDIDESK_ARCH=$arch JEDIDESK_BINARY=$binary \
  bin/nfpm package --config build/linux/nfpm.yaml --packager rpm --target "$rpm" >/dev/null

# -m: without it Wails runs `go mod tidy` on the app's module first. The .exe and the installer
# land in build/bin (NSIS's OutFile); only the installer is shipped.
started=$SECONDS
bin/wails build -nocolour -platform windows/amd64 -nsis -skipbindings -s -m -trimpath -o jedidesk-desktop.exe >/dev/null
cp build/bin/jedidesk-desktop-amd64-installer.exe "$installer"
windows_seconds=$((SECONDS - started))

size() { awk -v bytes="$(stat -c %s "$1")" -v file="$1" 'BEGIN { printf "%6.1f MB  %s", bytes / 1048576, file }'; }
echo "package: version $version"
echo "  $(size "$binary")   (Linux app)"
echo "  $(size "$deb")   (${deb_seconds}s)"
echo "  $(size "$rpm")"
echo "  $(size build/bin/jedidesk-desktop.exe)   (Windows app, inside the installer)"
echo "  $(size "$installer")   (${windows_seconds}s)"
