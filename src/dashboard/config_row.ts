/** One configuration as shown in the table: its parameters and its rank-1 plan's metrics. */
export interface ConfigRow {
  /** Stable index of the configuration in the sweep. */
  index: number;
  /** Content-hashed configuration id. */
  id: string;
  /** One value per grid axis, as text (empty for null). */
  params: Record<string, string>;
  /** `ok`, `infeasible` or `error`. */
  status: string;
  /** Rank-1 plan metrics; null when the configuration has no plan. */
  latency_ms: number | null;
  /** Rank-1 plan energy. */
  energy_mj: number | null;
  /** Rank-1 plan score. */
  score: number | null;
  /** Rank-1 plan device switches. */
  switches: number | null;
  /** Rank-1 plan devices, space separated. */
  device_path: string;
  /** Memory used per device by the rank-1 plan, MB. */
  memory_mb: Record<string, number | null>;
  /** Solver strategy. */
  strategy: string;
  /** Whether the solver proved optimality. */
  optimal: boolean | null;
  /** Optimality gap. */
  gap: number | null;
  /** Solve time, ms. */
  solve_ms: number | null;
  /** Pareto group key. */
  group: string;
  /** Whether the configuration is on its group's latency/energy Pareto front. */
  is_pareto: boolean;
  /** Why it is infeasible, or the message of the error it ended with; null otherwise. */
  reason: string | null;
}

/** Columns that hold numbers (sorted numerically). */
export const NUMERIC_COLUMNS: ReadonlySet<string> = new Set([
  "index",
  "latency_ms",
  "energy_mj",
  "score",
  "switches",
  "gap",
  "solve_ms",
]);

/**
 * Reads a table cell of a row by its configs.csv column name (`goal`, `mem_gpu_mb`, `score`...).
 *
 * @param row The row.
 * @param column A configs.csv column name.
 * @param axes The sweep's axis names.
 * @returns The value, or null when missing.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cellOf, type ConfigRow } from "./config_row.ts";
 * const row = { params: { goal: "latency" }, memory_mb: { gpu: 12 } } as unknown as ConfigRow;
 * assert(cellOf(row, "goal", ["goal"]) === "latency");
 * assert(cellOf(row, "mem_gpu_mb", ["goal"]) === 12);
 * ```
 */
export function cellOf(
  row: ConfigRow,
  column: string,
  axes: readonly string[],
): string | number | boolean | null {
  if (axes.includes(column)) return row.params[column] ?? null;
  const mem = /^mem_(.+)_mb$/.exec(column);
  if (mem) return row.memory_mb[mem[1]!] ?? null;
  const value = (row as unknown as Record<string, unknown>)[column];
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    return value;
  }
  return null;
}
