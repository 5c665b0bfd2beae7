#!/usr/bin/env bash
# Runs a sweep on Kubernetes: the results claim, the eip-sweep Indexed Job, and once that Job is
# Complete, the eip-merge Job (Kubernetes has no afterok dependency, so this script is it).
# When a shard fails for good the Job ends Failed: the merge is not applied, the failed indexes
# are printed, and the script exits 1. Run from the repository root, with kubectl pointed at
# the cluster and namespace to use. See docs/DISTRIBUTED.md.
#
# Usage: docs/deploy/k8s/submit.sh [--timeout SECONDS]     (default 7200: the Job's deadline)
# Exit codes: 0 merged, 1 a shard or the merge failed (or timed out), 2 bad arguments.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
timeout=7200
if [[ "${1:-}" == "--timeout" && "${2:-}" =~ ^[1-9][0-9]*$ ]]; then
  timeout="$2"
elif [[ $# -gt 0 ]]; then
  echo "usage: submit.sh [--timeout SECONDS]" >&2
  exit 2
fi

# Prints Complete or Failed once the Job has that condition, nothing before.
finished() {
  kubectl get job "$1" -o \
    jsonpath='{range .status.conditions[?(@.status=="True")]}{.type}{"\n"}{end}' |
    grep -E -m1 '^(Complete|Failed)$' || true
}

# Waits for a Job to finish; returns 0 when it is Complete.
wait_job() {
  local deadline=$((SECONDS + timeout)) state=""
  while ((SECONDS < deadline)); do
    state="$(finished "$1")"
    [[ -n "$state" ]] && break
    sleep 5
  done
  echo "submit.sh: job/$1: ${state:-still running after ${timeout}s}" >&2
  [[ "$state" == "Complete" ]]
}

kubectl apply -f "$here/pvc.yaml"
# A Job's pod template cannot be changed in place: start from a fresh Job each time.
kubectl delete job eip-sweep eip-merge --ignore-not-found
kubectl apply -f "$here/indexed-job.yaml"
if ! wait_job eip-sweep; then
  failed="$(kubectl get job eip-sweep -o jsonpath='{.status.failedIndexes}')"
  echo "submit.sh: shards that failed: ${failed:-none recorded}; the merge was not started." >&2
  echo "submit.sh: read their logs with: kubectl logs -l job-name=eip-sweep --prefix" >&2
  exit 1
fi
kubectl apply -f "$here/merge-job.yaml"
if ! wait_job eip-merge; then
  kubectl logs job/eip-merge >&2 || true
  exit 1
fi
echo "submit.sh: merged; copy the results out of the eip-results claim (docs/DISTRIBUTED.md)" >&2
