import { costToGo, type LinearCosts, linearCosts } from "./bounds.ts";
import type { Weights } from "./goals.ts";
import { lagrangianBound } from "./lagrangian.ts";
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
   * Nodes of plain search before the Lagrangian bound is tuned and the search restarts with it.
   * @default 20000
   */
  lagrangianAfter?: number;
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

/**
 * Depth-first branch and bound over stages, proving the k best placements. Each node is bounded
 * by a backward dynamic program over stage x device that includes transfer and switch costs
 * (memory and caps relaxed), and by suffix minima of latency and energy against the caps.
 * Children are tried in order of their bound, so a loop stops at the first child that cannot
 * beat the k-th best. When the plain search grows past `lagrangianAfter` nodes, the caps and
 * memory budgets are relaxed into the objective with tuned multipliers (see
 * {@linkcode lagrangianBound}) and the search restarts with that stronger bound as well,
 * keeping the placements already found. The inner loop allocates nothing.
 *
 * @param problem The compiled problem.
 * @param weights Score weights.
 * @param options Top-k and limits.
 * @returns The placements found and whether they are proven optimal.
 */
export function exactSearch(
  problem: Problem,
  weights: Weights,
  options: ExactOptions = {},
): ExactOutcome {
  const { topK = 3, nodeLimit = Infinity, deadline = Infinity, lagrangianAfter = 20_000 } = options;
  const scoreCosts = linearCosts(problem, {
    perMs: weights.latency / problem.latencyNorm,
    perMj: weights.energy / problem.energyNorm,
    perSwitch: weights.switches,
  });
  const h = costToGo(problem, scoreCosts);
  const latencyToGo = costToGo(problem, linearCosts(problem, { perMs: 1, perMj: 0, perSwitch: 0 }));
  const energyToGo = costToGo(problem, linearCosts(problem, { perMs: 0, perMj: 1, perSwitch: 0 }));
  const top = new TopK(topK, problem.n);
  const tables = { scoreCosts, h, latencyToGo, energyToGo };

  let plainBound = Infinity;
  for (let o = problem.optStart[0]!; o < problem.optStart[1]!; o++) {
    plainBound = Math.min(plainBound, scoreCosts.node[o]! + h[problem.optDevice[o]!]!);
  }
  const first = runSearch(problem, weights, top, tables, undefined, {
    nodeLimit: Math.min(nodeLimit, lagrangianAfter),
    deadline,
  });
  if (first.complete || first.nodes >= nodeLimit || first.timedOut) {
    return {
      top,
      complete: first.complete,
      nodes: first.nodes,
      lowerBound: lowerBound(top, first.complete, plainBound),
      lagrangian: false,
    };
  }
  const threshold = top.threshold();
  const lag = lagrangianBound(problem, weights, {
    ...(Number.isFinite(threshold) ? { upperBound: threshold } : {}),
  });
  const second = runSearch(problem, weights, top, tables, lag, {
    nodeLimit: nodeLimit - first.nodes,
    deadline,
  });
  const nodes = first.nodes + second.nodes;
  return {
    top,
    complete: second.complete,
    nodes,
    lowerBound: lowerBound(top, second.complete, Math.max(plainBound, lag.bound)),
    lagrangian: true,
  };
}

function lowerBound(top: TopK, complete: boolean, relaxed: number): number {
  if (complete && top.size > 0) return top.score[0]!;
  return relaxed;
}

interface Tables {
  scoreCosts: LinearCosts;
  h: Float64Array;
  latencyToGo: Float64Array;
  energyToGo: Float64Array;
}

interface SecondaryBound {
  costs: LinearCosts;
  h: Float64Array;
  constant: number;
}

function runSearch(
  problem: Problem,
  weights: Weights,
  top: TopK,
  tables: Tables,
  lag: SecondaryBound | undefined,
  limits: { nodeLimit: number; deadline: number },
): { complete: boolean; nodes: number; timedOut: boolean } {
  const { n, m, optStart, optDevice, optLatency, optEnergy, optMemory, memoryBudget } = problem;
  const { xferOk, xferLatency, xferEnergy, latencyCap, energyCap } = problem;
  const wl = weights.latency;
  const we = weights.energy;
  const ws = weights.switches;
  const L0 = problem.latencyNorm;
  const E0 = problem.energyNorm;
  // The primary bound orders children (so loops can stop early); the secondary only prunes.
  const primary = lag ?? { costs: tables.scoreCosts, h: tables.h, constant: 0 };
  const secondary = lag ? { costs: tables.scoreCosts, h: tables.h, constant: 0 } : undefined;
  const pNode = primary.costs.node;
  const pXfer = primary.costs.xfer;
  const pH = primary.h;
  const pConst = primary.constant;
  const sNode = secondary?.costs.node ?? pNode;
  const sXfer = secondary?.costs.xfer ?? pXfer;
  const sH = secondary?.h ?? pH;
  const { latencyToGo, energyToGo } = tables;
  const latencyTol = latencyCap + 1e-9 * Math.max(1, Math.abs(latencyCap));
  const energyTol = energyCap + 1e-9 * Math.max(1, Math.abs(energyCap));

  // Children of every (stage, previous device) sorted by their static primary bound.
  const k = problem.maxOptions;
  const order = new Int32Array(n * (m + 1) * k);
  const orderLen = new Int32Array(n * (m + 1));
  const keys = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    for (let prev = i === 0 ? m : 0; prev <= m; prev++) {
      const slot = i * (m + 1) + prev;
      let len = 0;
      for (let o = optStart[i]!; o < optStart[i + 1]!; o++) {
        const d = optDevice[o]!;
        const x = prev === m ? 0 : pXfer[(i * m + prev) * m + d]!;
        const key = x + pNode[o]! + pH[i * m + d]!;
        if (key === Infinity) continue;
        let j = len++;
        while (j > 0 && keys[j - 1]! > key) {
          keys[j] = keys[j - 1]!;
          order[slot * k + j] = order[slot * k + j - 1]!;
          j--;
        }
        keys[j] = key;
        order[slot * k + j] = o;
      }
      orderLen[slot] = len;
    }
  }

  const used = new Float64Array(m);
  const path = new Int32Array(n);
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
      if (sNext + sH[i * m + d]! > threshold + margin) continue;
      const lat = latency + xl + optLatency[o]!;
      if (lat > latencyCap || lat + latencyToGo[i * m + d]! > latencyTol) continue;
      const en = energy + xe + optEnergy[o]!;
      if (en > energyCap || en + energyToGo[i * m + d]! > energyTol) continue;
      const before = used[d]!;
      const after = before + optMemory[o]!;
      if (after > memoryBudget[d]!) continue;

      if (++nodes >= nodeLimit) {
        stopped = true;
        return;
      }
      if ((nodes & 4095) === 0 && deadline !== Infinity && performance.now() > deadline) {
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
        visit(i + 1, d, lat, en, sw, pNext, sNext);
      }
      used[d] = before;
      if (stopped) return;
    }
  };
  visit(0, NO_PREV, 0, 0, 0, 0, 0);
  return { complete: !stopped, nodes, timedOut };
}
