import {
  type Guide,
  makeGuide,
  makeSurrogate,
  problemTables,
  type Surrogate,
  weightTables,
} from "./_tables.ts";
import { type MemoryBound, memoryBound } from "./_memory_bound.ts";
import { beamSearch } from "./beam.ts";
import type { Weights } from "./goals.ts";
import { lagrangianBound, type LagrangianMultipliers } from "./lagrangian.ts";
import type { Problem } from "./problem.ts";
import { TopK } from "./top_k.ts";

/** Options of {@linkcode exactSearch}. */
export interface ExactOptions {
  /** How many best placements to prove. @default 3 */
  topK?: number;
  /** Give up (unproven) after this many search nodes. @default Infinity */
  nodeLimit?: number;
  /** Give up (unproven) at this `performance.now()` time. @default Infinity */
  deadline?: number;
  /**
   * Nodes of plain search before the Lagrangian bound is tuned and the search restarts with it,
   * when the relaxed optimum is feasible (otherwise at most 500 nodes; 0 uses the Lagrangian bound
   * from the start). @default 5000
   */
  lagrangianAfter?: number;
  /** Width of the Lagrangian-guided beam that seeds the incumbents on constrained problems. @default 32 */
  seedBeamWidth?: number;
}

/** What an exact search found. */
export interface ExactOutcome {
  /** The best placements found; proven the k best when `complete`. */
  top: TopK;
  /** Whether the search space was exhausted (so `top` is optimal). */
  complete: boolean;
  /** Search nodes visited. */
  nodes: number;
  /** A lower bound on the best feasible score (from the relaxations). */
  lowerBound: number;
  /** Whether the Lagrangian bound was used. */
  lagrangian: boolean;
}

const NO_PREV = -1;
const QUICK_NODES = 2_000;
/** Nodes of plain search a constrained problem gets before the Lagrangian bound is tuned. */
const PLAIN_NODES = 500;
const pNodeDummy = new Float64Array(0);

/**
 * Depth-first branch and bound over stages, proving the k best placements. Each node is bounded
 * by a backward dynamic program over stage x device that includes transfer and switch costs
 * (memory and caps relaxed), and by suffix minima of latency and energy against the caps.
 * Children are tried in order of their bound, so a loop stops at the first child that cannot
 * beat the k-th best. A cap below the least latency (energy) of any placement proves
 * infeasibility at once. When the plain search grows past `lagrangianAfter` nodes (500 when the
 * caps or memory budgets bind, i.e. the relaxed optimum breaks them), they are relaxed into the objective with
 * tuned multipliers (see {@linkcode lagrangianBound}), a beam guided by that relaxation seeds
 * feasible incumbents (upper bounds only), and the search runs with both bounds. Tables that
 * depend neither on the caps nor on the memory budgets are shared by copies of a problem with
 * other limits (`{ ...problem, latencyCap }`); the rest are cached on the problem, so repeated
 * solves allocate little; the inner loop allocates nothing. A proven-empty answer has lower bound
 * `Infinity`.
 *
 * @param problem The compiled problem.
 * @param weights Score weights.
 * @param options Top-k and limits.
 * @returns The placements found and whether they are proven optimal.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compileProblem, exactSearch, generateScenario, GOAL_PRESETS } from "./mod.ts";
 * const problem = compileProblem(generateScenario(10, 3, { seed: 2 }));
 * const outcome = exactSearch(problem, GOAL_PRESETS.latency, { topK: 2 });
 * assert(outcome.complete && outcome.top.size === 2);
 * ```
 */
export function exactSearch(
  problem: Problem,
  weights: Weights,
  options: ExactOptions = {},
): ExactOutcome {
  const {
    topK = 3,
    nodeLimit = Infinity,
    deadline = Infinity,
    lagrangianAfter = 5_000,
    seedBeamWidth = 32,
  } = options;
  const top = new TopK(topK, problem.n);
  // No placement can meet a cap that even the least latency (energy) to go breaks: proven
  // infeasible before any table of the weights is built (the search would prune every root child;
  // like a search, this is skipped once the deadline has passed).
  const { leastLatency, leastEnergy } = problemTables(problem);
  const { latencyCap, energyCap } = problem;
  if (
    (deadline === Infinity || performance.now() < deadline) &&
    (leastLatency > latencyCap + 1e-9 * Math.max(1, Math.abs(latencyCap)) ||
      leastEnergy > energyCap + 1e-9 * Math.max(1, Math.abs(energyCap)))
  ) {
    return { top, complete: true, nodes: 0, lowerBound: Infinity, lagrangian: false };
  }
  const tables = weightTables(problem, weights);
  let nodes = 0;
  if (tables.lagrangian === undefined) {
    // The plain search first: unconstrained problems (the relaxed optimum is feasible) get up to
    // `lagrangianAfter` nodes, constrained ones a short try; only when it does not finish are the
    // Lagrangian bound, the memory-exact bound and the seeding beams paid for.
    const budget = tables.relaxedFeasible
      ? lagrangianAfter
      : Math.min(lagrangianAfter, PLAIN_NODES);
    const first = runSearch(problem, weights, top, tables.score, undefined, undefined, undefined, {
      nodeLimit: Math.min(nodeLimit, budget),
      deadline,
    });
    nodes = first.nodes;
    if (first.complete || first.nodes >= nodeLimit || first.timedOut) {
      return {
        top,
        complete: first.complete,
        nodes,
        lowerBound: lowerBound(top, first.complete, tables.score.root),
        lagrangian: false,
      };
    }
  }
  if (tables.lagrangian === undefined) {
    const tuned = tunedLagrangian(problem, weights, top, seedBeamWidth);
    tables.lagrangian = tuned.guide;
    tables.lagrangianSurrogate = tuned.surrogate;
    tables.memoryBound = memoryBound(problem, weights, tuned.multipliers);
  }
  const lag = tables.lagrangian;
  const surrogate = tables.lagrangianSurrogate;
  const memory = tables.memoryBound;
  // A short search first, with the Lagrangian bound alone: easy problems finish here without
  // paying for the other bounds or the seeding beams.
  let second = runSearch(problem, weights, top, lag, undefined, undefined, undefined, {
    nodeLimit: Math.min(nodeLimit - nodes, QUICK_NODES),
    deadline,
  });
  nodes += second.nodes;
  if (!second.complete && !second.timedOut && nodes < nodeLimit) {
    // Incumbents (upper bounds only) from beams guided by the Lagrangian and by the
    // memory-exact bound; when neither finds k placements, once more 16 times wider.
    for (const width of [seedBeamWidth, 16 * seedBeamWidth]) {
      if (width > seedBeamWidth && top.size >= topK) break;
      for (const guide of [{ guide: lag }, ...(memory ? [{ memory }] : [])]) {
        const seeds = beamSearch(problem, weights, { topK, beamWidth: width, ...guide });
        for (let j = 0; j < seeds.size; j++) {
          top.offer(
            seeds.score[j]!,
            seeds.latency[j]!,
            seeds.energy[j]!,
            seeds.switches[j]!,
            seeds.path(j),
          );
        }
      }
    }
    second = runSearch(problem, weights, top, lag, tables.score, surrogate, memory, {
      nodeLimit: nodeLimit - nodes,
      deadline,
    });
    nodes += second.nodes;
  }
  return {
    top,
    complete: second.complete,
    nodes,
    lowerBound: lowerBound(top, second.complete, Math.max(tables.score.root, lag.root)),
    lagrangian: true,
  };
}

/**
 * Tunes the multipliers, using a guided beam's best score to size the steps; also returns the
 * surrogate of the limits weighted by the tuned multipliers.
 */
function tunedLagrangian(
  problem: Problem,
  weights: Weights,
  top: TopK,
  width: number,
): { guide: Guide; surrogate: Surrogate | undefined; multipliers: LagrangianMultipliers } {
  const rough = lagrangianBound(
    problem,
    weights,
    top.size > 0 ? { upperBound: top.score[0]! } : {},
  );
  let guide = makeGuide(problem, rough.costs, rough.h, rough.constant);
  let multipliers = rough.multipliers;
  const seeds = beamSearch(problem, weights, { topK: 1, beamWidth: width, guide });
  if (seeds.size > 0) {
    const tuned = lagrangianBound(problem, weights, {
      upperBound: seeds.score[0]!,
      start: rough.multipliers,
    });
    if (tuned.bound > rough.bound) {
      guide = makeGuide(problem, tuned.costs, tuned.h, tuned.constant);
      multipliers = tuned.multipliers;
    }
  }
  return { guide, surrogate: makeSurrogate(problem, multipliers), multipliers };
}

function lowerBound(top: TopK, complete: boolean, relaxed: number): number {
  if (complete) return top.size > 0 ? top.score[0]! : Infinity;
  return relaxed;
}

function runSearch(
  problem: Problem,
  weights: Weights,
  top: TopK,
  primary: Guide,
  secondary: Guide | undefined,
  extra: Surrogate | undefined,
  memory: MemoryBound | undefined,
  limits: { nodeLimit: number; deadline: number },
): { complete: boolean; nodes: number; timedOut: boolean } {
  const { n, m, optDevice, optLatency, optEnergy, optMemory, memoryBudget } = problem;
  const { xferOk, xferLatency, xferEnergy, latencyCap, energyCap } = problem;
  const { latencyToGo, energyToGo, surrogate } = problemTables(problem);
  // Two surrogate feasibility checks (the same one twice when only one exists, none if neither).
  const fA = surrogate ?? extra;
  const fB = extra ?? surrogate;
  const hasF = fA !== undefined;
  const fANode = fA?.costs.node ?? pNodeDummy;
  const fAXfer = fA?.costs.xfer ?? pNodeDummy;
  const fAH = fA?.h ?? pNodeDummy;
  const fACap = fA ? fA.capacity + 1e-9 * Math.max(1, fA.capacity) : Infinity;
  const fBNode = fB?.costs.node ?? pNodeDummy;
  const fBXfer = fB?.costs.xfer ?? pNodeDummy;
  const fBH = fB?.h ?? pNodeDummy;
  const fBCap = fB ? fB.capacity + 1e-9 * Math.max(1, fB.capacity) : Infinity;
  // The bound that keeps one device's memory budget exact.
  const hasM = memory !== undefined;
  const mDevice = memory?.device ?? -1;
  const mNode = memory?.costs.node ?? pNodeDummy;
  const mXfer = memory?.costs.xfer ?? pNodeDummy;
  const mH = memory?.h ?? pNodeDummy;
  const mWidth = (memory?.buckets ?? 0) + 1;
  const mUnit = memory?.unit ?? 1;
  const mConst = memory?.constant ?? 0;
  const mBudget = hasM ? memoryBudget[mDevice]! : 0;
  const wl = weights.latency;
  const we = weights.energy;
  const ws = weights.switches;
  const L0 = problem.latencyNorm;
  const E0 = problem.energyNorm;
  // The primary bound orders children (so loops can stop early); the secondary only prunes.
  const pNode = primary.costs.node;
  const pXfer = primary.costs.xfer;
  const pH = primary.h;
  const pConst = primary.constant;
  const sNode = (secondary ?? primary).costs.node;
  const sXfer = (secondary ?? primary).costs.xfer;
  const sH = (secondary ?? primary).h;
  const sConst = (secondary ?? primary).constant;
  const { order, len: orderLen } = primary.children;
  const k = problem.maxOptions;
  const latencyTol = latencyCap + 1e-9 * Math.max(1, Math.abs(latencyCap));
  const energyTol = energyCap + 1e-9 * Math.max(1, Math.abs(energyCap));

  if (limits.deadline !== Infinity && performance.now() >= limits.deadline) {
    return { complete: false, nodes: 0, timedOut: true };
  }
  const used = new Array<number>(m).fill(0);
  const path = new Array<number>(n).fill(0);
  let nodes = 0;
  let stopped = false;
  let timedOut = false;
  const { nodeLimit, deadline } = limits;

  const visit = (
    i: number,
    prev: number,
    latency: number,
    energy: number,
    switches: number,
    pCost: number,
    sCost: number,
    aUse: number,
    bUse: number,
    mCost: number,
  ): void => {
    const slot = i * (m + 1) + (prev === NO_PREV ? m : prev);
    const len = orderLen[slot]!;
    const base = (i * m + prev) * m;
    for (let j = 0; j < len; j++) {
      const o = order[slot * k + j]!;
      const d = optDevice[o]!;
      let xl = 0;
      let xe = 0;
      let pX = 0;
      let sX = 0;
      let sw = switches;
      if (prev !== NO_PREV) {
        const at = base + d;
        if (!xferOk[at]) continue;
        xl = xferLatency[at]!;
        xe = xferEnergy[at]!;
        pX = pXfer[at]!;
        sX = sXfer[at]!;
        if (d !== prev) sw++;
      }
      const threshold = top.threshold();
      const margin = 1e-9 * Math.max(1, Math.abs(threshold));
      const pNext = pCost + pX + pNode[o]!;
      if (pNext + pH[i * m + d]! - pConst > threshold + margin) break;
      const sNext = sCost + sX + sNode[o]!;
      if (sNext + sH[i * m + d]! - sConst > threshold + margin) continue;
      const lat = latency + xl + optLatency[o]!;
      if (lat > latencyCap || lat + latencyToGo[i * m + d]! > latencyTol) continue;
      const en = energy + xe + optEnergy[o]!;
      if (en > energyCap || en + energyToGo[i * m + d]! > energyTol) continue;
      const before = used[d]!;
      const after = before + optMemory[o]!;
      if (after > memoryBudget[d]!) continue;
      let aNext = 0;
      let bNext = 0;
      if (hasF) {
        const at = base + d;
        aNext = aUse + (prev === NO_PREV ? 0 : fAXfer[at]!) + fANode[o]!;
        if (aNext + fAH[i * m + d]! > fACap) continue;
        bNext = bUse + (prev === NO_PREV ? 0 : fBXfer[at]!) + fBNode[o]!;
        if (bNext + fBH[i * m + d]! > fBCap) continue;
      }
      let mNext = 0;
      if (hasM) {
        mNext = mCost + (prev === NO_PREV ? 0 : mXfer[base + d]!) + mNode[o]!;
        const left = mBudget - (d === mDevice ? after : used[mDevice]!);
        // Units left, rounded down with a margin against division rounding down too far.
        const r = Math.min(mWidth - 1, Math.floor(left / mUnit + 1e-7));
        if (mNext + mH[(i * m + d) * mWidth + r]! - mConst > threshold + margin) continue;
      }

      if (++nodes >= nodeLimit) {
        stopped = true;
        return;
      }
      if ((nodes & 1023) === 0 && deadline !== Infinity && performance.now() >= deadline) {
        stopped = true;
        timedOut = true;
        return;
      }
      used[d] = after;
      path[i] = o;
      if (i === n - 1) {
        const score = wl * (lat / L0) + we * (en / E0) + ws * sw;
        top.offer(score, lat, en, sw, path);
      } else {
        visit(i + 1, d, lat, en, sw, pNext, sNext, aNext, bNext, mNext);
      }
      used[d] = before;
      if (stopped) return;
    }
  };
  visit(0, NO_PREV, 0, 0, 0, 0, 0, 0, 0, 0);
  return { complete: !stopped, nodes, timedOut };
}
