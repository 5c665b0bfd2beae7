import { float64Arrays } from "./_float64_arrays.ts";
import type { Problem } from "./problem.ts";

/** Additive costs of a linear objective over placements: one per option, one per transfer. */
export interface LinearCosts {
  /** Cost of each option (stage on device). */
  readonly node: Float64Array;
  /** Cost of each transfer slot `(i * m + a) * m + b`; `Infinity` where impossible. */
  readonly xfer: Float64Array;
}

/** Coefficients of a linear objective: per ms, per mJ, per switch, per MB on each device. */
export interface LinearWeights {
  perMs: number;
  perMj: number;
  perSwitch: number;
  /** Per MB placed on each device (Lagrange multipliers of memory budgets); optional. */
  perMb?: Float64Array;
}

/**
 * Builds per-option and per-transfer costs of a linear objective. Options that cannot fit their
 * device's memory budget even alone, and transfers without a link, cost `Infinity`.
 *
 * @param problem The compiled problem.
 * @param weights The objective's coefficients.
 * @returns The costs.
 */
export function linearCosts(problem: Problem, weights: LinearWeights): LinearCosts {
  const { n, m, optDevice, optLatency, optEnergy, optMemory, xferOk, xferLatency, xferEnergy } =
    problem;
  const { perMs, perMj, perSwitch, perMb } = weights;
  const [node, xfer] = float64Arrays(optDevice.length, n * m * m) as [Float64Array, Float64Array];
  for (let o = 0; o < node.length; o++) {
    if (optMemory[o]! > problem.memoryBudget[optDevice[o]!]!) {
      node[o] = Infinity; // can never fit on its device, whatever else is placed there
      continue;
    }
    node[o] = perMs * optLatency[o]! + perMj * optEnergy[o]! +
      (perMb ? perMb[optDevice[o]!]! * optMemory[o]! : 0);
  }
  for (let at = m * m; at < xfer.length; at++) {
    const a = Math.floor(at / m) % m;
    const b = at % m;
    xfer[at] = xferOk[at]
      ? perMs * xferLatency[at]! + perMj * xferEnergy[at]! + (a === b ? 0 : perSwitch)
      : Infinity;
  }
  return { node, xfer };
}

/**
 * Backward dynamic program over stage x device: `h[i * m + d]` is the least cost of stages
 * `i + 1 .. n - 1` (their options and the transfers into them) given stage `i` runs on `d`,
 * ignoring memory budgets and caps. It is an admissible bound for any search that respects them.
 *
 * @param problem The compiled problem.
 * @param costs Linear costs of options and transfers.
 * @returns The cost-to-go table (`Infinity` where no completion exists).
 */
export function costToGo(problem: Problem, costs: LinearCosts): Float64Array {
  const { n, m, optStart, optDevice } = problem;
  const h = new Float64Array(n * m);
  for (let i = n - 2; i >= 0; i--) {
    const next = i + 1;
    for (let d = 0; d < m; d++) {
      let best = Infinity;
      for (let o = optStart[next]!; o < optStart[next + 1]!; o++) {
        const e = optDevice[o]!;
        const v = costs.xfer[(next * m + d) * m + e]! + costs.node[o]! + h[next * m + e]!;
        if (v < best) best = v;
      }
      h[i * m + d] = best;
    }
  }
  return h;
}

/**
 * The least-cost placement of the relaxation (memory and caps ignored), read forward from a
 * {@linkcode costToGo} table.
 *
 * @returns The option index per stage and its cost, or `undefined` when none exists.
 */
export function relaxedOptimum(
  problem: Problem,
  costs: LinearCosts,
  h: Float64Array,
): { path: Int32Array; cost: number } | undefined {
  const { n, m, optStart, optDevice } = problem;
  const path = new Int32Array(n);
  let prev = -1;
  let total = 0;
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    let arg = -1;
    for (let o = optStart[i]!; o < optStart[i + 1]!; o++) {
      const d = optDevice[o]!;
      const x = i === 0 ? 0 : costs.xfer[(i * m + prev) * m + d]!;
      const v = x + costs.node[o]! + h[i * m + d]!;
      if (v < best) {
        best = v;
        arg = o;
      }
    }
    if (arg < 0 || best === Infinity) return undefined;
    const d = optDevice[arg]!;
    total += (i === 0 ? 0 : costs.xfer[(i * m + prev) * m + d]!) + costs.node[arg]!;
    path[i] = arg;
    prev = d;
  }
  return { path, cost: total };
}

/**
 * The least value of the relaxation over the whole pipeline: min over first options of
 * `node + h`. `Infinity` when no placement connects all stages.
 */
export function rootBound(problem: Problem, costs: LinearCosts, h: Float64Array): number {
  let best = Infinity;
  for (let o = problem.optStart[0]!; o < problem.optStart[1]!; o++) {
    const v = costs.node[o]! + h[problem.optDevice[o]!]!;
    if (v < best) best = v;
  }
  return best;
}
