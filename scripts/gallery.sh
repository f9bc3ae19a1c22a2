#!/usr/bin/env bash
# Regenerates output/gallery/: one SVG per figure kind and an index.html showing them all.
# Usage: scripts/gallery.sh [output-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-output/gallery}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
rm -f "$dir"/*.svg "$dir"/index.html
PLOTTING_GALLERY_DIR="$dir" swift test --filter 'PlottingTests.GalleryTests' >&2
echo "gallery: $dir/index.html ($(ls "$dir"/*.svg | wc -l) figures)"
