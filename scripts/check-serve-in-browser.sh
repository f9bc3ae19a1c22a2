#!/usr/bin/env bash
# Checks `tutorial serve` in headless Chromium; see check-serve-in-browser.py for what it checks.
#   scripts/check-serve-in-browser.sh [--tutorial PATH] [--screenshots DIR] [--rounds N]
set -euo pipefail
exec python3 "$(dirname "$0")/check-serve-in-browser.py" "$@"
