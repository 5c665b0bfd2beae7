/**
 * Marks the latency/energy Pareto front (both minimised) of each group in O(n log n): sort the
 * candidates by group, latency, energy, then sweep each group keeping the lowest energy seen at
 * a strictly lower latency. A point is on the front when no other point is at least as good on
 * both and better on one; equal points are all on the front.
 *
 * @param candidates Indices of the points to consider (e.g. the feasible configurations).
 * @param latency Latency per index.
 * @param energy Energy per index.
 * @param group Group number per index.
 * @returns The candidates on their group's front, ordered by group, latency, energy, index.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { paretoFront } from "./pareto_front.ts";
 * const front = paretoFront([0, 1, 2], [1, 2, 3], [3, 1, 2], new Int32Array(3));
 * assert(front.join() === "0,1");
 * ```
 */
export function paretoFront(
  candidates: ArrayLike<number>,
  latency: ArrayLike<number>,
  energy: ArrayLike<number>,
  group: ArrayLike<number>,
): number[] {
  const order = Array.from(candidates);
  order.sort((a, b) =>
    group[a]! - group[b]! || latency[a]! - latency[b]! || energy[a]! - energy[b]! || a - b
  );
  const front: number[] = [];
  let k = 0;
  while (k < order.length) {
    const g = group[order[k]!]!;
    let best = Infinity; // lowest energy at a strictly lower latency, in this group
    while (k < order.length && group[order[k]!] === g) {
      // The points sharing this latency: only those with the tie's lowest energy can be on it.
      const lat = latency[order[k]!]!;
      const tieEnergy = energy[order[k]!]!;
      while (k < order.length && group[order[k]!] === g && latency[order[k]!] === lat) {
        const i = order[k]!;
        if (energy[i] === tieEnergy && tieEnergy < best) front.push(i);
        k++;
      }
      if (tieEnergy < best) best = tieEnergy;
    }
  }
  return front;
}
