#!/bin/sh
# Regenerates every app icon from spotlink.svg.
#
# rsvg-convert (Debian: librsvg2-bin) rasterises the SVG at each size: Debian's
# ImageMagick 6 is built without librsvg and its own SVG renderer drops
# gradients and transformed strokes. ImageMagick then writes RGBA PNGs (Tauri
# rejects RGB ones, hence the PNG32: prefix) and packs the .ico; png2icns
# (Debian: icnsutils) packs the .icns.
set -eu
cd "$(dirname "$0")"

for tool in rsvg-convert convert png2icns; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "generate.sh: $tool is missing (apt-get install -y librsvg2-bin imagemagick icnsutils)" >&2
    exit 1
  }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# png SIZE OUT [SVG]: render the SVG (spotlink.svg) at SIZE x SIZE and store it as 8-bit RGBA.
png() {
  rsvg-convert --width "$1" --height "$1" --keep-aspect-ratio "${3:-spotlink.svg}" -o "$tmp/raw.png"
  # Date chunks are left out so regenerating an unchanged SVG changes no bytes.
  convert -background none "$tmp/raw.png" -depth 8 -define png:exclude-chunks=date,time "PNG32:$2"
}

png 32 32x32.png
png 128 128x128.png
png 256 128x128@2x.png
png 512 icon.png

# The hicolor sizes the Linux packages install (crates/packaging, ICON_SIZES).
for s in 16 24 48 64 256 512; do
  png "$s" "${s}x${s}.png"
done

# Windows Store logos listed by Tauri's bundler.
for s in 30 44 71 89 107 142 150 284 310; do
  png "$s" "Square${s}x${s}Logo.png"
done
png 50 StoreLogo.png

# .ico with every size rendered from the vector, not downscaled from one bitmap.
ico_parts=""
for s in 16 24 32 48 64 256; do
  png "$s" "$tmp/ico-$s.png"
  ico_parts="$ico_parts $tmp/ico-$s.png"
done
# shellcheck disable=SC2086 # word splitting of the part list is intended
convert $ico_parts icon.ico

# .icns: png2icns picks the icon type from each PNG's size.
for s in 16 32 48 128 256 512 1024; do
  png "$s" "$tmp/icns-$s.png"
done
png2icns icon.icns "$tmp"/icns-16.png "$tmp"/icns-32.png "$tmp"/icns-48.png \
  "$tmp"/icns-128.png "$tmp"/icns-256.png "$tmp"/icns-512.png "$tmp"/icns-1024.png >/dev/null

# The tray icon, one per link health (src-tauri/tray.rs); panels scale it to their size.
for health in ok renew-soon relink unlinked; do
  png 64 "tray/$health.png" "tray/$health.svg"
done

echo "icons regenerated in $(pwd)"
