#!/usr/bin/env bash
# Starts a private one-node Slurm cluster on localhost, for the real Slurm test
# (src/sweep/slurm_test.ts) and for trying the launchers in docs/deploy/slurm/ by hand.
#
# Usage: bash .ci/slurm/start.sh [DIR]       (DIR defaults to $SLURM_TEST_DIR or /tmp/eip-slurm)
#
# Everything lives under DIR: slurm.conf, its own MUNGE key and socket (so a system munged, if
# any, is neither used nor disturbed), state, spool, logs, and DIR/pids with the process ids of
# the munged, slurmctld and slurmd started here (stop.sh ends exactly those). The daemons run in
# the foreground of their own sessions, so the recorded ids are theirs, not a forking parent's.
# Ports: SLURMCTLD_PORT (default 6817) and SLURMD_PORT (default 6818).
#
# Needs root (SlurmUser=root) and the packages from .ci/deps/slurm.sh. Waits until `sinfo`
# shows the node idle (at most SLURM_START_TIMEOUT seconds, default 30), then prints the
# variable to export for the client commands:  SLURM_CONF=DIR/slurm.conf
# On failure it prints the daemons' logs, stops what it started and exits 1.
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin"

dir="${1:-${SLURM_TEST_DIR:-/tmp/eip-slurm}}"
ctld_port="${SLURMCTLD_PORT:-6817}"
slurmd_port="${SLURMD_PORT:-6818}"
timeout="${SLURM_START_TIMEOUT:-30}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

fail() {
  echo "start.sh: $*" >&2
  exit 1
}

[[ "$(id -u)" == 0 ]] || fail "must run as root (the test cluster uses SlurmUser=root)"
for c in munged slurmctld slurmd sinfo; do
  command -v "$c" >/dev/null || fail "'$c' not found: install Slurm with: bash .ci/deps/slurm.sh"
done
if [[ -s "$dir/pids" ]]; then
  while read -r name pid; do
    if kill -0 "$pid" 2>/dev/null; then
      fail "a cluster started from $dir is still running ($name, pid $pid): stop it first with: bash $here/stop.sh $dir"
    fi
  done <"$dir/pids"
fi
for port in "$ctld_port" "$slurmd_port"; do
  if (: </dev/tcp/127.0.0.1/"$port") 2>/dev/null; then
    fail "port $port is already in use (another Slurm?): set SLURMCTLD_PORT / SLURMD_PORT"
  fi
done

socket="$dir/munge/munge.socket"
# A Unix socket path must fit in sun_path (108 bytes).
((${#socket} < 100)) || fail "DIR is too long for a socket path ($socket): pick a shorter DIR or TMPDIR"

started=$(date +%s%N)
rm -rf "$dir/state" "$dir/spool" "$dir/log" "$dir/pids"
mkdir -p "$dir/munge" "$dir/state" "$dir/spool" "$dir/log"
chmod 0711 "$dir/munge"

# MUNGE: a key of our own (created once), a socket of our own.
key="$dir/munge/munge.key"
if [[ ! -s "$key" ]]; then
  dd if=/dev/urandom of="$key" bs=1024 count=1 status=none
fi
chmod 0400 "$key"

cpus="$(nproc)"
mem_mb="$(awk '/^MemTotal:/ { print int($2 / 1024 * 0.9) }' /proc/meminfo)"
cat >"$dir/slurm.conf" <<EOF
# Written by .ci/slurm/start.sh: a one-node test cluster on localhost. Not for production.
ClusterName=eiptest
SlurmctldHost=localhost
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool/%n
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
ReturnToService=2
MpiDefault=none
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
# Keep finished jobs visible to scontrol for 5 minutes (the test reads their exit codes).
MinJobAge=300
KillWait=5
# No mail on this test node.
MailProg=/bin/true
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$dir/slurm.conf"

stop_on_error() {
  echo "start.sh: the cluster did not come up; logs follow" >&2
  for f in "$dir"/log/*.log; do
    [[ -f "$f" ]] || continue
    echo "----- $f (last 30 lines)" >&2
    tail -n 30 "$f" >&2
  done
  bash "$here/stop.sh" "$dir" >&2 || true
}
trap stop_on_error ERR

# Each daemon runs in the foreground in a new session (setsid execs in place, so $! is the
# daemon's own pid) with no terminal and its output in a log, so nothing waits on our pipes.
launch() {
  local name="$1"
  shift
  setsid "$@" </dev/null >"$dir/log/$name.out" 2>&1 &
  echo "$name $!" >>"$dir/pids"
}

launch munged munged --foreground --force --socket="$socket" --key-file="$key" \
  --pid-file="$dir/munge/munged.pid" --log-file="$dir/log/munged.log" \
  --seed-file="$dir/munge/munged.seed"
for _ in $(seq 100); do
  [[ -S "$socket" ]] && break
  sleep 0.05
done
[[ -S "$socket" ]] || (echo "munged did not create $socket" >&2 && false)

launch slurmctld slurmctld -D -i -f "$SLURM_CONF"
launch slurmd slurmd -D -f "$SLURM_CONF" -N localhost

deadline=$((SECONDS + timeout))
state=""
while ((SECONDS < deadline)); do
  state="$(sinfo -h -N -n localhost -o %t 2>/dev/null || true)"
  [[ "$state" == "idle" ]] && break
  while read -r name pid; do
    kill -0 "$pid" 2>/dev/null || (echo "$name (pid $pid) exited" >&2 && false)
  done <"$dir/pids"
  sleep 0.1
done
[[ "$state" == "idle" ]] || (echo "node state is '${state:-unknown}' after ${timeout}s" >&2 && false)
trap - ERR

ms=$((($(date +%s%N) - started) / 1000000))
echo "start.sh: one-node Slurm cluster up in ${ms} ms ($cpus CPUs; pids: $(cut -d' ' -f2 "$dir/pids" | tr '\n' ' '))" >&2
echo "SLURM_CONF=$SLURM_CONF"
