import type { ConfigRow } from "./config_row.ts";
import type { RunRecord } from "./run_record.ts";

/**
 * Turns a `runs.jsonl` record into a table row, the way configs.csv would show it (used while a
 * sweep runs and its CSV files are not written yet). `group` is scenario/device profile when
 * those axes exist; `is_pareto` is left false for {@linkcode markPareto}.
 *
 * @param record A validated record.
 * @returns The row.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rowFromRecord } from "./rows_from_runs.ts";
 * const row = rowFromRecord({ id: "a", index: 3, params: { goal: "latency", cap: null },
 *   status: "infeasible", plans: [] });
 * assert(row.params.cap === "" && row.latency_ms === null);
 * ```
 */
export function rowFromRecord(record: RunRecord): ConfigRow {
  const best = record.plans[0];
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(record.params)) params[k] = v === null ? "" : String(v);
  const group = ["scenario", "device_profile"].filter((k) => k in params).map((k) => params[k])
    .join("/");
  return {
    index: record.index,
    id: record.id,
    params,
    status: record.status,
    latency_ms: best?.latency_ms ?? null,
    energy_mj: best?.energy_mj ?? null,
    score: best?.score ?? null,
    switches: best?.switches ?? null,
    device_path: best ? best.devices.join(" ") : "",
    memory_mb: { ...(best?.memory_by_device ?? {}) },
    strategy: record.strategy ?? "",
    optimal: record.optimal ?? null,
    gap: record.gap ?? null,
    solve_ms: record.solve_ms ?? null,
    group,
    is_pareto: false,
    reason: record.reason ?? record.error ?? null,
  };
}

/**
 * Sets `is_pareto` on the rows that no other row of their group dominates on latency and
 * energy (both minimised); rows without metrics are never on the front.
 *
 * @param rows Rows to mark, in place.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { markPareto } from "./rows_from_runs.ts";
 * import type { ConfigRow } from "./config_row.ts";
 * const r = (latency_ms: number, energy_mj: number) =>
 *   ({ group: "g", latency_ms, energy_mj, is_pareto: false }) as ConfigRow;
 * const rows = [r(1, 5), r(2, 2), r(3, 3)];
 * markPareto(rows);
 * assert(rows.map((x) => x.is_pareto).join() === "true,true,false");
 * ```
 */
export function markPareto(rows: ConfigRow[]): void {
  const groups = new Map<string, ConfigRow[]>();
  for (const row of rows) {
    row.is_pareto = false;
    if (row.latency_ms === null || row.energy_mj === null) continue;
    const list = groups.get(row.group);
    if (list) list.push(row);
    else groups.set(row.group, [row]);
  }
  for (const list of groups.values()) {
    list.sort((a, b) => a.latency_ms! - b.latency_ms! || a.energy_mj! - b.energy_mj!);
    let minEnergy = Infinity;
    let last: ConfigRow | undefined;
    for (const row of list) {
      const tie = last && last.latency_ms === row.latency_ms && last.energy_mj === row.energy_mj &&
        last.is_pareto;
      if (row.energy_mj! < minEnergy || tie) {
        row.is_pareto = true;
        minEnergy = Math.min(minEnergy, row.energy_mj!);
      }
      last = row;
    }
  }
}
