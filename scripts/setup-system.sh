#!/usr/bin/env bash
# Installs the Debian packages the book needs, only those that are missing.
set -euo pipefail
packages=(libcmark-dev libopenblas-dev libxsmm-dev zlib1g-dev dataset-fashion-mnist
          libjs-katex libjs-highlight.js libjs-lunr chromium fonts-noto-cjk nodejs poppler-utils)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
else
    echo "System packages: all present."
fi
