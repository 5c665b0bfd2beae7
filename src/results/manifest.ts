/**
 * `manifest.json`: what a results folder holds and how far the sweep got (see
 * docs/RESULTS_FORMAT.md): its types. Written atomically by `writeManifest`, read back by
 * `readManifest` on resume and by `merge`.
 *
 * @module
 */

/** Counts of configurations by status. */
export interface StatusCounts {
  ok: number;
  infeasible: number;
  error: number;
  pending: number;
}

/** The content of `manifest.json`. */
export interface Manifest {
  format: 1;
  name: string;
  sweep_file: string;
  sweep_hash: string;
  scenarios: Array<{ path: string; name: string; hash: string }>;
  tool_version: string;
  axes: Array<{ name: string; values: unknown[] }>;
  /** Configurations of this folder (of this shard, in a shard folder). */
  config_count: number;
  /** `count` shards; `index` is set in a shard's own manifest. */
  shards: { count: number; index?: number };
  status: "running" | "complete" | "interrupted";
  started_at: string;
  updated_at: string;
  finished_at: string | null;
  counts: StatusCounts;
  command: string;
  /** Addition: positions of the grid before exclusions (indices run from 0 to this). */
  grid_size: number;
  /** Addition: device names, in the order of the `mem_<device>_mb` columns. */
  devices: string[];
  /** Addition: axes whose values form the Pareto group key. */
  group_by: string[];
}
