import { join } from "node:path";
import { InputError, type Problem } from "../input/mod.ts";
import type { Manifest } from "./manifest.ts";
import { readManifest } from "./read_manifest.ts";
import { writeManifest } from "./write_manifest.ts";
import { writeAtomic } from "./write_atomic.ts";
import { scanRuns } from "./scan_runs.ts";
import { type DerivedFiles, writeDerived } from "./write_derived.ts";

/** Options of {@linkcode mergeShards}. */
export interface MergeOptions {
  /** Merge what is there when shards are missing or incomplete. @default false */
  allowPartial?: boolean;
  /** The command line, recorded in the manifest. @default "" */
  command?: string;
}

/** What {@linkcode mergeShards} did. */
export interface MergeOutcome {
  manifest: Manifest;
  derived: DerivedFiles;
  /** `fronts.csv`, copied from shard 0 when it wrote one (see `sweepFronts`); else `null`. */
  fronts: string | null;
  /** Shard count of the layout. */
  shardCount: number;
  /** Shards missing or incomplete (described), empty when all were complete. */
  gaps: string[];
  /** Lines for a configuration that another line already covered (retried shards). */
  duplicates: number;
}

/**
 * Combines the shards of a sweep (`<dir>/shards/<i>-of-<N>/`) into `<dir>/configs.csv`,
 * `plans.csv`, `pareto.csv` and `manifest.json`, identical to those of a single-machine run
 * (timing columns aside), and copies shard 0's `fronts.csv` when it has one. Duplicate lines of retried shards count once.
 *
 * @param dir The sweep's results folder.
 * @param options Partial merges, command line.
 * @returns What was merged.
 * @throws {InputError} When there are no shards, shards of different sweep files or layouts,
 *   or (without `allowPartial`) missing or incomplete shards, naming them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mergeShards } from "./merge_shards.ts";
 * import { loadSweep } from "../sweep/load_sweep.ts";
 * import { runSweep } from "../sweep/run_sweep.ts";
 * const out = await Deno.makeTempDir();
 * const spec = await loadSweep("sweeps/budgets.yaml");
 * for (const index of [0, 1]) await runSweep(spec, { out, workers: 1, shard: { index, count: 2 } });
 * const merged = await mergeShards(out);
 * assert(merged.gaps.length === 0 && merged.manifest.config_count === 3840);
 * ```
 */
export async function mergeShards(dir: string, options: MergeOptions = {}): Promise<MergeOutcome> {
  const { allowPartial = false, command = "" } = options;
  const shardsDir = join(dir, "shards");
  const found: Array<{ name: string; index: number; count: number }> = [];
  try {
    for await (const entry of Deno.readDir(shardsDir)) {
      const match = /^(\d+)-of-(\d+)$/.exec(entry.name);
      if (entry.isDirectory && match) {
        found.push({ name: entry.name, index: Number(match[1]), count: Number(match[2]) });
      }
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  if (found.length === 0) {
    throw new InputError(dir, [{
      path: "",
      message:
        "has no shards to merge (expected folders shards/<i>-of-<N>/ written by 'sweep --shard i/N')",
    }]);
  }
  const counts = [...new Set(found.map((f) => f.count))].sort((a, b) => a - b);
  if (counts.length > 1) {
    throw new InputError(dir, [{
      path: "shards",
      message: `holds shards of different layouts (${
        counts.map((c) => `of-${c}`).join(", ")
      }); remove the ones that do not belong`,
    }]);
  }
  const shardCount = counts[0]!;
  found.sort((a, b) => a.index - b.index);
  const manifests: Array<{ name: string; index: number; manifest: Manifest }> = [];
  const gaps: string[] = [];
  for (let i = 0; i < shardCount; i++) {
    const name = `${i}-of-${shardCount}`;
    const manifest = found.some((f) => f.index === i)
      ? await readManifest(join(shardsDir, name, "manifest.json"))
      : undefined;
    if (!manifest) gaps.push(`shards/${name} is missing`);
    else manifests.push({ name, index: i, manifest });
  }
  if (manifests.length === 0) {
    throw new InputError(dir, [{ path: "shards", message: "no shard has a manifest.json" }]);
  }
  const reference = manifests[0]!;
  const different: Problem[] = [];
  for (const m of manifests) {
    if (
      m.manifest.sweep_hash !== reference.manifest.sweep_hash ||
      m.manifest.scenarios.map((s) => s.hash).join() !==
        reference.manifest.scenarios.map((s) => s.hash).join() ||
      m.manifest.grid_size !== reference.manifest.grid_size
    ) {
      different.push({
        path: `shards/${m.name}`,
        message: `comes from a different sweep file or scenarios (${m.manifest.sweep_file}, sweep ${
          m.manifest.sweep_hash.slice(0, 12)
        }) than shards/${reference.name} (${reference.manifest.sweep_file}, sweep ${
          reference.manifest.sweep_hash.slice(0, 12)
        })`,
      });
    }
  }
  if (different.length > 0) throw new InputError(dir, different);

  const files = manifests.map((m) => join(shardsDir, m.name, "runs.jsonl"));
  const scan = await scanRuns(files, reference.manifest.grid_size);
  const have = new Array<number>(shardCount).fill(0);
  for (let i = 0; i < scan.size; i++) if (scan.status[i] !== 0) have[i % shardCount]!++;
  for (const m of manifests) {
    const expected = m.manifest.config_count;
    if (have[m.index]! < expected) {
      gaps.push(
        `shards/${m.name} is incomplete: ${
          have[m.index]
        } of ${expected} configurations (status ${m.manifest.status})`,
      );
    }
  }
  if (gaps.length > 0 && !allowPartial) {
    throw new InputError(dir, [
      ...gaps.map((g) => ({ path: "", message: g })),
      {
        path: "",
        message: "finish or rerun those shards, or merge what is there with --allow-partial",
      },
    ]);
  }
  const derived = await writeDerived(dir, files, scan, reference.manifest);
  // Shard 0 computes the fronts from the sweep file alone: its copy is the single run's file.
  const fronts = join(dir, "fronts.csv");
  const shardFronts = join(shardsDir, `0-of-${shardCount}`, "fronts.csv");
  let frontsWritten: string | null = null;
  try {
    await writeAtomic(fronts, await Deno.readTextFile(shardFronts));
    frontsWritten = fronts;
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    await Deno.remove(fronts).catch(() => {});
  }
  const statusCounts = { ok: 0, infeasible: 0, error: 0, pending: 0 };
  for (let i = 0; i < scan.size; i++) {
    const code = scan.status[i]!;
    if (code === 1) statusCounts.ok++;
    else if (code === 2) statusCounts.infeasible++;
    else if (code === 3) statusCounts.error++;
  }
  const present = manifests.reduce((n, m) => n + m.manifest.config_count, 0);
  const missingShards = shardCount - manifests.length;
  // Configurations of missing shards are unknown without the sweep file: estimate from the others.
  const configCount = missingShards === 0
    ? present
    : present + Math.round((present / manifests.length) * missingShards);
  statusCounts.pending = configCount - statusCounts.ok - statusCounts.infeasible -
    statusCounts.error;
  const times = manifests.map((m) => m.manifest);
  const finished = times.map((t) => t.finished_at).filter((t): t is string => t !== null).sort();
  const now = new Date().toISOString();
  const manifest: Manifest = {
    ...reference.manifest,
    config_count: configCount,
    shards: { count: shardCount },
    status: gaps.length === 0 ? "complete" : "interrupted",
    started_at: times.map((t) => t.started_at).sort()[0]!,
    updated_at: now,
    finished_at: gaps.length === 0 ? finished[finished.length - 1] ?? now : null,
    counts: statusCounts,
    command,
  };
  await writeManifest(join(dir, "manifest.json"), manifest);
  return {
    manifest,
    derived,
    fronts: frontsWritten,
    shardCount,
    gaps,
    duplicates: scan.duplicates,
  };
}
