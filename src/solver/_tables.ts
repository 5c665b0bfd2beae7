import { costToGo, type LinearCosts, linearCosts, relaxedOptimum, rootBound } from "./bounds.ts";
import type { MemoryBound } from "./_memory_bound.ts";
import { evaluatePath } from "./evaluate.ts";
import { float64Arrays, int32Arrays } from "./_float64_arrays.ts";
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

/** Tables that depend on the weights: the score guide is shared, the rest is per problem. */
export interface WeightTables {
  readonly score: Guide;
  /** Whether the relaxed optimum (memory and caps ignored) is feasible. */
  readonly relaxedFeasible: boolean;
  /** The tuned Lagrangian guide, once computed. */
  lagrangian?: Guide;
  /** The surrogate weighted by the tuned Lagrange multipliers, once computed. */
  lagrangianSurrogate?: Surrogate | undefined;
  /** The Lagrangian bound with one device's memory kept exact, once computed. */
  memoryBound?: MemoryBound | undefined;
}

/**
 * A surrogate of the caps and memory budgets: one weighted sum of latency, energy and each
 * device's memory that every feasible placement keeps within `capacity` (the same weighted sum
 * of the limits). `h` is its least value over the remaining stages, so a partial placement whose
 * weighted use plus `h` exceeds `capacity` has no feasible completion.
 */
export interface Surrogate {
  readonly costs: LinearCosts;
  readonly h: Float64Array;
  readonly capacity: number;
}

/** Tables of a problem: latency and energy to go (shared), the surrogate of its limits (its own). */
export interface ProblemTables {
  readonly latencyToGo: Float64Array;
  readonly energyToGo: Float64Array;
  /** Least latency of any placement (memory budgets of single options respected; caps ignored). */
  readonly leastLatency: number;
  /** Least energy of any placement, likewise. */
  readonly leastEnergy: number;
  /** Every limit weighted by its inverse (all count alike), or undefined when nothing binds. */
  readonly surrogate: Surrogate | undefined;
  readonly byWeights: Map<string, WeightTables>;
  readonly shared: SharedTables;
}

/**
 * Tables that depend on neither the caps nor the memory budgets beyond which options fit their
 * device at all: shared by every problem with the same compiled arrays (copies made with
 * `{ ...problem, latencyCap }`, as sweeps and `diagnoseInfeasible` make).
 */
interface SharedTables {
  readonly latencyToGo: Float64Array;
  readonly energyToGo: Float64Array;
  readonly leastLatency: number;
  readonly leastEnergy: number;
  /** Score guide and relaxed optimum per weights and norms. */
  readonly scores: Map<string, { score: Guide; relaxed: Int32Array | undefined }>;
  /** The surrogate of all limits without its capacity, per memory budgets, finite caps and norms. */
  readonly surrogates: WeakMap<Float64Array, Map<string, SurrogateCosts | undefined>>;
}

/** A surrogate's costs and cost-to-go, and its weights to compute the capacity of given caps. */
interface SurrogateCosts {
  readonly costs: LinearCosts;
  readonly h: Float64Array;
  readonly perMs: number;
  readonly perMj: number;
  /** The budgets' part of the capacity. */
  readonly memory: number;
}

/** The compiled arrays the shared tables were built from, and the tables per fitting mask. */
interface Structure {
  readonly problem: Problem;
  readonly byFit: Map<string, SharedTables>;
}

const structures = new WeakMap<Float64Array, Structure>();
const cache = new WeakMap<Problem, ProblemTables>();
const MAX_WEIGHTS = 64;
const MAX_FITS = 64;

/** Whether two problems have the same compiled options and transfers (by identity). */
function sameArrays(a: Problem, b: Problem): boolean {
  return a.n === b.n && a.m === b.m && a.optStart === b.optStart && a.optDevice === b.optDevice &&
    a.optLatency === b.optLatency && a.optEnergy === b.optEnergy &&
    a.optMemory === b.optMemory && a.xferOk === b.xferOk && a.xferLatency === b.xferLatency &&
    a.xferEnergy === b.xferEnergy;
}

/** The tables shared with every problem of the same arrays and the same options that fit. */
function sharedTables(problem: Problem): SharedTables {
  let structure = structures.get(problem.optLatency);
  if (!structure || !sameArrays(structure.problem, problem)) {
    structure = { problem, byFit: new Map() };
    structures.set(problem.optLatency, structure);
  }
  const { n, m, optStart, optDevice, optLatency, optEnergy, optMemory, memoryBudget } = problem;
  let fit = "";
  for (let o = 0; o < optDevice.length; o++) {
    fit += optMemory[o]! > memoryBudget[optDevice[o]!]! ? "0" : "1";
  }
  let shared = structure.byFit.get(fit);
  if (!shared) {
    // The cost-to-go of latency alone and of energy alone in one pass, without cost arrays: the
    // same sums in the same order as `costToGo(problem, linearCosts(problem, { perMs: 1 }))`
    // (an option that cannot fit, or a transfer without a link, would cost Infinity there).
    const { xferOk, xferLatency, xferEnergy } = problem;
    const [latencyToGo, energyToGo] = float64Arrays(n * m, n * m) as [Float64Array, Float64Array];
    for (let i = n - 2; i >= 0; i--) {
      const next = i + 1;
      for (let d = 0; d < m; d++) {
        let bestL = Infinity;
        let bestE = Infinity;
        for (let o = optStart[next]!; o < optStart[next + 1]!; o++) {
          const e = optDevice[o]!;
          const at = (next * m + d) * m + e;
          if (!xferOk[at] || fit.charCodeAt(o) === 48) continue;
          const vL = xferLatency[at]! + optLatency[o]! + latencyToGo[next * m + e]!;
          if (vL < bestL) bestL = vL;
          const vE = xferEnergy[at]! + optEnergy[o]! + energyToGo[next * m + e]!;
          if (vE < bestE) bestE = vE;
        }
        latencyToGo[i * m + d] = bestL;
        energyToGo[i * m + d] = bestE;
      }
    }
    let leastLatency = Infinity;
    let leastEnergy = Infinity;
    for (let o = optStart[0]!; o < optStart[1]!; o++) {
      if (fit.charCodeAt(o) === 48) continue;
      const d = optDevice[o]!;
      const vL = optLatency[o]! + latencyToGo[d]!;
      if (vL < leastLatency) leastLatency = vL;
      const vE = optEnergy[o]! + energyToGo[d]!;
      if (vE < leastEnergy) leastEnergy = vE;
    }
    shared = {
      latencyToGo,
      energyToGo,
      leastLatency,
      leastEnergy,
      scores: new Map(),
      surrogates: new WeakMap(),
    };
    if (structure.byFit.size >= MAX_FITS) structure.byFit.clear();
    structure.byFit.set(fit, shared);
  }
  return shared;
}

/**
 * The surrogate of every limit, with latency weighted by `1 / latencyNorm`, energy by
 * `1 / energyNorm` and each memory budget that can bind by its inverse. Any non-negative weights
 * give a valid surrogate; weighting the caps by the least totals rather than by the caps
 * themselves lets problems that differ only in caps share its costs and cost-to-go (per memory
 * budgets, which caps are finite and the norms); only the capacity is computed per problem.
 */
function limitsSurrogate(problem: Problem, shared: SharedTables): Surrogate | undefined {
  const { latencyCap, energyCap, memoryBudget, latencyNorm, energyNorm } = problem;
  const hasL = Number.isFinite(latencyCap) && latencyCap > 0;
  const hasE = Number.isFinite(energyCap) && energyCap > 0;
  let byBudget = shared.surrogates.get(memoryBudget);
  if (!byBudget) {
    byBudget = new Map();
    shared.surrogates.set(memoryBudget, byBudget);
  }
  const key = `${hasL},${hasE},${latencyNorm},${energyNorm}`;
  let base = byBudget.get(key);
  if (!byBudget.has(key)) {
    const scaled = makeSurrogate({
      ...problem,
      latencyCap: hasL ? latencyNorm : Infinity,
      energyCap: hasE ? energyNorm : Infinity,
    }, { lambda: 1, mu: 1, nu: new Float64Array(problem.m).fill(1) });
    const perMs = hasL ? 1 / latencyNorm : 0;
    const perMj = hasE ? 1 / energyNorm : 0;
    base = scaled && {
      costs: scaled.costs,
      h: scaled.h,
      perMs,
      perMj,
      memory: scaled.capacity - (hasL ? perMs * latencyNorm : 0) - (hasE ? perMj * energyNorm : 0),
    };
    if (byBudget.size >= MAX_WEIGHTS) byBudget.clear();
    byBudget.set(key, base);
  }
  if (!base) return undefined;
  return {
    costs: base.costs,
    h: base.h,
    capacity: (hasL ? base.perMs * latencyCap : 0) + (hasE ? base.perMj * energyCap : 0) +
      base.memory,
  };
}

/** Cost-to-go tables of latency and energy alone and the surrogate, computed once per problem. */
export function problemTables(problem: Problem): ProblemTables {
  let tables = cache.get(problem);
  if (!tables) {
    const shared = sharedTables(problem);
    tables = {
      latencyToGo: shared.latencyToGo,
      energyToGo: shared.energyToGo,
      leastLatency: shared.leastLatency,
      leastEnergy: shared.leastEnergy,
      surrogate: limitsSurrogate(problem, shared),
      byWeights: new Map(),
      shared,
    };
    cache.set(problem, tables);
  }
  return tables;
}

/**
 * Score costs, their cost-to-go and child order for some weights (shared by problems that differ
 * only in caps), and whether the relaxed optimum is feasible (per problem).
 */
export function weightTables(problem: Problem, weights: Weights): WeightTables {
  const { byWeights, shared } = problemTables(problem);
  const key = `${weights.latency},${weights.energy},${weights.switches}`;
  let tables = byWeights.get(key);
  if (!tables) {
    const scoreKey = `${key},${problem.latencyNorm},${problem.energyNorm}`;
    let entry = shared.scores.get(scoreKey);
    if (!entry) {
      const costs = linearCosts(problem, {
        perMs: weights.latency / problem.latencyNorm,
        perMj: weights.energy / problem.energyNorm,
        perSwitch: weights.switches,
      });
      const score = makeGuide(problem, costs, costToGo(problem, costs), 0);
      entry = { score, relaxed: relaxedOptimum(problem, costs, score.h)?.path };
      if (shared.scores.size >= MAX_WEIGHTS) shared.scores.clear();
      shared.scores.set(scoreKey, entry);
    }
    tables = {
      score: entry.score,
      relaxedFeasible: entry.relaxed !== undefined &&
        evaluatePath(problem, weights, entry.relaxed).feasible,
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
  const [order, len] = int32Arrays(n * (m + 1) * k, n * (m + 1)) as [Int32Array, Int32Array];
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

/**
 * Builds the surrogate with weight `lambda / cap` on latency, `mu / cap` on energy and
 * `nu[d] / budget` on device `d`'s memory; limits that are infinite, or budgets that no
 * placement can exceed, get weight zero. Undefined when every weight is zero.
 */
export function makeSurrogate(
  problem: Problem,
  multipliers: { lambda: number; mu: number; nu: ArrayLike<number> },
): Surrogate | undefined {
  const { n, m, optStart, optDevice, optMemory, memoryBudget, latencyCap, energyCap } = problem;
  const perMs = Number.isFinite(latencyCap) && latencyCap > 0 ? multipliers.lambda / latencyCap : 0;
  const perMj = Number.isFinite(energyCap) && energyCap > 0 ? multipliers.mu / energyCap : 0;
  let capacity = (perMs > 0 ? perMs * latencyCap : 0) + (perMj > 0 ? perMj * energyCap : 0);
  const [perMb, load, most] = float64Arrays(m, m, m) as [Float64Array, Float64Array, Float64Array];
  for (let i = 0; i < n; i++) {
    most.fill(0);
    for (let o = optStart[i]!; o < optStart[i + 1]!; o++) {
      const d = optDevice[o]!;
      if (optMemory[o]! <= memoryBudget[d]!) most[d] = Math.max(most[d]!, optMemory[o]!);
    }
    for (let d = 0; d < m; d++) load[d] = load[d]! + most[d]!;
  }
  for (let d = 0; d < m; d++) {
    if (load[d]! > memoryBudget[d]! && memoryBudget[d]! > 0 && multipliers.nu[d]! > 0) {
      perMb[d] = multipliers.nu[d]! / memoryBudget[d]!;
      capacity += perMb[d]! * memoryBudget[d]!;
    }
  }
  if (perMs === 0 && perMj === 0 && perMb.every((x) => x === 0)) return undefined;
  const costs = linearCosts(problem, { perMs, perMj, perSwitch: 0, perMb });
  return { costs, h: costToGo(problem, costs), capacity };
}
