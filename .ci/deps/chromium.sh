#!/usr/bin/env bash
# Installs Debian's chromium for the dashboard's browser test (src/dashboard/browser_test.ts), which
# drives /usr/bin/chromium with npm:playwright-core (never Playwright's own browser download); in
# CI (CI=true) that test fails when chromium is missing. Idempotent: does nothing when chromium is
# already there, and runs `apt-get update` only when the package lists do not know the package yet.
# Needs root.
set -euo pipefail

if [[ -x /usr/bin/chromium ]]; then
  echo "chromium.sh: $(/usr/bin/chromium --version 2>/dev/null || echo chromium) already installed"
  exit 0
fi
if [[ "$(id -u)" != 0 ]]; then
  echo "chromium.sh: need root to install chromium (run: sudo bash $0)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! apt-cache policy chromium 2>/dev/null | grep -q 'Candidate: [0-9]'; then
  apt-get update -qq
fi
apt-get install -y -qq --no-install-recommends chromium >/dev/null
echo "chromium.sh: installed $(/usr/bin/chromium --version 2>/dev/null)"
