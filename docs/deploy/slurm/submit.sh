#!/usr/bin/env bash
# Submits a sweep to Slurm as an array job of N shards, then its merge chained with
# --dependency=afterok:<array job> --kill-on-invalid-dep=yes, and prints both job ids.
# Run it from the repository root (the jobs run there: it must be on a file system that the
# compute nodes share, and so must the results folder). See docs/DISTRIBUTED.md.
#
# Usage: docs/deploy/slurm/submit.sh [options] <sweep file>
#   --shards N       number of shards, one array task each                 (default 4)
#   --parallel M     run at most M shards at once (--array=0-(N-1)%M)     (default: no cap)
#   --only LIST      submit only these shards, e.g. 2 or 1,3: reruns failed shards of the same
#                    sweep (same --shards and --out) and chains a new merge after them
#   --out DIR        results folder of this sweep       (default results/<sweep file basename>)
#   --logs DIR       folder for the jobs' output files  (default results/slurm-logs)
#   --time T         time limit of each shard, in sbatch --time syntax     (default 01:00:00)
#   --merge-time T   time limit of the merge                               (default 00:30:00)
#   --cpus C         CPUs (and sweep workers) per shard                    (default 1)
#   --dry-run        print the sbatch commands instead of running them
# Partition, account, QOS...: sbatch reads them from SBATCH_PARTITION, SBATCH_ACCOUNT,
# SBATCH_QOS and the like in the environment.
#
# Prints a summary on stderr and, on stdout, lines to eval:
#   ARRAY_JOB_ID=<id>
#   MERGE_JOB_ID=<id>
# Exit codes: 0 submitted, 1 sbatch failed, 2 bad arguments.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
usage() {
  sed -n '/^# Usage:/,/^# Exit codes/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
}
bad() {
  echo "submit.sh: $*" >&2
  exit 2
}

shards=4
parallel=""
only=""
out=""
logs="results/slurm-logs"
time_limit="01:00:00"
merge_time="00:30:00"
cpus=1
dry_run=0
sweep_file=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --shards | --parallel | --only | --out | --logs | --time | --merge-time | --cpus)
      [[ $# -ge 2 ]] || bad "$1 needs a value"
      case "$1" in
        --shards) shards="$2" ;;
        --parallel) parallel="$2" ;;
        --only) only="$2" ;;
        --out) out="$2" ;;
        --logs) logs="$2" ;;
        --time) time_limit="$2" ;;
        --merge-time) merge_time="$2" ;;
        --cpus) cpus="$2" ;;
      esac
      shift 2
      ;;
    --dry-run)
      dry_run=1
      shift
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    -*) bad "unknown option $1 (see --help)" ;;
    *)
      [[ -z "$sweep_file" ]] || bad "one sweep file only: got '$sweep_file' and '$1'"
      sweep_file="$1"
      shift
      ;;
  esac
done

[[ -n "$sweep_file" ]] || bad "missing the sweep file (usage: submit.sh [options] <sweep file>)"
[[ -f "$sweep_file" ]] || bad "sweep file '$sweep_file' not found (paths are relative to $PWD)"
[[ -f deno.json ]] || bad "run from the repository root (no deno.json in $PWD)"
[[ "$shards" =~ ^[1-9][0-9]*$ ]] || bad "--shards must be a whole number from 1: got '$shards'"
[[ "$cpus" =~ ^[1-9][0-9]*$ ]] || bad "--cpus must be a whole number from 1: got '$cpus'"
[[ -z "$parallel" || "$parallel" =~ ^[1-9][0-9]*$ ]] ||
  bad "--parallel must be a whole number from 1: got '$parallel'"

if [[ -n "$only" ]]; then
  [[ "$only" =~ ^[0-9]+(,[0-9]+)*$ ]] || bad "--only must be shard indexes like 2 or 1,3: got '$only'"
  IFS=, read -ra picked <<<"$only"
  for i in "${picked[@]}"; do
    ((10#$i < shards)) || bad "--only: shard $i does not exist with --shards $shards (0-$((shards - 1)))"
  done
  array="$only"
else
  array="0-$((shards - 1))"
fi
[[ -z "$parallel" ]] || array="$array%$parallel"

name="$(basename "$sweep_file")"
name="${name%.*}"
out="${out:-results/$name}"

run() {
  if ((dry_run)); then
    printf '%q ' "$@" >&2
    echo >&2
    echo "DRY-RUN"
  else
    "$@"
  fi
}

((dry_run)) || mkdir -p "$logs"
array_out="$(run sbatch --parsable --job-name="eip-sweep-$name" --array="$array" \
  --time="$time_limit" --cpus-per-task="$cpus" --chdir="$PWD" \
  --export="ALL,SWEEP_SHARDS=$shards" --output="$logs/%x-%A_%a.out" \
  "$here/sweep.sbatch" "$sweep_file" --out "$out")" ||
  {
    echo "submit.sh: submitting the array job failed" >&2
    exit 1
  }
array_id="${array_out%%;*}"

merge_out="$(run sbatch --parsable --job-name="eip-merge-$name" \
  --dependency="afterok:$array_id" --kill-on-invalid-dep=yes \
  --time="$merge_time" --chdir="$PWD" --export=ALL --output="$logs/%x-%j.out" \
  "$here/merge.sbatch" "$out")" ||
  {
    echo "submit.sh: submitting the merge failed; cancel the array with: scancel $array_id" >&2
    exit 1
  }
merge_id="${merge_out%%;*}"

echo "submit.sh: array job $array_id: shards $array of $shards for $sweep_file -> $out" >&2
echo "submit.sh: merge job $merge_id: runs after every shard of $array_id succeeds" >&2
echo "submit.sh: job output in $logs/; watch with: squeue -j $array_id,$merge_id" >&2
echo "ARRAY_JOB_ID=$array_id"
echo "MERGE_JOB_ID=$merge_id"
