#!/usr/bin/env bash
# Renders every gallery figure in headless Chromium, light and dark, writes PNG
# screenshots next to the SVGs, and fails when Chromium reports an error (an SVG that
# does not parse shows a <parsererror>; console errors are logged to stderr).
# Usage: scripts/check-figures-in-chromium.sh [gallery-dir]   (regenerates the gallery first)
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-output/gallery}"
scripts/gallery.sh "$dir" >/dev/null
dir="$(cd "$dir" && pwd)"
chromium_bin="$(command -v chromium || command -v chromium-browser || true)"
if [[ -z "$chromium_bin" ]]; then
  echo "chromium not found: install Debian's chromium package" >&2; exit 2
fi
mkdir -p "$dir/png"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
chrome() {
  timeout 60 "$chromium_bin" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --user-data-dir="$profile" --enable-logging=stderr --v=0 "$@"
}
failures=0
for svg in "$dir"/*.svg; do
  name="$(basename "$svg" .svg)"
  # Size of the window: the figure's own width and height.
  read -r w h < <(sed -n 's/.*<svg[^>]* width="\([0-9.]*\)" height="\([0-9.]*\)".*/\1 \2/p' "$svg" | head -1)
  w="${w%.*}"; h="${h%.*}"
  if [[ -z "$w" || -z "$h" ]]; then echo "FAIL $name: no width/height on <svg>"; failures=$((failures+1)); continue; fi
  dom="$(chrome --dump-dom "file://$svg" 2>"$dir/png/$name.log" || true)"
  if grep -qi "parsererror" <<<"$dom" || ! grep -q "<svg" <<<"$dom"; then
    echo "FAIL $name: Chromium could not parse the SVG"; grep -io "<parsererror.*</parsererror>" <<<"$dom" | head -3
    failures=$((failures+1)); continue
  fi
  if grep -E "CONSOLE|Uncaught|ERROR:.*(svg|SVG|parse)" "$dir/png/$name.log" | grep -v -E "dbus|gpu|GPU|viz|Fontconfig|sandbox" >/dev/null; then
    echo "FAIL $name: errors in the console:"; grep -E "CONSOLE|Uncaught" "$dir/png/$name.log" | head -5
    failures=$((failures+1))
  fi
  chrome --window-size="$w,$h" --screenshot="$dir/png/$name.png" "file://$svg" 2>/dev/null >/dev/null
  # Dark mode: the standalone figure with prefers-color-scheme: dark, and the figure
  # inlined in a dark page (as in the book).
  chrome --force-dark-mode --blink-settings=preferredColorScheme=0 --window-size="$w,$h" \
    --screenshot="$dir/png/$name-dark.png" "file://$svg" 2>/dev/null >/dev/null
  { echo '<!doctype html><meta charset="utf-8"><style>:root{color-scheme:dark}body{margin:0;background:#181818;color:#e3e3e3}</style>'
    cat "$svg"; } > "$dir/png/$name-dark.html"
  chrome --force-dark-mode --blink-settings=preferredColorScheme=0 --window-size="$w,$h" \
    --screenshot="$dir/png/$name-inline-dark.png" "file://$dir/png/$name-dark.html" 2>/dev/null >/dev/null
  for png in "$dir/png/$name.png" "$dir/png/$name-dark.png" "$dir/png/$name-inline-dark.png"; do
    if [[ ! -s "$png" ]]; then echo "FAIL $name: no screenshot $(basename "$png")"; failures=$((failures+1)); fi
  done
  echo "ok   $name (${w}x${h})"
done
total=$(ls "$dir"/*.svg | wc -l)
echo "$((total - failures)) of $total figures rendered without errors; screenshots in $dir/png"
[[ $failures -eq 0 ]]
