import { problemTables, weightTables } from "./_tables.ts";
import type { MemoryBound } from "./_memory_bound.ts";
import type { LinearCosts } from "./bounds.ts";
import type { Weights } from "./goals.ts";
import type { Problem } from "./problem.ts";
import { TopK } from "./top_k.ts";

/** Options of {@linkcode beamSearch}. */
export interface BeamOptions {
  /** Placements to return. @default 3 */
  topK?: number;
  /** Partial placements kept per stage. @default 128 */
  beamWidth?: number;
  /**
   * Costs and cost-to-go that rank partial placements instead of the score's (for example a
   * Lagrangian relaxation, which steers the beam towards placements that respect the caps).
   * @default the score's own costs
   */
  guide?: { costs: LinearCosts; h: Float64Array };
  /**
   * Rank by a bound that keeps one device's memory exact instead (internal: the exact search
   * passes its own; overrides `guide`). @default undefined
   */
  memory?: MemoryBound;
}

/**
 * Beam search over stages: keeps the `beamWidth` partial placements with the best optimistic
 * score (partial score plus the transfer-aware cost-to-go), dropping any that break a memory
 * budget or can no longer meet a cap. Fast and usually optimal, never proven so.
 *
 * @param problem The compiled problem.
 * @param weights Score weights.
 * @param options Width and top-k.
 * @returns The best complete placements found.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { beamSearch, compileProblem, generateScenario, GOAL_PRESETS } from "./mod.ts";
 * const problem = compileProblem(generateScenario(10, 3, { seed: 3 }));
 * const top = beamSearch(problem, GOAL_PRESETS.latency, { topK: 2, beamWidth: 16 });
 * assert(top.size <= 2);
 * ```
 */
export function beamSearch(problem: Problem, weights: Weights, options: BeamOptions = {}): TopK {
  const { topK = 3, beamWidth = 128, guide, memory } = options;
  const { n, m, optStart, optDevice, optLatency, optEnergy, optMemory, memoryBudget } = problem;
  const { xferOk, xferLatency, xferEnergy, latencyCap, energyCap } = problem;
  const { costs, h } = memory ?? guide ?? weightTables(problem, weights).score;
  const mWidth = (memory?.buckets ?? 0) + 1;
  const { latencyToGo, energyToGo, surrogate } = problemTables(problem);
  const fNode = surrogate?.costs.node;
  const fXfer = surrogate?.costs.xfer;
  const fH = surrogate?.h;
  const fCap = surrogate ? surrogate.capacity + 1e-9 * Math.max(1, surrogate.capacity) : Infinity;
  const W = beamWidth;
  const maxCand = W * problem.maxOptions;

  // The beam of the current stage, in rank order, in flat buffers reused across stages.
  let size = 1;
  let last = new Int32Array(W).fill(-1);
  let lat = new Float64Array(W);
  let en = new Float64Array(W);
  let sw = new Int32Array(W);
  let cost = new Float64Array(W);
  let mem = new Float64Array(W * m);
  let use = new Float64Array(W);
  let nUse = new Float64Array(W);
  let nLast = new Int32Array(W);
  let nLat = new Float64Array(W);
  let nEn = new Float64Array(W);
  let nSw = new Int32Array(W);
  let nCost = new Float64Array(W);
  let nMem = new Float64Array(W * m);
  // Back pointers: the parent rank and option of each kept entry, per stage.
  const parent = new Int32Array(n * W);
  const option = new Int32Array(n * W);
  // Candidates of the next stage.
  const cParent = new Int32Array(maxCand);
  const cOpt = new Int32Array(maxCand);
  const cLat = new Float64Array(maxCand);
  const cEn = new Float64Array(maxCand);
  const cSw = new Int32Array(maxCand);
  const cCost = new Float64Array(maxCand);
  const cKey = new Float64Array(maxCand);
  const cUse = new Float64Array(maxCand);
  const byRank: number[] = [];

  for (let i = 0; i < n && size > 0; i++) {
    let count = 0;
    for (let s = 0; s < size; s++) {
      const prev = last[s]!;
      for (let o = optStart[i]!; o < optStart[i + 1]!; o++) {
        const d = optDevice[o]!;
        let xl = 0, xe = 0, xc = 0, switches = sw[s]!;
        if (i > 0) {
          const at = (i * m + prev) * m + d;
          if (!xferOk[at]) continue;
          xl = xferLatency[at]!;
          xe = xferEnergy[at]!;
          xc = costs.xfer[at]!;
          if (d !== prev) switches++;
        }
        const latency = lat[s]! + xl + optLatency[o]!;
        const energy = en[s]! + xe + optEnergy[o]!;
        if (latency > latencyCap || latency + latencyToGo[i * m + d]! > latencyCap) continue;
        if (energy > energyCap || energy + energyToGo[i * m + d]! > energyCap) continue;
        if (mem[s * m + d]! + optMemory[o]! > memoryBudget[d]!) continue;
        let u = 0;
        if (fNode && fXfer && fH) {
          u = use[s]! + (i > 0 ? fXfer[(i * m + prev) * m + d]! : 0) + fNode[o]!;
          if (u + fH[i * m + d]! > fCap) continue;
        }
        const c = cost[s]! + xc + costs.node[o]!;
        const key = memory
          ? c + h[
            (i * m + d) * mWidth + Math.min(
              mWidth - 1,
              Math.floor(
                (memoryBudget[memory.device]! - mem[s * m + memory.device]! -
                      (d === memory.device ? optMemory[o]! : 0)) / memory.unit + 1e-7,
              ),
            )
          ]!
          : c + h[i * m + d]!;
        if (key === Infinity) continue;
        cParent[count] = s;
        cOpt[count] = o;
        cLat[count] = latency;
        cEn[count] = energy;
        cSw[count] = switches;
        cCost[count] = c;
        cKey[count] = key;
        cUse[count] = u;
        count++;
      }
    }
    // Ties keep expansion order (parent rank, then profile order).
    byRank.length = count;
    for (let c = 0; c < count; c++) byRank[c] = c;
    byRank.sort((a, b) =>
      cKey[a]! - cKey[b]! || cLat[a]! - cLat[b]! || cEn[a]! - cEn[b]! || cSw[a]! - cSw[b]! ||
      a - b
    );
    size = Math.min(count, W);
    for (let r = 0; r < size; r++) {
      const c = byRank[r]!;
      const s = cParent[c]!;
      const o = cOpt[c]!;
      const d = optDevice[o]!;
      nLast[r] = d;
      nLat[r] = cLat[c]!;
      nEn[r] = cEn[c]!;
      nSw[r] = cSw[c]!;
      nCost[r] = cCost[c]!;
      nUse[r] = cUse[c]!;
      for (let e = 0; e < m; e++) nMem[r * m + e] = mem[s * m + e]!;
      nMem[r * m + d] = nMem[r * m + d]! + optMemory[o]!;
      parent[i * W + r] = s;
      option[i * W + r] = o;
    }
    [last, nLast] = [nLast, last];
    [lat, nLat] = [nLat, lat];
    [en, nEn] = [nEn, en];
    [sw, nSw] = [nSw, sw];
    [cost, nCost] = [nCost, cost];
    [mem, nMem] = [nMem, mem];
    [use, nUse] = [nUse, use];
  }
  const top = new TopK(topK, n);
  const wl = weights.latency, we = weights.energy, ws = weights.switches;
  const path = new Array<number>(n).fill(0);
  for (let r = 0; r < size; r++) {
    let at = r;
    for (let i = n - 1; i >= 0; i--) {
      path[i] = option[i * W + at]!;
      at = parent[i * W + at]!;
    }
    const score = wl * (lat[r]! / problem.latencyNorm) + we * (en[r]! / problem.energyNorm) +
      ws * sw[r]!;
    top.offer(score, lat[r]!, en[r]!, sw[r]!, path);
  }
  return top;
}
