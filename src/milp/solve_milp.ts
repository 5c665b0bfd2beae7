import * as highsModule from "highs";
import type { Highs } from "highs";
import { diagnoseInfeasible } from "../solver/diagnose.ts";
import { evaluatePath } from "../solver/evaluate.ts";
import type { Weights } from "../solver/goals.ts";
import type { Problem } from "../solver/problem.ts";
import type { RankedPlacement, SolveResult } from "../solver/solve.ts";
import { TopK } from "../solver/top_k.ts";
import { milpModel } from "./milp_model.ts";

/** The answer of {@linkcode solveMilp}: a `SolveResult` whose strategy is `milp`. */
export type MilpResult = Omit<SolveResult, "strategy"> & { strategy: "milp" };

/** Options of {@linkcode solveMilp}. */
export interface MilpOptions {
  /** Placements to return, best first (each after the first excludes the ones before). @default 3 */
  topK?: number;
  /** Wall-clock limit for all HiGHS runs together, in ms. @default Infinity */
  timeLimitMs?: number;
}

// The package is CommonJS with ES-style typings: its loader is the namespace's default export.
const loadHighs = (highsModule as unknown as { default: () => Promise<Highs> }).default;
let highsPromise: Promise<Highs> | undefined;

/** Loads the HiGHS WebAssembly module once per process. */
function highs(): Promise<Highs> {
  highsPromise ??= loadHighs();
  return highsPromise;
}

/**
 * Solves a compiled problem with the HiGHS MILP solver (WebAssembly, loaded on first use): an
 * independent cross-check of the exact search, with the same answer shape. The model is
 * {@linkcode milpModel}; gaps are set to zero so "optimal" means optimal to HiGHS's
 * tolerances. For top-k, each further run adds a cut that excludes the placements found so far.
 * Totals are recomputed with `evaluatePath`, so they are bit-identical to the other strategies;
 * among placements of equal score HiGHS may pick a different one than the exact search.
 *
 * @param problem The compiled problem.
 * @param weights Score weights.
 * @param options Top-k and time limit.
 * @returns The placements, `strategy: "milp"`, proof status and HiGHS's dual bound.
 * @throws {RangeError} When `topK` is not a positive integer or `timeLimitMs` is negative.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compileProblem, generateScenario, GOAL_PRESETS, solve } from "../solver/mod.ts";
 * import { solveMilp } from "./solve_milp.ts";
 * const problem = compileProblem(generateScenario(12, 3, { seed: 3 }));
 * const milp = await solveMilp(problem, GOAL_PRESETS.balanced, { topK: 1 });
 * const exact = solve(problem, GOAL_PRESETS.balanced, { topK: 1 });
 * assert.ok(milp.optimal && Math.abs(milp.plans[0]!.score - exact.plans[0]!.score) < 1e-6);
 * ```
 */
export async function solveMilp(
  problem: Problem,
  weights: Weights,
  options: MilpOptions = {},
): Promise<MilpResult> {
  const { topK = 3, timeLimitMs = Infinity } = options;
  if (!Number.isInteger(topK) || topK < 1) {
    throw new RangeError(
      `Cannot solve scenario "${problem.scenario.name}" with HiGHS as 'top_k' must be a positive integer: current value is ${topK}`,
    );
  }
  if (!(timeLimitMs >= 0)) {
    throw new RangeError(
      `Cannot solve scenario "${problem.scenario.name}" with HiGHS as 'time_limit_ms' must be non-negative: current value is ${timeLimitMs}`,
    );
  }
  const solver = await highs();
  const { text, optionColumns } = milpModel(problem, weights);
  const deadline = performance.now() + timeLimitMs;
  const top = new TopK(topK, problem.n);
  let optimal = true;
  let lowerBound = Infinity;
  let nodes = 0;
  const model = solver.createModel({ format: "lp", data: text });
  try {
    const xIndex = optionColumns.map((name) => model.getColByName(name));
    model.options.set({ output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0 });
    for (let run = 0; run < topK; run++) {
      const left = (deadline - performance.now()) / 1000;
      if (left <= 0) {
        optimal = false;
        break;
      }
      if (Number.isFinite(left)) model.options.set({ time_limit: left });
      model.run();
      const status = model.getModelStatus();
      nodes += Number(model.info.get("mip_node_count"));
      const bound = Number(model.info.get("mip_dual_bound"));
      if (run === 0) lowerBound = Number.isFinite(bound) ? bound : -Infinity;
      if (status === solver.constants.modelStatus.infeasible) break;
      if (status !== solver.constants.modelStatus.optimal) optimal = false;
      const values = model.getSolution().colValue;
      if (status !== solver.constants.modelStatus.optimal && !hasSolution(values, xIndex)) break;
      const path = decode(problem, values, xIndex);
      const e = evaluatePath(problem, weights, path);
      if (!e.feasible) {
        // Feasible only within HiGHS's tolerances: not a placement by the project's rules.
        optimal = false;
        break;
      }
      top.offer(e.score, e.latency, e.energy, e.switches, path);
      if (status !== solver.constants.modelStatus.optimal) break;
      // Exclude this placement: at most n - 1 of its options may be chosen again.
      const indices = Int32Array.from(path, (o) => xIndex[o]!);
      model.addRow(-solver.infinity, problem.n - 1, {
        indices,
        values: new Float64Array(problem.n).fill(1),
      });
    }
  } finally {
    model.dispose();
  }
  const plans: RankedPlacement[] = [];
  for (let j = 0; j < top.size; j++) {
    const path = top.path(j);
    const e = evaluatePath(problem, weights, path);
    plans.push({
      path,
      devices: path.map((o) => problem.deviceNames[problem.optDevice[o]!]!),
      score: top.score[j]!,
      latency: top.latency[j]!,
      energy: top.energy[j]!,
      switches: top.switches[j]!,
      memory: Array.from(e.memory),
    });
  }
  const best = plans[0]?.score;
  const bound = optimal && best !== undefined ? best : Math.min(lowerBound, best ?? Infinity);
  const result: MilpResult = {
    status: plans.length > 0 ? "ok" : "infeasible",
    strategy: "milp",
    optimal,
    lowerBound: bound,
    gap: best === undefined
      ? null
      : optimal
      ? 0
      : Math.max(0, (best - bound) / Math.max(Math.abs(best), 1e-12)),
    nodes,
    plans,
  };
  if (plans.length === 0) {
    result.reason = optimal
      ? diagnoseInfeasible(problem, { nodeLimit: 100_000 })
      : "HiGHS stopped before it found a feasible placement";
  }
  return result;
}

function hasSolution(values: Float64Array, xIndex: number[]): boolean {
  return xIndex.some((c) => values[c]! > 0.5);
}

/** The option of each stage with the largest `x` (binaries may sit a tolerance off 0 and 1). */
function decode(problem: Problem, values: Float64Array, xIndex: number[]): number[] {
  const path: number[] = [];
  for (let i = 0; i < problem.n; i++) {
    let best = problem.optStart[i]!;
    for (let o = best + 1; o < problem.optStart[i + 1]!; o++) {
      if (values[xIndex[o]!]! > values[xIndex[best]!]!) best = o;
    }
    path.push(best);
  }
  return path;
}
