#!/usr/bin/env bash
# Stops the test cluster that .ci/slurm/start.sh started in DIR, by the process ids it recorded
# in DIR/pids (never by name, so other Slurm or MUNGE daemons on the machine are left alone).
#
# Usage: bash .ci/slurm/stop.sh [DIR]        (DIR defaults to $SLURM_TEST_DIR or /tmp/eip-slurm)
#
# First cancels the cluster's remaining jobs and waits (up to 15 s) for them to end, so no job
# step outlives slurmd; then sends SIGTERM to slurmd, slurmctld and munged in that order and
# SIGKILL to any that are still there after 10 s. Does nothing when nothing is running.
set -uo pipefail
export PATH="$PATH:/usr/sbin:/sbin"

dir="${1:-${SLURM_TEST_DIR:-/tmp/eip-slurm}}"
pids_file="$dir/pids"
if [[ ! -s "$pids_file" ]]; then
  echo "stop.sh: no cluster recorded in $pids_file" >&2
  exit 0
fi

pid_of() {
  awk -v name="$1" '$1 == name { print $2 }' "$pids_file"
}
alive() {
  [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null
}

export SLURM_CONF="$dir/slurm.conf"
ctld="$(pid_of slurmctld)"
if alive "$ctld" && command -v squeue >/dev/null; then
  if [[ -n "$(squeue -h -o %i 2>/dev/null)" ]]; then
    scancel --full --quiet --user=root 2>/dev/null || true
    for _ in $(seq 150); do
      [[ -z "$(squeue -h -o %i 2>/dev/null)" ]] && break
      sleep 0.1
    done
  fi
fi

for name in slurmd slurmctld munged; do
  pid="$(pid_of "$name")"
  alive "$pid" || continue
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do
    alive "$pid" || break
    sleep 0.1
  done
  if alive "$pid"; then
    echo "stop.sh: $name (pid $pid) ignored SIGTERM for 10 s; sending SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
done
rm -f "$pids_file"
echo "stop.sh: cluster in $dir stopped" >&2
