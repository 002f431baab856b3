#!/usr/bin/env bash
# Installs what building, running and testing JediDesk Desktop needs on Debian/Ubuntu, skipping
# whatever is already there: system packages, the pinned Wails CLI and the frontend's npm deps.
# Arguments name extra Debian packages one target needs (make bench: chromium, openbox).
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev
  xvfb xauth xdotool imagemagick dbus dbus-x11 nsis
  jq desktop-file-utils dunst rpm librsvg2-bin
  # the clipboard in the copy-and-paste tests
  xclip
  # a window manager for the keep-on-top test (Xvfb has none)
  openbox
  # the spelling dictionaries of the three UI languages (the packages recommend them too)
  hunspell-en-us hunspell-uk hunspell-ru
  # a sound server with a silent output, to record what the app plays in the sound test
  pulseaudio pulseaudio-utils gstreamer1.0-pulseaudio
  # make repo: the signed apt and rpm update repositories (gnupg signs, rpm brings rpmsign);
  # dnf reads the rpm repository in the packaging test
  reprepro createrepo-c gnupg dnf
  # the accessibility bus, read as a screen reader reads it, in the accessibility test
  at-spi2-core python3-pyatspi
  # a Secret Service on the test's session bus, where the proxy tests' sign-in is remembered
  gnome-keyring
  "$@"
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "setup: installing system packages: ${missing[*]}"
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

command -v go >/dev/null || { echo "setup: Go is needed (https://go.dev/dl); /usr/local/go/bin must be on PATH" >&2; exit 1; }
command -v npm >/dev/null || { echo "setup: Node.js 20+ with npm is needed" >&2; exit 1; }

# The Wails CLI is built from tools/wails so its version (and the x/tools it needs on Go 1.26)
# is pinned with the project.
if [ ! -x bin/wails ] || [ tools/wails/go.sum -nt bin/wails ]; then
  echo "setup: building the pinned Wails CLI"
  (cd tools/wails && go build -o ../../bin/wails github.com/wailsapp/wails/v2/cmd/wails)
fi

if [ ! -d frontend/node_modules ] || [ frontend/package-lock.json -nt frontend/node_modules ]; then
  echo "setup: installing frontend dependencies"
  (cd frontend && npm ci --no-audit --no-fund --loglevel=error)
  touch frontend/node_modules
fi
