import type { RunRecord } from "./run_record.ts";

/** Memory budgets of a configuration's devices, and where they come from. */
export interface MemoryBudgets {
  /** MB per device, for the devices whose budget is known. */
  byDevice: Record<string, number>;
  /** `record` (the optional `memory_budget_by_device` key), `axes` (`memory_mb.<device>` grid axes) or `none`. */
  source: "record" | "axes" | "none";
}

/**
 * Finds a configuration's memory budgets: the record's optional `memory_budget_by_device` key
 * when the sweep runner wrote it, else the grid axes named `memory_mb.<device>` (a sweep that
 * varies a device's memory), else none.
 *
 * @param record The configuration's record.
 * @returns Budgets per device (possibly for some devices only) and their source.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { memoryBudgets } from "./memory_budgets.ts";
 * const record = { id: "a", index: 0, status: "ok" as const, plans: [],
 *   params: { goal: "latency", "memory_mb.gpu": 2048 } };
 * assert.deepEqual(memoryBudgets(record), { byDevice: { gpu: 2048 }, source: "axes" });
 * ```
 */
export function memoryBudgets(record: RunRecord): MemoryBudgets {
  if (record.memory_budget_by_device) {
    return { byDevice: { ...record.memory_budget_by_device }, source: "record" };
  }
  const byDevice: Record<string, number> = {};
  for (const [key, value] of Object.entries(record.params)) {
    const match = /^memory_mb\.(.+)$/.exec(key);
    if (match && typeof value === "number" && Number.isFinite(value)) byDevice[match[1]!] = value;
  }
  return { byDevice, source: Object.keys(byDevice).length > 0 ? "axes" : "none" };
}
