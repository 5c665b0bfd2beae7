import { paretoLabels } from "./_pareto_labels.ts";
import { type Candidate, placementOf } from "./_placement.ts";
import { exactSearch } from "./exact.ts";
import { GOAL_PRESETS, type Weights } from "./goals.ts";
import type { Problem } from "./problem.ts";
import type { RankedPlacement } from "./solve.ts";

/** Options of {@linkcode paretoFront}. */
export interface ParetoFrontOptions {
  /**
   * Weights that score each placement of the front (they do not change the front).
   * @default GOAL_PRESETS.balanced
   */
  weights?: Weights;
  /**
   * `"epsilon"`: one exact search per front point; `"labels"`: label setting with dominance.
   * Both are exact; the first is much faster on long chains with tight memory.
   * @default "epsilon"
   */
  method?: "epsilon" | "labels";
  /** Labels method only: give up (unproven) past this many kept labels. @default 2_000_000 */
  labelLimit?: number;
  /** Give up (unproven) at this `performance.now()` time. @default Infinity */
  deadline?: number;
}

/** The answer of {@linkcode paretoFront}. */
export interface ParetoFrontResult {
  /** The front, by increasing latency (so decreasing energy). */
  points: RankedPlacement[];
  /** Whether the front is proven; otherwise `points` are feasible, maybe not all nor all on it. */
  complete: boolean;
  /** Work done: exact-search nodes (epsilon) or kept partial placements (labels). */
  labels: number;
}

/**
 * The exact latency/energy Pareto front of a problem: every feasible placement (memory budgets,
 * caps and links respected) that no other feasible placement beats on both total latency and
 * total energy. Placements with equal totals count once, by the project's total order (fewest
 * switches, then option indices stage by stage).
 *
 * The default `"epsilon"` method walks the front from its low-energy end: it finds the least
 * energy under a latency cap (ties: least latency, fewest switches, option order) with the exact
 * search, records that point, lowers the cap to just below its latency (the next double down),
 * and repeats until nothing is feasible. Every search is exact, so every point is on the front
 * and none is missed. The `"labels"` method sets labels over stage x device with dominance
 * pruning (see the module `_pareto_labels.ts`).
 *
 * @param problem The compiled problem.
 * @param options Method, scoring weights and limits.
 * @returns The front and whether it is proven complete.
 * @throws {RangeError} When `method` is unknown.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compileProblem, generateScenario, paretoFront } from "./mod.ts";
 * const { points, complete } = paretoFront(compileProblem(generateScenario(8, 3, { seed: 5 })));
 * for (let j = 1; j < points.length; j++) {
 *   assert(points[j]!.latency > points[j - 1]!.latency);
 *   assert(points[j]!.energy < points[j - 1]!.energy);
 * }
 * assert(complete && points.length > 0);
 * ```
 */
export function paretoFront(problem: Problem, options: ParetoFrontOptions = {}): ParetoFrontResult {
  const {
    weights = GOAL_PRESETS.balanced,
    method = "epsilon",
    labelLimit = 2_000_000,
    deadline = Infinity,
  } = options;
  if (method === "labels") return paretoLabels(problem, { weights, labelLimit, deadline });
  if (method !== "epsilon") {
    throw new RangeError(
      `Cannot compute the Pareto front as 'method' must be "epsilon" or "labels": current value is "${method}"`,
    );
  }
  // Score = energy exactly (norms of 1), so ties fall to latency, switches and option order.
  const energyFirst = { latency: 0, energy: 1, switches: 0 };
  const found: Candidate[] = [];
  let cap = problem.latencyCap;
  let nodes = 0;
  let complete = true;
  for (;;) {
    const capped: Problem = { ...problem, latencyCap: cap, latencyNorm: 1, energyNorm: 1 };
    const outcome = exactSearch(capped, energyFirst, { topK: 1, deadline });
    nodes += outcome.nodes;
    if (outcome.top.size > 0) {
      found.push({
        path: outcome.top.path(0),
        latency: outcome.top.latency[0]!,
        energy: outcome.top.energy[0]!,
        switches: outcome.top.switches[0]!,
      });
    }
    if (!outcome.complete) {
      complete = false;
      break;
    }
    if (outcome.top.size === 0) break;
    cap = nextDown(outcome.top.latency[0]!);
  }
  found.reverse();
  return {
    points: found.map((c) => placementOf(problem, weights, c)),
    complete,
    labels: nodes,
  };
}

const bits = new Float64Array(1);
const ints = new BigInt64Array(bits.buffer);

/** The largest double below `x` (for a finite `x`). */
function nextDown(x: number): number {
  if (x === 0) return -Number.MIN_VALUE;
  bits[0] = x;
  ints[0] = x > 0 ? ints[0]! - 1n : ints[0]! + 1n;
  return bits[0]!;
}
