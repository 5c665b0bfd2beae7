import { costToGo, type LinearCosts, linearCosts, relaxedOptimum, rootBound } from "./bounds.ts";
import { evaluatePath } from "./evaluate.ts";
import type { Weights } from "./goals.ts";
import type { Problem } from "./problem.ts";

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
}

/** Options of {@linkcode lagrangianBound}. */
export interface LagrangianOptions {
  /** A known score of a feasible placement (or the k-th best), to size the steps. @default undefined */
  upperBound?: number;
  /** Subgradient iterations. @default 120 */
  iterations?: number;
}

/**
 * Relaxes the latency cap, the energy cap and every memory budget that can bind into the
 * objective with non-negative multipliers, and tunes the multipliers by projected subgradient
 * ascent (Polyak steps) on the dual. For any multipliers, `modified path cost - constant` is at
 * most the score of every feasible completion, so the bound is admissible; tuning only makes it
 * tighter. Constraints are scaled to relative units (`L / cap - 1`) so one step size fits all.
 *
 * @param problem The compiled problem.
 * @param weights Score weights.
 * @param options Step sizing and iteration count.
 * @returns The tuned relaxation.
 */
export function lagrangianBound(
  problem: Problem,
  weights: Weights,
  options: LagrangianOptions = {},
): LagrangianBound {
  const { upperBound, iterations = 120 } = options;
  const { m, n, optStart, optDevice, optMemory, memoryBudget } = problem;
  const baseMs = weights.latency / problem.latencyNorm;
  const baseMj = weights.energy / problem.energyNorm;

  // Which memory budgets can bind: the device's largest possible load exceeds its budget.
  const load = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const most = new Float64Array(m);
    for (let o = optStart[i]!; o < optStart[i + 1]!; o++) {
      const d = optDevice[o]!;
      if (optMemory[o]! <= memoryBudget[d]!) most[d] = Math.max(most[d]!, optMemory[o]!);
    }
    for (let d = 0; d < m; d++) load[d] = load[d]! + most[d]!;
  }
  const memoryActive = Array.from(load, (l, d) => l > memoryBudget[d]! && memoryBudget[d]! > 0);
  const latencyActive = Number.isFinite(problem.latencyCap) && problem.latencyCap > 0;
  const energyActive = Number.isFinite(problem.energyCap) && problem.energyCap > 0;

  const multipliers = { lambda: 0, mu: 0, nu: new Float64Array(m) };
  const build = (mult: typeof multipliers) => {
    const perMb = new Float64Array(m);
    let constant = mult.lambda + mult.mu;
    for (let d = 0; d < m; d++) {
      if (!memoryActive[d]) continue;
      perMb[d] = mult.nu[d]! / memoryBudget[d]!;
      constant += mult.nu[d]!;
    }
    const costs = linearCosts(problem, {
      perMs: baseMs + (latencyActive ? mult.lambda / problem.latencyCap : 0),
      perMj: baseMj + (energyActive ? mult.mu / problem.energyCap : 0),
      perSwitch: weights.switches,
      perMb,
    });
    const h = costToGo(problem, costs);
    return { costs, h, constant, value: rootBound(problem, costs, h) - constant };
  };

  let current = build(multipliers);
  let best = { ...current, mult: { ...multipliers, nu: multipliers.nu.slice() } };
  const anyActive = latencyActive || energyActive || memoryActive.some(Boolean);
  let theta = 2;
  let stale = 0;
  let run = 0;
  for (; anyActive && run < iterations && Number.isFinite(current.value); run++) {
    const optimum = relaxedOptimum(problem, current.costs, current.h);
    if (!optimum) break;
    const { latency, energy, memory } = evaluatePath(problem, weights, optimum.path);
    const gL = latencyActive ? latency / problem.latencyCap - 1 : 0;
    const gE = energyActive ? energy / problem.energyCap - 1 : 0;
    const gM = Array.from(memory, (u, d) => (memoryActive[d] ? u / memoryBudget[d]! - 1 : 0));
    // Projected subgradient: components that would push a zero multiplier negative are dropped.
    const pL = multipliers.lambda > 0 || gL > 0 ? gL : 0;
    const pE = multipliers.mu > 0 || gE > 0 ? gE : 0;
    const pM = gM.map((g, d) => (multipliers.nu[d]! > 0 || g > 0 ? g : 0));
    const norm = pL * pL + pE * pE + pM.reduce((s, g) => s + g * g, 0);
    if (norm < 1e-18) break; // the relaxed optimum is feasible and complementary: bound is tight
    const target = upperBound !== undefined && upperBound > best.value
      ? upperBound
      : best.value + Math.max(0.05 * Math.abs(best.value), 1e-3);
    const step = (theta * (target - current.value)) / norm;
    multipliers.lambda = Math.max(0, multipliers.lambda + step * pL);
    multipliers.mu = Math.max(0, multipliers.mu + step * pE);
    for (let d = 0; d < m; d++) multipliers.nu[d] = Math.max(0, multipliers.nu[d]! + step * pM[d]!);
    current = build(multipliers);
    if (current.value > best.value + 1e-12) {
      best = { ...current, mult: { ...multipliers, nu: multipliers.nu.slice() } };
      stale = 0;
    } else if (++stale >= 6) {
      theta /= 2;
      stale = 0;
      if (theta < 1e-4) break;
    }
  }
  return {
    costs: best.costs,
    h: best.h,
    constant: best.constant,
    bound: best.value,
    iterations: run,
  };
}
