import { join } from "node:path";
import { ConfigTable } from "./config_table.ts";
import { type Manifest, parseManifest } from "./manifest.ts";
import { readConfigsCsv } from "./parse_configs_csv.ts";
import { type Front, parseFrontsCsv } from "./parse_fronts_csv.ts";
import { ResultsError } from "./results_error.ts";
import { parseRunRecord, type RunRecord } from "./run_record.ts";
import { markPareto, rowFromRecord } from "./rows_from_runs.ts";
import { RunsIndex } from "./runs_index.ts";
import type { ConfigRow } from "./config_row.ts";

/** Tables with at least this many rows get their sort orders computed in the background. */
const PREPARE_ORDERS_FROM = 5_000;

/** Files of a sweep folder that the dashboard offers for download. */
export const DOWNLOADS = [
  "configs.csv",
  "plans.csv",
  "pareto.csv",
  "fronts.csv",
  "manifest.json",
] as const;
/** A downloadable file name. */
export type Download = typeof DOWNLOADS[number];

/** The configurations table of a sweep at one data version. */
export interface TableVersion {
  /** Changes whenever the underlying file changes (mtime, size, inode, lines indexed). */
  version: string;
  /** The rows. */
  table: ConfigTable;
  /** Where the rows come from: the derived CSV, or runs.jsonl while no CSV is written yet. */
  source: "configs.csv" | "runs.jsonl";
}

/** The exact fronts of a sweep (fronts.csv) at one data version. */
export interface FrontsVersion {
  /** Changes whenever fronts.csv changes (mtime, size, inode). */
  version: string;
  /** The fronts, in file order. */
  fronts: Front[];
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function statOrNull(path: string): Promise<Deno.FileInfo | null> {
  try {
    return await Deno.stat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
}

function stamp(info: Deno.FileInfo): string {
  return `${info.mtime?.getTime() ?? 0}:${info.size}:${info.ino ?? 0}`;
}

/**
 * One sweep folder, read-only: its manifest, its configurations table and its records, each
 * re-read only when its file changes, so a running sweep is followed without a restart.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Sweep } from "./sweep.ts";
 * import { writeFixture } from "./_fixture.ts";
 * const root = await Deno.makeTempDir();
 * await writeFixture(root, "demo", { configs: 20 });
 * const sweep = new Sweep("demo", `${root}/demo`);
 * const { table } = await sweep.table();
 * assert(table.rows.length === 20 && (await sweep.manifest()).config_count === 20);
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export class Sweep {
  /** Folder name, which is also the sweep's URL name. */
  readonly name: string;
  /** Absolute folder path. */
  readonly dir: string;
  #manifest: { stamp: string; value: Manifest } | undefined;
  #table: { version: string; value: Promise<TableVersion> } | undefined;
  #fronts: FrontsVersion | undefined;
  readonly #ids: RunsIndex;
  #live: { index: RunsIndex; rows: Map<number, ConfigRow>; errors: number } | undefined;
  #preparing: AbortController | undefined;

  /** Wraps the folder `dir` named `name`; nothing is read until asked. */
  constructor(name: string, dir: string) {
    this.name = name;
    this.dir = dir;
    this.#ids = new RunsIndex(join(dir, "runs.jsonl"));
  }

  /** Path of a file in the folder (file names are constants, never user input). */
  path(file: Download | "runs.jsonl"): string {
    return join(this.dir, file);
  }

  /**
   * Reads manifest.json, cached until the file changes.
   *
   * @throws {ResultsError} When it is missing or invalid.
   */
  async manifest(): Promise<Manifest> {
    const path = join(this.dir, "manifest.json");
    const info = await statOrNull(path);
    if (!info) throw new ResultsError(this.name, "manifest.json", "the file is missing");
    const key = stamp(info);
    if (this.#manifest?.stamp === key) return this.#manifest.value;
    let value: Manifest;
    try {
      value = parseManifest(await Deno.readTextFile(path));
    } catch (error) {
      throw new ResultsError(this.name, "manifest.json", messageOf(error), { cause: error });
    }
    this.#manifest = { stamp: key, value };
    return value;
  }

  /** Sizes and modification times of the sweep's files (null when missing). */
  async files(): Promise<Record<Download | "runs.jsonl", Deno.FileInfo | null>> {
    const names = [...DOWNLOADS, "runs.jsonl"] as const;
    const infos = await Promise.all(names.map((n) => statOrNull(join(this.dir, n))));
    return Object.fromEntries(names.map((n, i) => [n, infos[i]])) as Record<
      Download | "runs.jsonl",
      Deno.FileInfo | null
    >;
  }

  /**
   * The configurations table for the current data version: configs.csv when it is at least as
   * new as runs.jsonl, else the rows of runs.jsonl (a sweep still running). Parsed once per
   * version; concurrent callers share the parse.
   *
   * @throws {ResultsError} When the source file is invalid.
   */
  async table(): Promise<TableVersion> {
    const csv = await statOrNull(join(this.dir, "configs.csv"));
    const runs = await statOrNull(join(this.dir, "runs.jsonl"));
    const useCsv = csv !== null &&
      (runs === null || (csv.mtime?.getTime() ?? 0) >= (runs.mtime?.getTime() ?? 0));
    let version: string;
    if (useCsv) {
      version = `csv:${stamp(csv)}`;
    } else {
      const live = this.#liveIndex();
      await live.index.refresh();
      version = `runs:${live.index.generation}:${live.index.indexedBytes}`;
    }
    if (this.#table?.version !== version) {
      const value = useCsv ? this.#fromCsv(version) : Promise.resolve(this.#fromRuns(version));
      this.#table = { version, value };
      value.catch(() => {
        if (this.#table?.value === value) this.#table = undefined;
      });
    }
    return await this.#table.value;
  }

  /**
   * Reads fronts.csv (the exact front of placements per scenario x device profile), an optional
   * file, cached until it changes.
   *
   * @returns The fronts, or null when the sweep has no fronts.csv.
   * @throws {ResultsError} When the file is invalid.
   */
  async fronts(): Promise<FrontsVersion | null> {
    const path = join(this.dir, "fronts.csv");
    const info = await statOrNull(path);
    if (!info) {
      this.#fronts = undefined;
      return null;
    }
    const version = `fronts:${stamp(info)}`;
    if (this.#fronts?.version === version) return this.#fronts;
    let fronts: Front[];
    try {
      fronts = parseFrontsCsv(await Deno.readTextFile(path));
    } catch (error) {
      throw new ResultsError(this.name, "fronts.csv", messageOf(error), { cause: error });
    }
    this.#fronts = { version, fronts };
    return this.#fronts;
  }

  /**
   * Reads one configuration's record from runs.jsonl by id (byte-offset index).
   *
   * @returns The record, or undefined when the id is unknown.
   * @throws {ResultsError} When its line is invalid.
   */
  async record(id: string): Promise<RunRecord | undefined> {
    try {
      return await this.#ids.get(id);
    } catch (error) {
      throw new ResultsError(this.name, "runs.jsonl", messageOf(error), { cause: error });
    }
  }

  async #fromCsv(version: string): Promise<TableVersion> {
    try {
      const parsed = await readConfigsCsv(join(this.dir, "configs.csv"));
      const table = new ConfigTable(parsed.rows, parsed);
      // Sort every column in the background (a complete sweep's CSV rarely changes; small ones
      // sort on demand in a millisecond); stop if a newer version replaces this one.
      this.#preparing?.abort();
      if (table.rows.length >= PREPARE_ORDERS_FROM) {
        const preparing = new AbortController();
        this.#preparing = preparing;
        table.prepareOrders(preparing.signal).catch(() => {});
      }
      return { version, table, source: "configs.csv" };
    } catch (error) {
      throw new ResultsError(this.name, "configs.csv", messageOf(error), { cause: error });
    }
  }

  #fromRuns(version: string): TableVersion {
    const live = this.#liveIndex();
    const rows = [...live.rows.values()].sort((a, b) => a.index - b.index);
    markPareto(rows);
    const axes = this.#manifest?.value.axes.map((a) => a.name) ??
      Object.keys(rows[0]?.params ?? {});
    const devices = [...new Set(rows.flatMap((r) => Object.keys(r.memory_mb)))].sort();
    return { version, table: new ConfigTable(rows, { axes, devices }), source: "runs.jsonl" };
  }

  #liveIndex() {
    if (!this.#live) {
      const rows = new Map<number, ConfigRow>();
      const live = { rows, errors: 0, index: undefined as unknown as RunsIndex };
      let generation = 0;
      live.index = new RunsIndex(join(this.dir, "runs.jsonl"), {
        onLine: (line) => {
          if (live.index.generation !== generation) {
            generation = live.index.generation;
            rows.clear();
          }
          try {
            const row = rowFromRecord(parseRunRecord(line));
            // Lines come in completion order; a later line for an index wins unless it is an
            // error and the earlier one is not (results contract).
            const earlier = rows.get(row.index);
            if (!(earlier && row.status === "error" && earlier.status !== "error")) {
              rows.set(row.index, row);
            }
          } catch {
            live.errors++; // A torn or invalid line; the record page reports it when opened.
          }
        },
      });
      this.#live = live;
    }
    return this.#live;
  }
}
