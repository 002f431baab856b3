#!/usr/bin/env bash
# Builds the installers into dist/: the Linux .deb and .rpm (nfpm, both from
# build/linux/nfpm.yaml) and the Windows NSIS installer (Wails cross-builds it here;
# build/windows/installer/project.nsi). macOS bundles can only be built on a Mac: see
# docs/packaging.md.
#
#   scripts/package.sh [LINUX_BINARY]               the plain JediDesk app
#   scripts/package.sh --brand BRAND_FILE           one company's app (docs/packaging.md)
#   scripts/package.sh --brand BRAND_FILE --update-key KEY.asc
#                                                   one company's app with its update channel
#                                                   (scripts/repo.sh, i.e. make repo, runs this)
#
# The plain app packs the binary `make build` made (or LINUX_BINARY); its version is
# wails.json's info.productVersion and nothing else. A branded build checks the brand file
# (one line naming each bad field, and nothing is built), copies the project into a temporary
# folder, writes the brand's files and icons into that copy and builds both apps there, so the
# repository never changes.
set -euo pipefail

brand_file=
if [ "${1:-}" = --brand ]; then
  [ -n "${2:-}" ] || { echo "package: --brand needs a brand file" >&2; exit 2; }
  # Relative to where the caller stands, before the cd below.
  brand_file=$(realpath -m -- "$2")
  shift 2
fi
update_key=
if [ "${1:-}" = --update-key ]; then
  [ -n "${2:-}" ] || { echo "package: --update-key needs the repository's public key file" >&2; exit 2; }
  update_key=$(realpath -m -- "$2")
  shift 2
fi
cd "$(dirname "$0")/.."
repo=$PWD

if [ ! -x bin/wails ] || [ ! -d frontend/dist ]; then
  echo "package: the Wails CLI or frontend/dist is missing: run \`make build\` first" >&2
  exit 1
fi
command -v go >/dev/null || { echo "package: Go is needed; /usr/local/go/bin must be on PATH" >&2; exit 1; }

# jq reads wails.json and the brand; makensis builds the Windows installer; rsvg-convert and
# ImageMagick draw a brand's icons.
missing=()
command -v jq >/dev/null || missing+=(jq)
command -v makensis >/dev/null || missing+=(nsis)
if [ -n "$brand_file" ]; then
  command -v rsvg-convert >/dev/null || missing+=(librsvg2-bin)
  # /usr/bin/convert, not whatever convert is first on PATH: only ImageMagick's writes .ico.
  [ -x /usr/bin/convert ] || missing+=(imagemagick)
fi
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

arch=$(dpkg --print-architecture)
root=$repo
update_url=
if [ -z "$brand_file" ]; then
  binary=${1:-build/bin/jedidesk-desktop}
  if [ ! -x "$binary" ]; then
    echo "package: no app at $binary: run \`make build\` first, or pass the Linux binary to package" >&2
    exit 1
  fi
  binary=$(realpath "$binary")
  pkg=jedidesk-desktop
  name=$(jq -er '.info.productName' wails.json)
  vendor=JediDesk
  version=$(jq -er '.info.productVersion' wails.json)
  maintainer=$(jq -er '.author | .name + (if .email then " <" + .email + ">" else "" end)' wails.json)
else
  go build -o bin/brandstage ./cmd/brandstage
  # Checks the brand before anything is built: a bad field ends here with its one line.
  bin/brandstage "$brand_file" >/dev/null || exit 1
  root=$(mktemp -d "${TMPDIR:-/tmp}/jedidesk-brand.XXXXXX")
  trap 'rm -rf "$root"' EXIT
  # The project without what builds leave behind; frontend/dist is the page the app embeds.
  tar -c --exclude=./build/bin --exclude=./build/windows/installer/tmp ./go.mod ./go.sum ./main.go ./wails.json \
    ./app ./build ./frontend/dist | tar -x -C "$root"
  info=$(bin/brandstage "$brand_file" "$root")
  field() { jq -er ".$1" <<<"$info"; }
  pkg=$(field command)
  name=$(field name)
  version=$(field version)
  maintainer=$(field maintainer)
  vendor=$(jq -Rr 'sub(" *<.*$"; "") | ltrimstr("\"") | rtrimstr("\"")' <<<"$maintainer")
  icon=$(field icon)
  update_url=$(jq -r '.update_url // ""' <<<"$info")
  if [ -n "$update_url" ] && [ -z "$update_key" ]; then
    echo "package: $brand_file has an update_url: build it with \`make repo\`, which signs the repository its packages update from (docs/packaging.md)" >&2
    exit 1
  fi

  echo "package: drawing $name's icons from $icon"
  # render SIZE OUT: the brand's icon as a SIZE px square PNG, each size drawn from the source.
  render() {
    if [[ ${icon,,} == *.svg ]]; then
      rsvg-convert -w "$1" -h "$1" -a "$icon" -o "$2"
    else
      /usr/bin/convert "$icon" -background none -resize "$1x$1" -gravity center -extent "$1x$1" "PNG32:$2"
    fi
  }
  # badge IN OUT: the tray's unread icon, the red dot where app/tray draws the plain app's
  # (app/tray/icon_test.go), cut out of the icon by a clear ring.
  badge() {
    local s x y r ring
    s=$(/usr/bin/identify -format %w "$1")
    x=$((s * 784 / 1024)) y=$((s * 240 / 1024)) r=$((s * 240 / 1024)) ring=$((s * 304 / 1024))
    /usr/bin/convert "$1" \( -size "${s}x$s" xc:none -fill black -draw "circle $x,$y $((x + ring)),$y" \) \
      -compose DstOut -composite -fill '#E51B24' -draw "circle $x,$y $((x + r)),$y" "PNG32:$2"
  }
  icons=$root/build/linux/icons baked=$root/app/brand/baked
  mkdir -p "$baked"
  for size in 16 32 48 64 128 256 512; do
    render "$size" "$icons/${size}x$size.png"
  done
  render 1024 "$root/build/appicon.png"
  if [[ ${icon,,} == *.svg ]]; then
    cp "$icon" "$root/build/appicon.svg"
  else
    # The hicolor theme's scalable icon must be an SVG: a PNG brand's is its 512 px drawing in one.
    printf '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="512" height="512" viewBox="0 0 512 512"><image width="512" height="512" xlink:href="data:image/png;base64,%s"/></svg>\n' \
      "$(base64 -w0 "$icons/512x512.png")" >"$root/build/appicon.svg"
  fi
  /usr/bin/convert "$icons"/{16x16,32x32,48x48,64x64,128x128,256x256}.png "$root/build/windows/icon.ico"
  cp "$icons/64x64.png" "$baked/tray.png"
  badge "$baked/tray.png" "$baked/tray-unread.png"
  for size in 16 32 48; do
    badge "$icons/${size}x$size.png" "$baked/unread-$size.png"
  done
  /usr/bin/convert "$icons"/{16x16,32x32,48x48,64x64}.png "$baked/tray.ico"
  /usr/bin/convert "$baked"/unread-{16,32,48}.png "$baked/tray-unread.png" "$baked/tray-unread.ico"
  rm "$baked"/unread-*.png
  cp "$icons/256x256.png" "$baked/window.png"

  # Wails takes the app's and the installer's names and version from wails.json.
  jq --arg name "$name" --arg cmd "$pkg" --arg version "$version" --arg vendor "$vendor" \
    '.name = $name | .outputfilename = $cmd | .info.productName = $name | .info.companyName = $vendor
     | .info.productVersion = $version | .info.comments = $name + ": support chat on your desktop"' \
    wails.json >"$root/wails.json"
  if [ -n "$update_url" ]; then
    # The channel's files (build/linux/nfpm-updates.yaml): the apt source trusting only its own
    # keyring, the yum/dnf repository checking packages and metadata, and the key for both.
    updates=$root/build/linux/updates base=${update_url%/}
    mkdir -p "$updates"
    gpg --batch --quiet --dearmor <"$update_key" >"$updates/keyring.gpg"
    cp "$update_key" "$updates/key.asc"
    printf '%s\n' "# $name's updates, signed with its publisher's key (docs/packaging.md says how IT turns them off)" \
      'Types: deb' "URIs: $base" 'Suites: stable' 'Components: main' "Architectures: $(dpkg --print-architecture)" \
      "Signed-By: /usr/share/keyrings/$pkg-archive-keyring.gpg" >"$updates/$pkg.sources"
    printf '%s\n' "[$pkg]" "name=$name" "baseurl=$base/rpm" 'enabled=1' 'gpgcheck=1' 'repo_gpgcheck=1' \
      "gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-$pkg" >"$updates/$pkg.repo"
    cat build/linux/nfpm.yaml build/linux/nfpm-updates.yaml >"$root/nfpm.yaml"
  fi
  echo "package: building $name ($pkg) for Linux"
  (cd "$root" && "$repo/bin/wails" build -nocolour -s -m -skipbindings -tags webkit2_41 -trimpath -o "$pkg" >/dev/null)
  binary=$root/build/bin/$pkg
fi

deb=dist/${pkg}_${version}_${arch}.deb
rpm=dist/${pkg}-${version}-1.$(uname -m).rpm
installer=dist/${pkg}-${version}-windows-amd64-installer.exe

mkdir -p dist
# Installers of other versions would be mistaken for this build's.
rm -f "dist/${pkg}"_*.deb "dist/${pkg}"-*.rpm "dist/${pkg}"-*-installer.exe

nfpm_config=build/linux/nfpm.yaml
[ -z "$update_url" ] || nfpm_config=$root/nfpm.yaml
nfpm() {
  JEDIDESK_PACKAGE=$pkg JEDIDESK_NAME=$name JEDIDESK_VENDOR=$vendor JEDIDESK_VERSION=$version \
    JEDIDESK_MAINTAINER=$maintainer JEDIDESK_ARCH=$arch JEDIDESK_BINARY=$binary JEDIDESK_ROOT=$root \
    bin/nfpm package --config "$nfpm_config" --packager "$1" --target "$2" >/dev/null
}
started=$SECONDS
nfpm deb "$deb"
nfpm rpm "$rpm"
linux_seconds=$((SECONDS - started))

# -m: without it Wails runs `go mod tidy` on the app's module first. The .exe and the installer
# land in build/bin (NSIS's OutFile); only the installer is shipped.
started=$SECONDS
(cd "$root" && "$repo/bin/wails" build -nocolour -platform windows/amd64 -nsis -skipbindings -s -m -trimpath -o "$pkg.exe" >/dev/null)
cp "$root/build/bin/$pkg-amd64-installer.exe" "$installer"
windows_seconds=$((SECONDS - started))

size() { awk -v bytes="$(stat -c %s "$1")" -v file="$1" 'BEGIN { printf "%6.1f MB  %s", bytes / 1048576, file }'; }
echo "package: $name ($pkg) version $version"
echo "  $(size "$binary")   (Linux app)"
echo "  $(size "$deb")"
echo "  $(size "$rpm")   (both ${linux_seconds}s)"
echo "  $(size "$root/build/bin/$pkg.exe")   (Windows app, inside the installer)"
echo "  $(size "$installer")   (${windows_seconds}s)"
