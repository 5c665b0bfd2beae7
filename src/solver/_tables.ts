import { costToGo, type LinearCosts, linearCosts, relaxedOptimum, rootBound } from "./bounds.ts";
import { evaluatePath } from "./evaluate.ts";
import type { Weights } from "./goals.ts";
import type { Problem } from "./problem.ts";

/** Children of every (stage, previous device) sorted by a bound, `Infinity` ones left out. */
export interface ChildOrder {
  /** Option indices; slot `s = i * (m + 1) + prev` (prev `m` = no previous stage) starts at `s * maxOptions`. */
  readonly order: Int32Array;
  readonly len: Int32Array;
}

/** A bound for a search: costs, their cost-to-go, a constant to subtract, the child order. */
export interface Guide {
  readonly costs: LinearCosts;
  readonly h: Float64Array;
  readonly constant: number;
  readonly children: ChildOrder;
  /** Least value of the bound over the whole pipeline (a lower bound on the best score). */
  readonly root: number;
}

/** Tables that depend on the weights only; cached per problem. */
export interface WeightTables {
  readonly score: Guide;
  /** Whether the relaxed optimum (memory and caps ignored) is feasible. */
  readonly relaxedFeasible: boolean;
  /** The tuned Lagrangian guide, once computed. */
  lagrangian?: Guide;
}

/** Tables that depend on the problem only. */
export interface ProblemTables {
  readonly latencyToGo: Float64Array;
  readonly energyToGo: Float64Array;
  readonly byWeights: Map<string, WeightTables>;
}

const cache = new WeakMap<Problem, ProblemTables>();
const MAX_WEIGHTS = 64;

/** Cost-to-go tables of latency and energy alone, computed once per problem. */
export function problemTables(problem: Problem): ProblemTables {
  let tables = cache.get(problem);
  if (!tables) {
    tables = {
      latencyToGo: costToGo(problem, linearCosts(problem, { perMs: 1, perMj: 0, perSwitch: 0 })),
      energyToGo: costToGo(problem, linearCosts(problem, { perMs: 0, perMj: 1, perSwitch: 0 })),
      byWeights: new Map(),
    };
    cache.set(problem, tables);
  }
  return tables;
}

/** Score costs, their cost-to-go and child order for some weights, computed once per problem. */
export function weightTables(problem: Problem, weights: Weights): WeightTables {
  const { byWeights } = problemTables(problem);
  const key = `${weights.latency},${weights.energy},${weights.switches}`;
  let tables = byWeights.get(key);
  if (!tables) {
    const costs = linearCosts(problem, {
      perMs: weights.latency / problem.latencyNorm,
      perMj: weights.energy / problem.energyNorm,
      perSwitch: weights.switches,
    });
    const score = makeGuide(problem, costs, costToGo(problem, costs), 0);
    const relaxed = relaxedOptimum(problem, costs, score.h);
    tables = {
      score,
      relaxedFeasible: relaxed !== undefined &&
        evaluatePath(problem, weights, relaxed.path).feasible,
    };
    if (byWeights.size >= MAX_WEIGHTS) byWeights.clear();
    byWeights.set(key, tables);
  }
  return tables;
}

/** Wraps costs and their cost-to-go into a guide, sorting the children of every slot. */
export function makeGuide(
  problem: Problem,
  costs: LinearCosts,
  h: Float64Array,
  constant: number,
): Guide {
  const { n, m, optStart, optDevice, maxOptions: k } = problem;
  const order = new Int32Array(n * (m + 1) * k);
  const len = new Int32Array(n * (m + 1));
  const keys = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    for (let prev = i === 0 ? m : 0; prev <= m; prev++) {
      const slot = i * (m + 1) + prev;
      let count = 0;
      for (let o = optStart[i]!; o < optStart[i + 1]!; o++) {
        const d = optDevice[o]!;
        const x = prev === m ? 0 : costs.xfer[(i * m + prev) * m + d]!;
        const key = x + costs.node[o]! + h[i * m + d]!;
        if (key === Infinity) continue;
        let j = count++;
        while (j > 0 && keys[j - 1]! > key) {
          keys[j] = keys[j - 1]!;
          order[slot * k + j] = order[slot * k + j - 1]!;
          j--;
        }
        keys[j] = key;
        order[slot * k + j] = o;
      }
      len[slot] = count;
    }
  }
  return {
    costs,
    h,
    constant,
    children: { order, len },
    root: rootBound(problem, costs, h) - constant,
  };
}
