/**
 * The results folder (docs/RESULTS_FORMAT.md): run records appended to `runs.jsonl`, scans of
 * those files into compact typed arrays, the per-group latency/energy Pareto front, the derived
 * `configs.csv`, `plans.csv` and `pareto.csv` (RFC 4180, written atomically), `manifest.json`,
 * and the merge of a sweep's shards.
 *
 * @module
 */
export * from "./run_record.ts";
export * from "./format_cell.ts";
export * from "./write_atomic.ts";
export * from "./tool_version.ts";
export type * from "./manifest.ts";
export * from "./read_manifest.ts";
export * from "./write_manifest.ts";
export * from "./scan_runs.ts";
export * from "./pareto_front.ts";
export * from "./write_derived.ts";
export * from "./merge_shards.ts";
export * from "./fronts_columns.ts";
