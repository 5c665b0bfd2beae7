import type { Weights } from "./goals.ts";
import type { Problem } from "./problem.ts";
import { scoreOf } from "./score.ts";

/** Totals of one complete placement. */
export interface Evaluation {
  /** Whether every memory budget, cap and needed link is respected. */
  feasible: boolean;
  latency: number;
  energy: number;
  switches: number;
  score: number;
  /** Memory used per device, in device order. */
  memory: Float64Array;
}

/**
 * Evaluates a placement given as one option index per stage, summing in stage order exactly as
 * the search does, so that equal placements get bit-identical totals everywhere.
 *
 * @param problem The compiled problem.
 * @param weights Score weights.
 * @param path Option index per stage (global option indices, see {@linkcode Problem}).
 * @returns The totals and whether the placement is feasible.
 */
export function evaluatePath(
  problem: Problem,
  weights: Weights,
  path: ArrayLike<number>,
): Evaluation {
  const { n, m, optDevice, optLatency, optEnergy, optMemory, xferOk, xferLatency, xferEnergy } =
    problem;
  const memory = new Float64Array(m);
  let latency = 0;
  let energy = 0;
  let switches = 0;
  let feasible = true;
  let prev = -1;
  for (let i = 0; i < n; i++) {
    const o = path[i]!;
    const d = optDevice[o]!;
    if (i > 0) {
      const at = (i * m + prev) * m + d;
      if (!xferOk[at]) feasible = false;
      latency = latency + xferLatency[at]! + optLatency[o]!;
      energy = energy + xferEnergy[at]! + optEnergy[o]!;
      if (d !== prev) switches++;
    } else {
      latency = latency + 0 + optLatency[o]!;
      energy = energy + 0 + optEnergy[o]!;
    }
    memory[d] = memory[d]! + optMemory[o]!;
    if (memory[d]! > problem.memoryBudget[d]!) feasible = false;
    prev = d;
  }
  if (latency > problem.latencyCap || energy > problem.energyCap) feasible = false;
  return {
    feasible,
    latency,
    energy,
    switches,
    score: scoreOf(problem, weights, [latency, energy, switches]),
    memory,
  };
}
