#!/usr/bin/env bash
# Installs shellcheck, which src/sweep/slurm_launchers_test.ts runs on the launcher and CI
# scripts (mandatory in CI). Idempotent: does nothing when shellcheck is already there, and runs
# `apt-get update` only when the package lists do not know the package yet. Needs root.
set -euo pipefail

if command -v shellcheck >/dev/null 2>&1; then
  echo "shellcheck.sh: $(shellcheck --version | sed -n 's/^version: /shellcheck /p') already installed"
  exit 0
fi
if [[ "$(id -u)" != 0 ]]; then
  echo "shellcheck.sh: need root to install shellcheck (run: sudo bash $0)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! apt-cache policy shellcheck 2>/dev/null | grep -q 'Candidate: [0-9]'; then
  apt-get update -qq
fi
apt-get install -y -qq --no-install-recommends shellcheck >/dev/null
echo "shellcheck.sh: installed $(shellcheck --version | sed -n 's/^version: /shellcheck /p')"
