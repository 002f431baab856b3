#!/usr/bin/env bash
# Builds the installers of the plain app and of the test brand (test/packaging/brand/acme.json,
# with its own icon) with scripts/package.sh and checks them as a user's machine would: each
# .deb's metadata and launcher, then installs both with apt, runs both installed apps at once
# against the stand-in widget, checks the .rpms and Windows installers and removes both again
# (test/packaging); then publishes a brand to a signed update repository with make repo and
# upgrades an installed copy from it with apt (test/packaging/updates). Installs and removes
# system packages, so it needs root (or sudo); run it
# under xvfb-run and dbus-run-session. The packages are removed again whatever fails.
set -euo pipefail
cd "$(dirname "$0")/.."

brand=test/packaging/brand/acme.json
# acme-updates: the update channel's test brand (test/packaging/updates), removed here too if that
# test could not.
pkgs=(jedidesk-desktop acme-support acme-updates)
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
apt_get() { DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get "$@"; }
# True while dpkg holds anything of the package (installed, half-installed, config files left).
on_system() {
  local status
  status=$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null) || return 1
  [ "$status" != not-installed ]
}

for pkg in "${pkgs[@]}"; do
  if on_system "$pkg"; then
    echo "test-package: $pkg is already installed here; remove it first (this test installs and removes it)" >&2
    exit 1
  fi
done

missing=()
command -v desktop-file-validate >/dev/null || missing+=(desktop-file-utils)
command -v rpm >/dev/null || missing+=(rpm)
if ((${#missing[@]})); then
  echo "test-package: installing ${missing[*]}"
  apt_get update -qq
  apt_get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

scripts/package.sh
scripts/package.sh --brand "$brand"

arch=$(dpkg --print-architecture)
debs=("dist/jedidesk-desktop_$(jq -er '.info.productVersion' wails.json)_$arch.deb"
  "dist/acme-support_$(jq -er '.version' "$brand")_$arch.deb")

fail() { echo "test-package: $*" >&2; exit 1; }

unpacked=$(mktemp -d)
cleanup() {
  rm -rf "$unpacked"
  # Leaves the machine as it was even when a step failed half-way.
  for pkg in "${pkgs[@]}"; do
    if on_system "$pkg"; then
      echo "test-package: removing $pkg"
      "${sudo[@]}" dpkg --purge "$pkg" >/dev/null
    fi
  done
}
trap cleanup EXIT

for deb in "${debs[@]}"; do
  pkg=$(dpkg-deb --field "$deb" Package)
  depends=$(dpkg-deb --field "$deb" Depends)
  [ "$depends" = "libgtk-3-0, libwebkit2gtk-4.1-0" ] || fail "$deb depends on '$depends'"
  [[ $deb == *_$(dpkg-deb --field "$deb" Version)_* ]] || fail "$deb is not the version its name says"
  # Spell checking and the chat's sounds need these; apt installs recommendations by default.
  recommends=$(dpkg-deb --field "$deb" Recommends)
  for wanted in hunspell-en-us hunspell-uk hunspell-ru gstreamer1.0-plugins-good gstreamer1.0-pulseaudio; do
    grep -qw -- "$wanted" <<<"$recommends" || fail "$deb does not recommend $wanted (it recommends '$recommends')"
  done
  dpkg-deb --extract "$deb" "$unpacked/$pkg"
  desktop-file-validate "$unpacked/$pkg/usr/share/applications/$pkg.desktop"
done

echo "test-package: installing ${debs[*]} with apt"
apt_get install -y -qq "${debs[@]/#/./}" >/dev/null

go test -tags packaging -count=1 -v -timeout 10m ./test/packaging/

# A brand's update channel: make repo, apt installing from it and upgrading (test/packaging/updates).
go test -tags packaging -count=1 -v -timeout 30m ./test/packaging/updates/
