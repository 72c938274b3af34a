#!/usr/bin/env bash
# Renders medscribe.svg into the icon files jpackage takes: PNG (Linux), ICO (Windows), ICNS (macOS).
# The rendered files are committed, so building an installer needs none of these tools; run this
# after changing the SVG. Debian: apt-get install librsvg2-bin icoutils icnsutils
set -euo pipefail
cd "$(dirname "$0")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for size in 16 32 48 64 128 256 512; do
  rsvg-convert -w "$size" -h "$size" medscribe.svg -o "$work/icon-$size.png"
done
cp "$work/icon-256.png" medscribe.png
icotool -c -o medscribe.ico "$work"/icon-{16,32,48,64,128}.png -r "$work/icon-256.png"
png2icns medscribe.icns "$work"/icon-{16,32,128,256,512}.png >/dev/null
