import type { ConfigRow } from "./config_row.ts";
import type { ConfigTable } from "./config_table.ts";
import type { Front } from "./parse_fronts_csv.ts";

/**
 * The scenario x device profile pair of a configuration, named as fronts.csv names its groups
 * (`<scenario>/<device_profile>`), or the row's own group when it lacks one of these axes.
 */
function pairOf(row: ConfigRow): string {
  const { scenario, device_profile } = row.params;
  return scenario === undefined || device_profile === undefined
    ? row.group
    : `${scenario}/${device_profile}`;
}

/**
 * Whether a configuration belongs to a chart group: its own `group`, or its scenario x device
 * profile pair as fronts.csv names it (`<scenario>/<device_profile>`).
 *
 * @param row The configuration.
 * @param group The chart group chosen with `?group=`.
 * @returns True when the chart of that group shows the configuration.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { inChartGroup } from "./chart_group.ts";
 * import type { ConfigRow } from "./config_row.ts";
 * const row = { params: { scenario: "s", device_profile: "p", goal: "latency" },
 *   group: "s/p/latency" } as unknown as ConfigRow;
 * assert(inChartGroup(row, "s/p") && inChartGroup(row, "s/p/latency") && !inChartGroup(row, "s/q"));
 * ```
 */
export function inChartGroup(row: ConfigRow, group: string): boolean {
  return row.group === group || pairOf(row) === group;
}

/**
 * The exact fronts the chart draws: the chosen group's, or, without a choice, those of every
 * scenario x device profile pair that has configurations in the table (whatever their status).
 *
 * @param table The sweep's rows.
 * @param fronts The fronts of fronts.csv.
 * @param group The chosen group, if any.
 * @returns The fronts to draw, in file order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ConfigTable } from "./config_table.ts";
 * import { frontsShown } from "./chart_group.ts";
 * import type { ConfigRow } from "./config_row.ts";
 * const row = { index: 0, id: "a", params: { scenario: "s", device_profile: "p" }, status: "ok",
 *   group: "s/p", memory_mb: {} } as unknown as ConfigRow;
 * const table = new ConfigTable([row], { axes: ["scenario", "device_profile"], devices: [] });
 * const front = (group: string) =>
 *   ({ group, scenario: "s", device_profile: group.slice(2), proven: true, points: [] });
 * assert.deepEqual(frontsShown(table, [front("s/p"), front("s/q")]).map((f) => f.group), ["s/p"]);
 * assert.deepEqual(frontsShown(table, [front("s/p"), front("s/q")], "s/q").map((f) => f.group), [
 *   "s/q",
 * ]);
 * ```
 */
export function frontsShown(
  table: ConfigTable,
  fronts: readonly Front[],
  group?: string,
): Front[] {
  if (group !== undefined) return fronts.filter((f) => f.group === group);
  const pairs = table.memo(
    "chart:pairs",
    () => new Set(table.rows.flatMap((r) => [r.group, pairOf(r)])),
  );
  return fronts.filter((f) => pairs.has(f.group));
}
