import type { Weights } from "./goals.ts";
import type { Problem } from "./problem.ts";

/**
 * The score of totals, computed exactly as the original tool did so that values match to the
 * last bit: `w.latency * (L / L0) + w.energy * (E / E0) + w.switches * S`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scoreOf } from "./score.ts";
 * const p = { latencyNorm: 24.6, energyNorm: 28.9 };
 * const w = { latency: 0.75, energy: 0.75, switches: 0.08 };
 * assert(Math.abs(scoreOf(p, w, [27.97, 32.18, 2]) - 1.847865) < 1e-6);
 * ```
 */
export function scoreOf(
  problem: Pick<Problem, "latencyNorm" | "energyNorm">,
  weights: Weights,
  [latency, energy, switches]: readonly [number, number, number],
): number {
  return weights.latency * (latency / problem.latencyNorm) +
    weights.energy * (energy / problem.energyNorm) + weights.switches * switches;
}
