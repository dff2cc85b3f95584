#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the browser tests (Playwright never downloads browsers here:
# PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1). Installs it with apt-get when /usr/bin/chromium is missing. Several Nx tasks
# call this at once (site-e2e, admin-e2e, permaweb), so the install runs under one lock and re-checks inside it.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
installed() { [ -x "$CHROMIUM" ] || command -v chromium >/dev/null 2>&1; }
if installed; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "ensure-chromium: $CHROMIUM is missing and this user cannot install packages; run: apt-get install -y chromium" >&2
    exit 1
  fi
fi
exec 9>"${TMPDIR:-/tmp}/tim3-ensure-chromium.lock"
flock 9
if installed; then
  exit 0
fi
echo "ensure-chromium: installing chromium with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
# Wait for another apt/dpkg (ours or the system's) instead of failing on its lock.
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends chromium >/dev/null
"$CHROMIUM" --version >&2 || chromium --version >&2
