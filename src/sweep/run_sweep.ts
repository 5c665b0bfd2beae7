import { join } from "node:path";
import { InputError } from "../input/mod.ts";
import type { Manifest, StatusCounts } from "../results/manifest.ts";
import { readManifest } from "../results/read_manifest.ts";
import { writeManifest } from "../results/write_manifest.ts";
import { RUN_STATUSES } from "../results/run_record.ts";
import { scanRuns } from "../results/scan_runs.ts";
import { TOOL_VERSION } from "../results/tool_version.ts";
import { type DerivedFiles, writeDerived } from "../results/write_derived.ts";
import { writeAtomic } from "../results/write_atomic.ts";
import { sweepFronts, type SweepFrontsResult } from "./sweep_fronts.ts";
import { ConfigGrid, type Shard } from "./config_grid.ts";
import { ConfigSolver } from "./config_solver.ts";
import { DuplicateBases } from "./_duplicate_bases.ts";
import type { SweepSpec } from "./model.ts";
import type { WorkerHooks } from "./protocol.ts";
import { type BatchResult, runPool } from "./worker_pool.ts";

/** Default of `maxConfigs`: sweeps larger than this refuse to start. */
export const DEFAULT_MAX_CONFIGS = 5_000_000;

const RESULT_FILES = ["runs.jsonl", "manifest.json", "configs.csv", "plans.csv", "pareto.csv"];

/** Progress of a running sweep. */
export interface SweepProgress {
  /** Configurations with a result (including those found on disk at start). */
  done: number;
  total: number;
  counts: StatusCounts;
  /** Configurations solved by this run. */
  solvedNow: number;
  /** Configurations this run had to solve. */
  todo: number;
  elapsedMs: number;
}

/** Options of {@linkcode runSweep}. */
export interface RunSweepOptions {
  /** Results folder. @default `results/<sweep name>` */
  out?: string;
  /** Number of workers. @default navigator.hardwareConcurrency */
  workers?: number;
  /** Solve only this share, into `<out>/shards/<i>-of-<N>/`. @default { index: 0, count: 1 } */
  shard?: Shard;
  /** Delete earlier results of this folder and start over. @default false */
  fresh?: boolean;
  /** Solve again the configurations that ended with `error`. @default false */
  retryErrors?: boolean;
  /** Refuse sweeps with more configurations than this. @default 5_000_000 */
  maxConfigs?: number;
  /** Configurations per batch. @default chosen from the sweep size and the workers */
  batchSize?: number;
  /** Stops handing out work; what finished is written, and the run can be resumed. */
  signal?: AbortSignal;
  /** Called after every batch. */
  onProgress?: (progress: SweepProgress) => void;
  /** Called when the solving is over and the CSV files are being written. */
  onDeriving?: () => void;
  /** The command line, recorded in the manifest. @default "" */
  command?: string;
  /** Test hooks for the workers. @default {} */
  hooks?: WorkerHooks;
}

/** What {@linkcode runSweep} did. */
export interface SweepOutcome {
  /** The folder written (the shard's folder for a shard). */
  dir: string;
  status: "complete" | "interrupted";
  progress: SweepProgress;
  /** Configurations found on disk and skipped. */
  skipped: number;
  /** Bytes of a torn last line discarded from runs.jsonl at start. */
  tornBytes: number;
  runs: string;
  manifest: string;
  /** The derived CSV files (not for shards: `merge` writes them). */
  derived?: DerivedFiles;
  /**
   * `fronts.csv` when the sweep asks for it (`spec.fronts`): written by a complete single run
   * and by shard 0 (into its folder; `merge` copies it), with its counts.
   */
  fronts?: Omit<SweepFrontsResult, "csv"> & { path: string };
}

/**
 * Runs a sweep: solves every configuration not yet in `runs.jsonl` on a worker pool, appends
 * results batch by batch (resumable after any interruption), keeps `manifest.json` current and,
 * once complete, writes `configs.csv`, `plans.csv` and `pareto.csv` (and `fronts.csv` when
 * `spec.fronts` asks for it, see `sweepFronts`).
 *
 * @param spec The validated sweep (see `loadSweep`).
 * @param options Folder, workers, shard, resume behaviour, progress.
 * @returns What was done.
 * @throws {RangeError} When the sweep has more configurations than `maxConfigs`.
 * @throws {InputError} When the folder holds results of a different sweep file or shard layout.
 *
 * @example Running the shipped budgets sweep, then resuming it (nothing left to solve)
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadSweep } from "./load_sweep.ts";
 * import { runSweep } from "./run_sweep.ts";
 * const out = await Deno.makeTempDir();
 * const spec = await loadSweep("sweeps/budgets.yaml");
 * const first = await runSweep(spec, { out, workers: 1 });
 * assert(first.status === "complete" && first.progress.done === 3840);
 * const again = await runSweep(spec, { out, workers: 1 });
 * assert(again.skipped === 3840 && again.progress.solvedNow === 0);
 * ```
 */
export async function runSweep(
  spec: SweepSpec,
  options: RunSweepOptions = {},
): Promise<SweepOutcome> {
  const {
    out = join("results", spec.name),
    workers = navigator.hardwareConcurrency,
    shard = { index: 0, count: 1 },
    fresh = false,
    retryErrors = false,
    maxConfigs = DEFAULT_MAX_CONFIGS,
    signal,
    onProgress,
    onDeriving,
    command = "",
    hooks = {},
  } = options;
  const grid = new ConfigGrid(spec);
  const total = grid.count(shard, maxConfigs);
  if (total > maxConfigs) {
    throw new RangeError(
      `Cannot run sweep "${spec.name}" as it has more than ${maxConfigs} configurations (the grid has ${grid.size} combinations before exclusions); narrow the grid, shard it, or raise --max-configs`,
    );
  }
  const dir = shard.count > 1 ? join(out, "shards", `${shard.index}-of-${shard.count}`) : out;
  const runsPath = join(dir, "runs.jsonl");
  const manifestPath = join(dir, "manifest.json");
  await Deno.mkdir(dir, { recursive: true });
  if (fresh) {
    for (const name of [...RESULT_FILES, "fronts.csv"]) {
      await Deno.remove(join(dir, name)).catch((e) => {
        if (!(e instanceof Deno.errors.NotFound)) throw e;
      });
    }
  }
  const previous = await readManifest(manifestPath);
  if (previous) checkSameSweep(previous, spec, shard, manifestPath);

  const scan = await scanRuns([runsPath], grid.size);
  let tornBytes = 0;
  try {
    const size = (await Deno.stat(runsPath)).size;
    tornBytes = size - scan.validBytes[0]!;
    if (tornBytes > 0) await Deno.truncate(runsPath, scan.validBytes[0]!);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  const counts: StatusCounts = { ok: 0, infeasible: 0, error: 0, pending: 0 };
  let skipped = 0;
  for (const i of grid.indices(shard)) {
    const code = scan.status[i]!;
    if (code === 0) continue;
    counts[RUN_STATUSES[code - 1]!]++;
    if (!(retryErrors && code === 3)) skipped++;
  }
  const todo = total - skipped;
  const startedAt = new Date();
  const manifest: Manifest = {
    format: 1,
    name: spec.name,
    sweep_file: spec.file,
    sweep_hash: spec.hash,
    scenarios: spec.scenarios.map((s) => ({ path: s.path, name: s.name, hash: s.hash })),
    tool_version: TOOL_VERSION,
    axes: spec.axes.map((a) => ({ name: a.name, values: a.values })),
    config_count: total,
    shards: shard.count > 1 ? { count: shard.count, index: shard.index } : { count: 1 },
    status: "running",
    started_at: previous?.started_at ?? startedAt.toISOString(),
    updated_at: startedAt.toISOString(),
    finished_at: null,
    counts: { ...counts, pending: total - counts.ok - counts.infeasible - counts.error },
    command,
    grid_size: grid.size,
    devices: spec.devices,
    group_by: spec.group_by,
  };
  await writeManifest(manifestPath, manifest);

  const t0 = performance.now();
  let solvedNow = 0;
  const progress = (): SweepProgress => ({
    done: counts.ok + counts.infeasible + counts.error,
    total,
    counts: { ...counts, pending: total - counts.ok - counts.infeasible - counts.error },
    solvedNow,
    todo,
    elapsedMs: performance.now() - t0,
  });
  const workerCount = Math.max(1, Math.min(workers, Math.ceil(todo / 16) || 1));
  const batchSize = options.batchSize ??
    Math.min(256, Math.max(8, Math.ceil(todo / (workerCount * 16))));
  let status: SweepOutcome["status"] = "complete";
  let lastManifest = 0;
  if (todo > 0) {
    const file = await Deno.open(runsPath, { append: true, create: true });
    const encoder = new TextEncoder();
    let fallback: ConfigSolver | undefined;
    try {
      const { aborted } = await runPool(
        spec,
        batchesOf(grid, shard, scan.status, retryErrors, batchSize),
        {
          workers: workerCount,
          hooks,
          ...(signal ? { signal } : {}),
          onResult: async (result: BatchResult) => {
            const bytes = result.lines;
            let written = 0;
            while (written < bytes.length) written += await file.write(bytes.subarray(written));
            for (let k = 0; k < result.indices.length; k++) {
              const before = scan.status[result.indices[k]!]!;
              if (before !== 0) counts[RUN_STATUSES[before - 1]!]--;
              counts[RUN_STATUSES[result.statuses[k]!]!]++;
            }
            solvedNow += result.indices.length;
            const now = performance.now();
            if (now - lastManifest > 500) {
              lastManifest = now;
              await writeManifest(manifestPath, {
                ...manifest,
                updated_at: new Date().toISOString(),
                counts: progress().counts,
              });
            }
            onProgress?.(progress());
          },
          onBatchFailed: (batch, indices, message) => {
            fallback ??= new ConfigSolver(spec);
            const records = Array.from(indices, (i) => fallback!.errorRecord(i, message));
            return {
              batch,
              indices,
              lines: encoder.encode(records.map((r) => JSON.stringify(r) + "\n").join("")),
              statuses: new Uint8Array(indices.length).fill(2),
            };
          },
        },
      );
      if (aborted) status = "interrupted";
    } catch (error) {
      await writeManifest(manifestPath, {
        ...manifest,
        status: "interrupted",
        updated_at: new Date().toISOString(),
        counts: progress().counts,
      });
      throw error;
    } finally {
      file.close();
    }
  }

  let derived: DerivedFiles | undefined;
  if (status === "complete" && shard.count === 1) {
    onDeriving?.();
    const final = await scanRuns([runsPath], grid.size);
    derived = await writeDerived(dir, [runsPath], final, spec, { workers });
  }
  let fronts: SweepOutcome["fronts"];
  if (status === "complete" && shard.index === 0 && spec.fronts) {
    // Computed from the spec alone, so shard 0 writes what a single run writes.
    const { csv, ...counts } = sweepFronts(spec, spec.fronts);
    const path = join(dir, "fronts.csv");
    await writeAtomic(path, csv);
    fronts = { path, ...counts };
  } else if (status === "complete" && shard.index === 0) {
    // A fronts.csv of an earlier run with fronts asked for (`--fronts`) would be stale.
    await Deno.remove(join(dir, "fronts.csv")).catch(() => {});
  }
  const end = new Date().toISOString();
  await writeManifest(manifestPath, {
    ...manifest,
    status,
    updated_at: end,
    finished_at: status === "complete" ? end : null,
    counts: progress().counts,
  });
  return {
    dir,
    status,
    progress: progress(),
    skipped,
    tornBytes,
    runs: runsPath,
    manifest: manifestPath,
    ...(derived ? { derived } : {}),
    ...(fronts ? { fronts } : {}),
  };
}

function* batchesOf(
  grid: ConfigGrid,
  shard: Shard,
  status: Uint8Array,
  retryErrors: boolean,
  size: number,
): Generator<Float64Array> {
  const duplicates = DuplicateBases.of(grid);
  const positions = new Int32Array(grid.spec.axes.length);
  const wanted = (i: number) => {
    const code = status[i]!;
    return code === 0 || (retryErrors && code === 3);
  };
  const todo = (i: number) =>
    i % shard.count === shard.index && wanted(i) &&
    !grid.isExcluded(grid.positionsAt(i, positions));
  let batch: number[] = [];
  for (const i of grid.indices(shard)) {
    if (!wanted(i)) continue;
    if (duplicates) {
      // A duplicate goes in the batch of the configuration it repeats, if that one is solved now.
      const leader = duplicates.leaderOf(i);
      if (leader !== undefined && todo(leader)) continue;
      batch.push(i);
      for (const f of duplicates.followersOf(i)) if (todo(f)) batch.push(f);
    } else batch.push(i);
    if (batch.length >= size) {
      yield Float64Array.from(batch);
      batch = [];
    }
  }
  if (batch.length > 0) yield Float64Array.from(batch);
}

function checkSameSweep(previous: Manifest, spec: SweepSpec, shard: Shard, path: string): void {
  const problems = [];
  if (previous.sweep_hash !== spec.hash) {
    problems.push({
      path: "sweep_hash",
      message:
        `these results come from a different version of the sweep file (${previous.sweep_file}); run with --fresh to start over, or choose another --out`,
    });
  }
  const hashes = spec.scenarios.map((s) => s.hash).join();
  if (previous.scenarios.map((s) => s.hash).join() !== hashes) {
    problems.push({
      path: "scenarios",
      message:
        "these results were computed from different scenario files; run with --fresh to start over",
    });
  }
  const count = previous.shards.count;
  if (count !== shard.count || (count > 1 && previous.shards.index !== shard.index)) {
    problems.push({
      path: "shards",
      message: `these results belong to shard layout ${
        JSON.stringify(previous.shards)
      }, not ${shard.index}/${shard.count}`,
    });
  }
  if (problems.length > 0) throw new InputError(path, problems);
}
