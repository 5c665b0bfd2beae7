import { type LinearCosts, linearCosts } from "./bounds.ts";
import type { Weights } from "./goals.ts";
import type { LagrangianMultipliers } from "./lagrangian.ts";
import type { Problem } from "./problem.ts";

/**
 * A Lagrangian bound that keeps one device's memory budget exact instead of pricing it: the
 * other limits are priced by their multipliers as in the Lagrangian relaxation, and a dynamic
 * program over stage x device x remaining memory of `device` (in `buckets` units, each option's
 * memory rounded down, so the program relaxes the budget and stays admissible) gives the least
 * modified cost of the remaining stages. `h[((i * m) + d) * (buckets + 1) + r]` is that cost
 * after stage `i` runs on `d` with `r` units left.
 */
export interface MemoryBound {
  readonly device: number;
  readonly buckets: number;
  /** MB per unit. */
  readonly unit: number;
  /** Modified costs (without the device's memory term). */
  readonly costs: LinearCosts;
  /** Subtract from a modified path cost for a lower bound on the score. */
  readonly constant: number;
  /** Units each option takes on `device` (0 elsewhere). */
  readonly weight: Int32Array;
  readonly h: Float64Array;
}

/**
 * Builds the bound for the device whose memory multiplier is largest, or undefined when no
 * memory budget is priced.
 */
export function memoryBound(
  problem: Problem,
  weights: Weights,
  multipliers: LagrangianMultipliers,
  buckets = 256,
): MemoryBound | undefined {
  const { n, m, optStart, optDevice, optMemory, memoryBudget, latencyCap, energyCap } = problem;
  let device = -1;
  for (let d = 0; d < m; d++) {
    if (multipliers.nu[d]! > 0 && (device < 0 || multipliers.nu[d]! > multipliers.nu[device]!)) {
      device = d;
    }
  }
  if (device < 0 || !(memoryBudget[device]! > 0) || !Number.isFinite(memoryBudget[device]!)) {
    return undefined;
  }
  const latencyActive = Number.isFinite(latencyCap) && latencyCap > 0;
  const energyActive = Number.isFinite(energyCap) && energyCap > 0;
  const perMb = new Float64Array(m);
  let constant = (latencyActive ? multipliers.lambda : 0) + (energyActive ? multipliers.mu : 0);
  for (let d = 0; d < m; d++) {
    if (d === device || !(multipliers.nu[d]! > 0)) continue;
    perMb[d] = multipliers.nu[d]! / memoryBudget[d]!;
    constant += multipliers.nu[d]!;
  }
  const costs = linearCosts(problem, {
    perMs: weights.latency / problem.latencyNorm +
      (latencyActive ? multipliers.lambda / latencyCap : 0),
    perMj: weights.energy / problem.energyNorm + (energyActive ? multipliers.mu / energyCap : 0),
    perSwitch: weights.switches,
    perMb,
  });
  const unit = memoryBudget[device]! / buckets;
  const weight = new Int32Array(optDevice.length);
  for (let o = 0; o < weight.length; o++) {
    // Rounded down, with a margin against division rounding up: the program must only relax.
    if (optDevice[o] === device) weight[o] = Math.max(0, Math.floor(optMemory[o]! / unit - 1e-6));
  }
  const width = buckets + 1;
  const h = new Float64Array(n * m * width);
  for (let i = n - 2; i >= 0; i--) {
    const next = i + 1;
    for (let d = 0; d < m; d++) {
      const row = (i * m + d) * width;
      for (let r = 0; r <= buckets; r++) {
        let best = Infinity;
        for (let o = optStart[next]!; o < optStart[next + 1]!; o++) {
          const w = weight[o]!;
          if (w > r) continue;
          const e = optDevice[o]!;
          const v = costs.xfer[(next * m + d) * m + e]! + costs.node[o]! +
            h[(next * m + e) * width + r - w]!;
          if (v < best) best = v;
        }
        h[row + r] = best;
      }
    }
  }
  return { device, buckets, unit, costs, constant, weight, h };
}
