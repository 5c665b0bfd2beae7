import { costToGo, type LinearCosts, linearCosts, rootBound } from "./bounds.ts";
import type { Weights } from "./goals.ts";
import type { Problem } from "./problem.ts";

/** Multipliers of the relaxed constraints, in relative units (see {@linkcode lagrangianBound}). */
export interface LagrangianMultipliers {
  /** Of the latency cap. */
  lambda: number;
  /** Of the energy cap. */
  mu: number;
  /** Of each device's memory budget. */
  nu: Float64Array;
}

/** A Lagrangian relaxation of the caps and memory budgets, ready to bound a search. */
export interface LagrangianBound {
  /** Modified option and transfer costs (score costs plus multiplier terms). */
  costs: LinearCosts;
  /** Cost-to-go of the modified costs. */
  h: Float64Array;
  /** What to subtract from a modified path cost to get a lower bound on its score. */
  constant: number;
  /** The best dual value found: a lower bound on the score of every feasible placement. */
  bound: number;
  /** Subgradient iterations run. */
  iterations: number;
  /** The multipliers of `bound` (to warm-start another tuning). */
  multipliers: LagrangianMultipliers;
}

/** Options of {@linkcode lagrangianBound}. */
export interface LagrangianOptions {
  /** A known score of a feasible placement (or the k-th best), to size the steps. @default undefined */
  upperBound?: number;
  /** Subgradient iterations. @default 120 */
  iterations?: number;
  /** Multipliers to start from. @default all zero */
  start?: LagrangianMultipliers;
}

/**
 * Relaxes the latency cap, the energy cap and every memory budget that can bind into the
 * objective with non-negative multipliers, and tunes the multipliers by projected subgradient
 * ascent (Polyak steps) on the dual. For any multipliers, `modified path cost - constant` is at
 * most the score of every feasible completion, so the bound is admissible; tuning only makes it
 * tighter. Constraints are scaled to relative units (`L / cap - 1`) so one step size fits all.
 * The iterations reuse their buffers; only the final relaxation is allocated.
 *
 * @param problem The compiled problem.
 * @param weights Score weights.
 * @param options Step sizing, iteration count and a warm start.
 * @returns The tuned relaxation.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bruteForce, compileProblem, generateScenario, GOAL_PRESETS, lagrangianBound } from "./mod.ts";
 * const problem = compileProblem(generateScenario(8, 3, { seed: 4 }));
 * const { bound } = lagrangianBound(problem, GOAL_PRESETS.balanced);
 * assert(bound <= bruteForce(problem, GOAL_PRESETS.balanced, 1).score[0]! + 1e-9);
 * ```
 */
export function lagrangianBound(
  problem: Problem,
  weights: Weights,
  options: LagrangianOptions = {},
): LagrangianBound {
  const { upperBound, iterations = 120, start } = options;
  const { m, n, optStart, optDevice, optLatency, optEnergy, optMemory, memoryBudget } = problem;
  const { xferOk, xferLatency, xferEnergy, latencyCap, energyCap } = problem;
  const baseMs = weights.latency / problem.latencyNorm;
  const baseMj = weights.energy / problem.energyNorm;

  // Which memory budgets can bind: the device's largest possible load exceeds its budget.
  const load = new Float64Array(m);
  const most = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    most.fill(0);
    for (let o = optStart[i]!; o < optStart[i + 1]!; o++) {
      const d = optDevice[o]!;
      if (optMemory[o]! <= memoryBudget[d]!) most[d] = Math.max(most[d]!, optMemory[o]!);
    }
    for (let d = 0; d < m; d++) load[d] = load[d]! + most[d]!;
  }
  const memoryActive = Array.from(load, (l, d) => l > memoryBudget[d]! && memoryBudget[d]! > 0);
  const latencyActive = Number.isFinite(latencyCap) && latencyCap > 0;
  const energyActive = Number.isFinite(energyCap) && energyCap > 0;

  const mult: LagrangianMultipliers = {
    lambda: latencyActive ? start?.lambda ?? 0 : 0,
    mu: energyActive ? start?.mu ?? 0 : 0,
    nu: Float64Array.from({ length: m }, (_, d) => memoryActive[d] ? start?.nu[d] ?? 0 : 0),
  };
  const node = new Float64Array(optDevice.length);
  const xfer = new Float64Array(n * m * m);
  const h = new Float64Array(n * m);
  const perMb = new Float64Array(m);
  const memory = new Float64Array(m);
  const costs = { node, xfer };

  // Fills node, xfer and h for the multipliers; returns the dual value.
  const build = (): number => {
    const perMs = baseMs + (latencyActive ? mult.lambda / latencyCap : 0);
    const perMj = baseMj + (energyActive ? mult.mu / energyCap : 0);
    let constant = mult.lambda + mult.mu;
    for (let d = 0; d < m; d++) {
      perMb[d] = memoryActive[d] ? mult.nu[d]! / memoryBudget[d]! : 0;
      if (memoryActive[d]) constant += mult.nu[d]!;
    }
    for (let o = 0; o < node.length; o++) {
      const d = optDevice[o]!;
      node[o] = optMemory[o]! > memoryBudget[d]!
        ? Infinity
        : perMs * optLatency[o]! + perMj * optEnergy[o]! + perMb[d]! * optMemory[o]!;
    }
    for (let i = 1; i < n; i++) {
      for (let a = 0; a < m; a++) {
        for (let b = 0; b < m; b++) {
          const at = (i * m + a) * m + b;
          xfer[at] = xferOk[at]
            ? perMs * xferLatency[at]! + perMj * xferEnergy[at]! + (a === b ? 0 : weights.switches)
            : Infinity;
        }
      }
    }
    for (let d = 0; d < m; d++) h[(n - 1) * m + d] = 0;
    for (let i = n - 2; i >= 0; i--) {
      const next = i + 1;
      for (let d = 0; d < m; d++) {
        let best = Infinity;
        for (let o = optStart[next]!; o < optStart[next + 1]!; o++) {
          const e = optDevice[o]!;
          const v = xfer[(next * m + d) * m + e]! + node[o]! + h[next * m + e]!;
          if (v < best) best = v;
        }
        h[i * m + d] = best;
      }
    }
    return rootBound(problem, costs, h) - constant;
  };

  // Totals of the relaxed optimum read forward from h; false when none exists.
  const totals = { latency: 0, energy: 0 };
  const relaxedTotals = (): boolean => {
    memory.fill(0);
    let latency = 0;
    let energy = 0;
    let prev = -1;
    for (let i = 0; i < n; i++) {
      let best = Infinity;
      let arg = -1;
      for (let o = optStart[i]!; o < optStart[i + 1]!; o++) {
        const d = optDevice[o]!;
        const v = (i === 0 ? 0 : xfer[(i * m + prev) * m + d]!) + node[o]! + h[i * m + d]!;
        if (v < best) {
          best = v;
          arg = o;
        }
      }
      if (arg < 0 || best === Infinity) return false;
      const d = optDevice[arg]!;
      if (i > 0) {
        const at = (i * m + prev) * m + d;
        latency += xferLatency[at]!;
        energy += xferEnergy[at]!;
      }
      latency += optLatency[arg]!;
      energy += optEnergy[arg]!;
      memory[d] = memory[d]! + optMemory[arg]!;
      prev = d;
    }
    totals.latency = latency;
    totals.energy = energy;
    return true;
  };

  let value = build();
  let bestValue = value;
  const best = { lambda: mult.lambda, mu: mult.mu, nu: mult.nu.slice() };
  const anyActive = latencyActive || energyActive || memoryActive.some(Boolean);
  const pM = new Float64Array(m);
  let theta = 2;
  let stale = 0;
  let run = 0;
  for (; anyActive && run < iterations && Number.isFinite(value); run++) {
    if (!relaxedTotals()) break;
    const gL = latencyActive ? totals.latency / latencyCap - 1 : 0;
    const gE = energyActive ? totals.energy / energyCap - 1 : 0;
    // Projected subgradient: components that would push a zero multiplier negative are dropped.
    const pL = mult.lambda > 0 || gL > 0 ? gL : 0;
    const pE = mult.mu > 0 || gE > 0 ? gE : 0;
    let norm = pL * pL + pE * pE;
    for (let d = 0; d < m; d++) {
      const g = memoryActive[d] ? memory[d]! / memoryBudget[d]! - 1 : 0;
      pM[d] = mult.nu[d]! > 0 || g > 0 ? g : 0;
      norm += pM[d]! * pM[d]!;
    }
    if (norm < 1e-18) break; // the relaxed optimum is feasible and complementary: bound is tight
    const target = upperBound !== undefined && upperBound > bestValue
      ? upperBound
      : bestValue + Math.max(0.05 * Math.abs(bestValue), 1e-3);
    const step = (theta * (target - value)) / norm;
    mult.lambda = Math.max(0, mult.lambda + step * pL);
    mult.mu = Math.max(0, mult.mu + step * pE);
    for (let d = 0; d < m; d++) mult.nu[d] = Math.max(0, mult.nu[d]! + step * pM[d]!);
    value = build();
    if (value > bestValue + 1e-12) {
      bestValue = value;
      best.lambda = mult.lambda;
      best.mu = mult.mu;
      best.nu.set(mult.nu);
      stale = 0;
    } else if (++stale >= 6) {
      theta /= 2;
      stale = 0;
      if (theta < 1e-4) break;
    }
  }
  // The final relaxation, rebuilt from the best multipliers with the shared helpers.
  let constant = best.lambda + best.mu;
  const finalPerMb = new Float64Array(m);
  for (let d = 0; d < m; d++) {
    if (!memoryActive[d]) continue;
    finalPerMb[d] = best.nu[d]! / memoryBudget[d]!;
    constant += best.nu[d]!;
  }
  const finalCosts = linearCosts(problem, {
    perMs: baseMs + (latencyActive ? best.lambda / latencyCap : 0),
    perMj: baseMj + (energyActive ? best.mu / energyCap : 0),
    perSwitch: weights.switches,
    perMb: finalPerMb,
  });
  const finalH = costToGo(problem, finalCosts);
  return {
    costs: finalCosts,
    h: finalH,
    constant,
    bound: rootBound(problem, finalCosts, finalH) - constant,
    iterations: run,
    multipliers: best,
  };
}
