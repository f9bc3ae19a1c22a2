#!/usr/bin/env bash
# Loads the SVG attack pages (raw and sanitized) in headless Chromium and checks, from
# the DOM after load, which ran their script: every raw page must (else the check
# proves nothing), no sanitized page may.
# Usage: SVG_ATTACK_DIR=DIR swift test --filter SVGAttackPages
#        scripts/check-svg-sanitizer-in-chromium.sh DIR
set -euo pipefail
dir="$(cd "${1:?usage: $0 DIR}" && pwd)"
chromium_bin="$(command -v chromium || command -v chromium-browser || true)"
if [[ -z "$chromium_bin" ]]; then
  echo "chromium not found: install Debian's chromium package" >&2; exit 2
fi
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
ran() {
  timeout 60 "$chromium_bin" --headless --no-sandbox --disable-gpu --user-data-dir="$profile" \
    --virtual-time-budget=3000 --dump-dom "file://$1" 2>/dev/null | grep -q 'data-script-ran'
}
failures=0
for raw in "$dir"/raw-*.html; do
  n="${raw##*/raw-}"; n="${n%.html}"
  if ! ran "$raw"; then echo "FAIL attack $n: its raw page ran no script, so it tests nothing"; failures=$((failures+1)); fi
  if ran "$dir/clean-$n.html"; then echo "FAIL attack $n: the sanitized page ran script"; failures=$((failures+1))
  else echo "ok   attack $n: runs raw, inert sanitized"; fi
done
[[ $failures -eq 0 ]]
