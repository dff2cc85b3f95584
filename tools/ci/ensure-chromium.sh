#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the Playwright e2e (Playwright never downloads browsers here:
# PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1). Installs it with apt-get when /usr/bin/chromium is missing.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "ensure-chromium: $CHROMIUM is missing and this user cannot install packages; run: apt-get install -y chromium" >&2
    exit 1
  fi
fi
echo "ensure-chromium: installing chromium with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
"$CHROMIUM" --version >&2 || chromium --version >&2
