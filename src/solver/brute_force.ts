import { evaluatePath } from "./evaluate.ts";
import type { Weights } from "./goals.ts";
import type { Problem } from "./problem.ts";
import { TopK } from "./top_k.ts";

/**
 * Enumerates every placement and keeps the k best feasible ones: the reference that tests hold
 * the exact search to. Exponential; only for small problems.
 *
 * @param problem The compiled problem.
 * @param weights Score weights.
 * @param topK How many placements to keep.
 * @returns The k best feasible placements.
 * @throws {RangeError} When the problem has more than a million placements.
 */
export function bruteForce(problem: Problem, weights: Weights, topK: number): TopK {
  const { n, optStart } = problem;
  let count = 1;
  for (let i = 0; i < n; i++) count *= optStart[i + 1]! - optStart[i]!;
  if (count > 1_000_000) {
    throw new RangeError(
      `Cannot brute-force a problem with ${count} placements: the limit is 1000000`,
    );
  }
  const top = new TopK(topK, n);
  const path = new Int32Array(n);
  for (let i = 0; i < n; i++) path[i] = optStart[i]!;
  for (let c = 0; c < count; c++) {
    const e = evaluatePath(problem, weights, path);
    if (e.feasible) top.offer(e.score, e.latency, e.energy, e.switches, path);
    for (let i = n - 1; i >= 0; i--) {
      if (++path[i]! < optStart[i + 1]!) break;
      path[i] = optStart[i]!;
    }
  }
  return top;
}
