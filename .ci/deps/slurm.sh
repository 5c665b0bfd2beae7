#!/usr/bin/env bash
# Installs what the real Slurm test (src/sweep/slurm_test.ts) needs: Debian's Slurm controller,
# node daemon, client commands and MUNGE. Idempotent: does nothing when they are already there,
# and runs `apt-get update` only when the package lists do not know the packages yet.
# Needs root (CI and the dev machines run as root). Services are not started here:
# .ci/slurm/start.sh starts a private one-node cluster for the test and .ci/slurm/stop.sh ends it.
set -euo pipefail

export PATH="$PATH:/usr/sbin:/sbin"
packages=(slurmctld slurmd slurm-client munge)
commands=(slurmctld slurmd sbatch squeue scontrol sinfo munged)

missing=0
for c in "${commands[@]}"; do
  command -v "$c" >/dev/null 2>&1 || missing=1
done
if [[ "$missing" == 0 ]]; then
  echo "slurm.sh: Slurm and MUNGE already installed (Slurm $(dpkg-query -W -f='${Version}' slurm-client))"
  exit 0
fi

if [[ "$(id -u)" != 0 ]]; then
  echo "slurm.sh: need root to install ${packages[*]} (run: sudo bash $0)" >&2
  exit 1
fi

start=$SECONDS
export DEBIAN_FRONTEND=noninteractive
# Only refresh the lists when one of the packages has no install candidate yet.
for p in "${packages[@]}"; do
  if ! apt-cache policy "$p" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    apt-get update -qq
    break
  fi
done
apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
echo "slurm.sh: installed ${packages[*]} in $((SECONDS - start)) s (Slurm $(dpkg-query -W -f='${Version}' slurm-client))"
