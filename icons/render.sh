#!/usr/bin/env bash
# Renders braid.svg into the PNG sizes the installers and the window use, and copies the window
# sizes into the application's resources. Needs rsvg-convert (Debian: librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")"
command -v rsvg-convert >/dev/null || { echo "render.sh: install rsvg-convert (apt-get install librsvg2-bin)" >&2; exit 1; }
for size in 16 24 32 48 64 128 256 512; do
  rsvg-convert --width "$size" --height "$size" braid.svg --output "braid-$size.png"
done
resources=../src/main/resources/dev/braid/ui/icons
mkdir -p "$resources"
for size in 16 24 32 48 64 128 256; do
  cp "braid-$size.png" "$resources/braid-$size.png"
done
echo "rendered $(ls braid-*.png | wc -l) PNGs"
