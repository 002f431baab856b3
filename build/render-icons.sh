#!/usr/bin/env bash
# Renders build/appicon.svg into every icon the packages use. The results are committed, so
# packaging needs no SVG renderer; run this only after changing the SVG.
#   build/appicon.png            1024 px: Wails makes the macOS icon from it
#   build/linux/icons/NxN.png    hicolor sizes for the .deb
#   build/windows/icon.ico       16-256 px in one file: the .exe, its installer and shortcuts
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v rsvg-convert >/dev/null || missing+=(librsvg2-bin)
# /usr/bin/convert, not whatever convert is first on PATH: only ImageMagick's writes .ico.
[ -x /usr/bin/convert ] || missing+=(imagemagick)
if ((${#missing[@]})); then
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

rsvg-convert -w 1024 -h 1024 appicon.svg -o appicon.png
for size in 16 32 48 64 128 256 512; do
  rsvg-convert -w "$size" -h "$size" appicon.svg -o "linux/icons/${size}x${size}.png"
done
# Each size drawn from the SVG rather than shrunk from 1024 px keeps the small ones sharp.
/usr/bin/convert linux/icons/{16x16,32x32,48x48,64x64,128x128,256x256}.png windows/icon.ico
ls -l appicon.png linux/icons/*.png windows/icon.ico
