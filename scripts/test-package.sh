#!/usr/bin/env bash
# Builds the installers (scripts/package.sh) and checks them as a user's machine would: the
# .deb's metadata and launcher, then installs it with apt, runs the installed app against the
# stand-in widget and removes it again (test/packaging), and checks the Windows installer's
# format. Arguments go to scripts/package.sh. Installs and removes a system package, so it needs root (or sudo); run it under
# xvfb-run and dbus-run-session. The package is removed again whatever fails.
set -euo pipefail
cd "$(dirname "$0")/.."

pkg=jedidesk-desktop
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
apt_get() { DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get "$@"; }
# True while dpkg holds anything of the package (installed, half-installed, config files left).
on_system() {
  local status
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null) || return 1
  [ "$status" != not-installed ]
}

if on_system; then
  echo "test-package: $pkg is already installed here; remove it first (this test installs and removes it)" >&2
  exit 1
fi

if ! command -v desktop-file-validate >/dev/null; then
  echo "test-package: installing desktop-file-utils"
  apt_get update -qq
  apt_get install -y -qq --no-install-recommends desktop-file-utils >/dev/null
fi

scripts/package.sh "$@"

version=$(jq -er '.info.productVersion' wails.json)
deb=dist/${pkg}_${version}_$(dpkg --print-architecture).deb

fail() { echo "test-package: $*" >&2; exit 1; }

depends=$(dpkg-deb --field "$deb" Depends)
[ "$depends" = "libgtk-3-0, libwebkit2gtk-4.1-0" ] || fail "$deb depends on '$depends'"
[ "$(dpkg-deb --field "$deb" Version)" = "$version" ] || fail "$deb is not version $version (wails.json)"
# Spell checking and the chat's sounds need these; apt installs recommendations by default.
recommends=$(dpkg-deb --field "$deb" Recommends)
for wanted in hunspell-en-us hunspell-uk hunspell-ru gstreamer1.0-plugins-good gstreamer1.0-pulseaudio; do
  grep -qw -- "$wanted" <<<"$recommends" || fail "$deb does not recommend $wanted (it recommends '$recommends')"
done
[ -s "dist/$pkg-$version.$(uname -m).rpm" ] || fail "no .rpm next to the .deb"

contents=$(dpkg-deb --contents "$deb" | awk '{ print $NF }')
for path in usr/bin/$pkg usr/share/applications/$pkg.desktop usr/share/doc/$pkg/copyright \
  usr/share/icons/hicolor/scalable/apps/$pkg.svg \
  usr/share/icons/hicolor/{16x16,32x32,48x48,64x64,128x128,256x256,512x512}/apps/$pkg.png; do
  grep -qx "./$path" <<<"$contents" || fail "$deb lacks /$path"
done

unpacked=$(mktemp -d)
cleanup() {
  rm -rf "$unpacked"
  # Leaves the machine as it was even when a step failed half-way.
  if on_system; then
    echo "test-package: removing $pkg"
    "${sudo[@]}" dpkg --purge "$pkg" >/dev/null
  fi
}
trap cleanup EXIT

dpkg-deb --extract "$deb" "$unpacked"
desktop-file-validate "$unpacked/usr/share/applications/$pkg.desktop"

echo "test-package: installing $deb with apt"
apt_get install -y -qq "./$deb" >/dev/null

go test -tags packaging -count=1 -v -timeout 5m ./test/packaging/
