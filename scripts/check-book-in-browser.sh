#!/usr/bin/env bash
# Checks the built book in headless Chromium; see check-book-in-browser.py for what it checks.
#   scripts/check-book-in-browser.sh [OUTPUT_DIR] [--screenshots DIR] [--search-word WORD]
set -euo pipefail
exec python3 "$(dirname "$0")/check-book-in-browser.py" "$@"
