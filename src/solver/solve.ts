import { beamSearch } from "./beam.ts";
import { diagnoseInfeasible } from "./diagnose.ts";
import { exactSearch } from "./exact.ts";
import type { Weights } from "./goals.ts";
import { lagrangianBound } from "./lagrangian.ts";
import type { Problem } from "./problem.ts";
import type { TopK } from "./top_k.ts";

/** How to search. `auto` proves the optimum whenever it can and falls back to beam otherwise. */
export type Strategy = "auto" | "exact" | "beam";

/** Options of {@linkcode solve}. */
export interface SolveOptions {
  /** Placements to return, best first. @default 3 */
  topK?: number;
  /** @default "auto" */
  strategy?: Strategy;
  /** Width of the beam search. @default 128 */
  beamWidth?: number;
  /**
   * Search nodes the exact search may visit before `auto` falls back to beam and `exact` returns
   * its best so far, unproven. @default 20_000_000
   */
  nodeLimit?: number;
  /** Wall-clock limit for the exact search, in ms. @default Infinity */
  timeLimitMs?: number;
}

/** One ranked placement with its totals. */
export interface RankedPlacement {
  /** Option index per stage (see `Problem`). */
  path: number[];
  /** Device name per stage. */
  devices: string[];
  score: number;
  latency: number;
  energy: number;
  switches: number;
  /** Memory used per device, in device order. */
  memory: number[];
}

/** The answer of {@linkcode solve}. */
export interface SolveResult {
  status: "ok" | "infeasible";
  /** The strategy that produced the placements. */
  strategy: "exact" | "beam";
  /** Whether the placements are proven to be the k best. */
  optimal: boolean;
  /** A lower bound on the best feasible score, from a relaxation (never from a heuristic). */
  lowerBound: number;
  /** `(best - lowerBound) / best` when not proven optimal; 0 when proven; null if no plan. */
  gap: number | null;
  /** Search nodes the exact search visited. */
  nodes: number;
  plans: RankedPlacement[];
  /** Why no placement exists, when `status` is `infeasible`. */
  reason?: string;
}

/**
 * Finds the best placements of a compiled problem under given score weights.
 *
 * @param problem The compiled problem (see `compileProblem`).
 * @param weights Score weights (see `GOAL_PRESETS`).
 * @param options Strategy, top-k and limits.
 * @returns Ranked placements with their proof status.
 * @throws {RangeError} When `topK` or `beamWidth` is not a positive integer.
 *
 * @example Solving the original tool's sample for the balanced goal
 * ```ts
 * import assert from "node:assert/strict";
 * import { compileProblem, GOAL_PRESETS, solve } from "./mod.ts";
 * import { parseScenario } from "../scenario/mod.ts";
 * const text = Deno.readTextFileSync("scenarios/mobile_vision_pipeline.json");
 * const problem = compileProblem(parseScenario(JSON.parse(text), "sample"));
 * const result = solve(problem, GOAL_PRESETS.balanced, { topK: 3 });
 * assert(result.optimal && result.plans[0]!.devices.join(" ") === "gpu gpu npu npu npu npu gpu");
 * ```
 */
export function solve(problem: Problem, weights: Weights, options: SolveOptions = {}): SolveResult {
  const {
    topK = 3,
    strategy = "auto",
    beamWidth = 128,
    nodeLimit = 20_000_000,
    timeLimitMs = Infinity,
  } = options;
  if (!Number.isInteger(topK) || topK < 1) {
    throw new RangeError(
      `Cannot solve scenario "${problem.scenario.name}" as 'top_k' must be a positive integer: current value is ${topK}`,
    );
  }
  if (!Number.isInteger(beamWidth) || beamWidth < 1) {
    throw new RangeError(
      `Cannot solve scenario "${problem.scenario.name}" as 'beam_width' must be a positive integer: current value is ${beamWidth}`,
    );
  }
  if (strategy === "beam") {
    const top = beamSearch(problem, weights, { topK, beamWidth });
    const best = top.size > 0 ? top.score[0]! : undefined;
    const bound = lagrangianBound(problem, weights, best === undefined ? {} : { upperBound: best })
      .bound;
    return finish(problem, top, { strategy: "beam", optimal: false, bound, nodes: 0 });
  }
  const deadline = timeLimitMs === Infinity ? Infinity : performance.now() + timeLimitMs;
  const exact = exactSearch(problem, weights, { topK, nodeLimit, deadline });
  if (exact.complete || strategy === "exact") {
    return finish(problem, exact.top, {
      strategy: "exact",
      optimal: exact.complete,
      bound: exact.lowerBound,
      nodes: exact.nodes,
    });
  }
  const beam = beamSearch(problem, weights, { topK, beamWidth });
  for (let j = 0; j < exact.top.size; j++) {
    beam.offer(
      exact.top.score[j]!,
      exact.top.latency[j]!,
      exact.top.energy[j]!,
      exact.top.switches[j]!,
      exact.top.path(j),
    );
  }
  return finish(problem, beam, {
    strategy: "beam",
    optimal: false,
    bound: exact.lowerBound,
    nodes: exact.nodes,
  });
}

/** Effort of the diagnosis when the search was stopped (it must not outlast the time limit). */
const DIAGNOSE_NODES = 10_000;

function finish(
  problem: Problem,
  top: TopK,
  info: { strategy: "exact" | "beam"; optimal: boolean; bound: number; nodes: number },
): SolveResult {
  const { n, m, optDevice, optMemory, deviceNames } = problem;
  const plans: RankedPlacement[] = [];
  for (let j = 0; j < top.size; j++) {
    const path = top.path(j);
    const devices = new Array<string>(n);
    const memory = new Array<number>(m).fill(0);
    for (let i = 0; i < n; i++) {
      const d = optDevice[path[i]!]!;
      devices[i] = deviceNames[d]!;
      memory[d] = memory[d]! + optMemory[path[i]!]!; // summed in stage order, as evaluatePath does
    }
    plans.push({
      path,
      devices,
      score: top.score[j]!,
      latency: top.latency[j]!,
      energy: top.energy[j]!,
      switches: top.switches[j]!,
      memory,
    });
  }
  const best = plans[0]?.score;
  const provenEmpty = plans.length === 0 && info.optimal;
  const lowerBound = info.optimal && best !== undefined ? best : info.bound;
  const result: SolveResult = {
    status: plans.length > 0 ? "ok" : "infeasible",
    strategy: info.strategy,
    optimal: info.optimal,
    lowerBound,
    gap: best === undefined
      ? null
      : info.optimal
      ? 0
      : Math.max(0, (best - lowerBound) / Math.max(Math.abs(best), 1e-12)),
    nodes: info.nodes,
    plans,
  };
  if (plans.length === 0) {
    result.reason = provenEmpty
      ? diagnoseInfeasible(problem)
      : `no feasible placement found, and the search was stopped before it could prove none exists (${
        diagnoseInfeasible(problem, { nodeLimit: DIAGNOSE_NODES })
      })`;
  }
  return result;
}
