import type { ResultsStore } from "./results_store.ts";
import type { Sweep } from "./sweep.ts";
import type { Manifest } from "./manifest.ts";

/** What the sweeps list and the live-progress poller show about one sweep. */
export interface SweepSummary {
  /** Folder name. */
  name: string;
  /** Manifest status (`running`, `complete`, `interrupted`), or `unreadable`. */
  status: string;
  /** Whether the manifest says running and it was updated recently. */
  running: boolean;
  /** Whether the manifest says running but has not been updated for `staleAfterMs`. */
  stale: boolean;
  /** Configurations in the sweep. */
  config_count: number;
  /** Counts by status (ok, infeasible, error, pending). */
  counts: Record<string, number>;
  /** Configurations finished (not pending). */
  done: number;
  /** Fraction done, 0 to 1. */
  progress: number;
  /** When the sweep started, ISO-8601. */
  started_at: string | null;
  /** Last manifest update, ISO-8601. */
  updated_at: string | null;
  /** When it finished, ISO-8601. */
  finished_at: string | null;
  /** Total bytes of the sweep's files. */
  bytes: number;
  /** Tool version that wrote it. */
  tool_version: string | null;
  /** Why the manifest could not be read, when it could not. */
  error: string | null;
}

/** Options of {@linkcode summarize}. */
export interface SummaryOptions {
  /** Current time. @default new Date() */
  now?: Date;
  /** A running sweep without manifest update for this long is flagged stale. @default 600000 */
  staleAfterMs?: number;
}

/**
 * Summarises one sweep from its manifest and file sizes.
 *
 * @param sweep The sweep.
 * @param options Clock and staleness threshold.
 * @returns The summary; an unreadable manifest gives status `unreadable` and `error`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Sweep } from "./sweep.ts";
 * import { summarize } from "./sweep_summary.ts";
 * import { writeFixture } from "./_fixture.ts";
 * const root = await Deno.makeTempDir();
 * await writeFixture(root, "live", { configs: 40, written: 10, status: "running" });
 * const s = await summarize(new Sweep("live", `${root}/live`), { now: new Date("2026-11-26T12:00:05Z") });
 * assert.equal(s.done, 10);
 * assert.equal(s.running, true);
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export async function summarize(sweep: Sweep, options: SummaryOptions = {}): Promise<SweepSummary> {
  const { now = new Date(), staleAfterMs = 600_000 } = options;
  const files = await sweep.files();
  const bytes = Object.values(files).reduce((sum, info) => sum + (info?.size ?? 0), 0);
  let manifest: Manifest;
  try {
    manifest = await sweep.manifest();
  } catch (error) {
    return {
      name: sweep.name,
      status: "unreadable",
      running: false,
      stale: false,
      config_count: 0,
      counts: {},
      done: 0,
      progress: 0,
      started_at: null,
      updated_at: null,
      finished_at: null,
      bytes,
      tool_version: null,
      error: error instanceof Error ? error.message : String(error),
    };
  }
  const counts = { ok: 0, infeasible: 0, error: 0, pending: 0, ...manifest.counts };
  const done = counts.ok + counts.infeasible + counts.error;
  const updated = Date.parse(manifest.updated_at ?? manifest.started_at ?? "");
  const isRunning = manifest.status === "running";
  const stale = isRunning && Number.isFinite(updated) && now.getTime() - updated > staleAfterMs;
  return {
    name: sweep.name,
    status: manifest.status,
    running: isRunning && !stale,
    stale,
    config_count: manifest.config_count,
    counts,
    done,
    progress: manifest.config_count > 0 ? Math.min(1, done / manifest.config_count) : 1,
    started_at: manifest.started_at ?? null,
    updated_at: manifest.updated_at ?? null,
    finished_at: manifest.finished_at ?? null,
    bytes,
    tool_version: manifest.tool_version ?? null,
    error: null,
  };
}

/**
 * Summarises every sweep of a results root, sorted by name.
 *
 * @param store The results root.
 * @param options Clock and staleness threshold.
 * @returns One summary per sweep folder.
 */
export async function summarizeAll(
  store: ResultsStore,
  options: SummaryOptions = {},
): Promise<SweepSummary[]> {
  const sweeps = await Promise.all((await store.names()).map((n) => store.get(n)));
  return await Promise.all(
    sweeps.filter((s): s is Sweep => s !== undefined).map((s) => summarize(s, options)),
  );
}
