/**
 * `manifest.json`: what a results folder holds and how far the sweep got (see
 * docs/RESULTS_FORMAT.md). Written atomically, read back on resume and by `merge`.
 *
 * @module
 */
import { InputError } from "../input/mod.ts";
import { writeAtomic } from "./write_atomic.ts";

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

/**
 * Writes a manifest atomically, pretty-printed.
 *
 * @param path Path of `manifest.json`.
 * @param manifest The content.
 */
export async function writeManifest(path: string, manifest: Manifest): Promise<void> {
  await writeAtomic(path, JSON.stringify(manifest, null, 2) + "\n");
}

/**
 * Reads a manifest, or returns `undefined` when the file does not exist.
 *
 * @param path Path of `manifest.json`.
 * @returns The manifest.
 * @throws {InputError} When the file is not a manifest this tool can read.
 */
export async function readManifest(path: string): Promise<Manifest | undefined> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(path, [{ path: "", message: "is not valid JSON" }], { cause: error });
  }
  const manifest = value as Partial<Manifest>;
  if (manifest?.format !== 1 || typeof manifest.sweep_hash !== "string") {
    throw new InputError(path, [{
      path: "format",
      message: `is not a results manifest of format 1, got ${JSON.stringify(manifest?.format)}`,
    }]);
  }
  return manifest as Manifest;
}
