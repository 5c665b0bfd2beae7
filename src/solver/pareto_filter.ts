/** How to read the two minimised objectives of an item. */
export interface ParetoFilterOptions<T> {
  /** Reads the first objective. @default (item) => item.latency */
  latency?: (item: T) => number;
  /** Reads the second objective. @default (item) => item.energy */
  energy?: (item: T) => number;
}

const readLatency = (item: unknown) => (item as { latency: number }).latency;
const readEnergy = (item: unknown) => (item as { energy: number }).energy;

/**
 * Keeps the items that no other item beats on both latency and energy (both minimised), in
 * O(n log n): a stable sort by latency then energy, then one sweep that keeps an item when its
 * energy is strictly below every energy kept so far. Items with equal latency and energy count
 * once: the first in the input order is kept, so callers put their preferred tie-breaker first.
 * NaN values are not comparable and must not be passed.
 *
 * @param items The points, in the caller's preference order for ties.
 * @param options Accessors of the two objectives.
 * @returns The non-dominated items, by increasing latency (so by decreasing energy).
 * @throws {TypeError} When an accessor returns NaN.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { paretoFilter } from "./pareto_filter.ts";
 * const front = paretoFilter([
 *   { id: "a", latency: 3, energy: 1 },
 *   { id: "b", latency: 1, energy: 3 },
 *   { id: "c", latency: 2, energy: 2 },
 *   { id: "d", latency: 2, energy: 3 },
 *   { id: "e", latency: 2, energy: 2 },
 * ]);
 * assert(front.map((p) => p.id).join("") === "bca");
 * ```
 */
export function paretoFilter<T>(items: readonly T[], options: ParetoFilterOptions<T> = {}): T[] {
  const { latency = readLatency, energy = readEnergy } = options;
  const n = items.length;
  const lat = new Float64Array(n);
  const en = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    lat[j] = latency(items[j]!);
    en[j] = energy(items[j]!);
    if (Number.isNaN(lat[j]) || Number.isNaN(en[j])) {
      throw new TypeError(
        `Cannot filter Pareto points as item ${j} has a NaN objective: latency ${lat[j]}, energy ${
          en[j]
        }`,
      );
    }
  }
  const order = Array.from({ length: n }, (_, j) => j);
  order.sort((a, b) => compare(lat[a]!, lat[b]!) || compare(en[a]!, en[b]!) || a - b);
  const kept: T[] = [];
  let best = Infinity;
  for (const j of order) {
    if (en[j]! < best || kept.length === 0) {
      best = en[j]!;
      kept.push(items[j]!);
    }
  }
  return kept;
}

function compare(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
