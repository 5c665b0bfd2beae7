import { problemTables, weightTables } from "./_tables.ts";
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
 */
export function beamSearch(problem: Problem, weights: Weights, options: BeamOptions = {}): TopK {
  const { topK = 3, beamWidth = 128, guide } = options;
  const { n, m, optStart, optDevice, optLatency, optEnergy, optMemory, memoryBudget } = problem;
  const { xferOk, xferLatency, xferEnergy, latencyCap, energyCap } = problem;
  const { costs, h } = guide ?? weightTables(problem, weights).score;
  const { latencyToGo, energyToGo } = problemTables(problem);

  interface State {
    last: number;
    latency: number;
    energy: number;
    switches: number;
    cost: number;
    key: number;
    memory: Float64Array;
    path: Int32Array;
  }
  let beam: State[] = [{
    last: -1,
    latency: 0,
    energy: 0,
    switches: 0,
    cost: 0,
    key: 0,
    memory: new Float64Array(m),
    path: new Int32Array(0),
  }];
  for (let i = 0; i < n && beam.length > 0; i++) {
    const next: State[] = [];
    for (const s of beam) {
      for (let o = optStart[i]!; o < optStart[i + 1]!; o++) {
        const d = optDevice[o]!;
        let xl = 0, xe = 0, xc = 0, sw = s.switches;
        if (i > 0) {
          const at = (i * m + s.last) * m + d;
          if (!xferOk[at]) continue;
          xl = xferLatency[at]!;
          xe = xferEnergy[at]!;
          xc = costs.xfer[at]!;
          if (d !== s.last) sw++;
        }
        const latency = s.latency + xl + optLatency[o]!;
        const energy = s.energy + xe + optEnergy[o]!;
        if (latency > latencyCap || latency + latencyToGo[i * m + d]! > latencyCap) continue;
        if (energy > energyCap || energy + energyToGo[i * m + d]! > energyCap) continue;
        const used = s.memory[d]! + optMemory[o]!;
        if (used > memoryBudget[d]!) continue;
        const cost = s.cost + xc + costs.node[o]!;
        const key = cost + h[i * m + d]!;
        if (key === Infinity) continue;
        const memory = s.memory.slice();
        memory[d] = used;
        const path = new Int32Array(i + 1);
        path.set(s.path);
        path[i] = o;
        next.push({ last: d, latency, energy, switches: sw, cost, key, memory, path });
      }
    }
    // Stable sort: ties keep expansion order (parent rank, then profile order).
    next.sort((a, b) =>
      a.key - b.key || a.latency - b.latency || a.energy - b.energy || a.switches - b.switches
    );
    beam = next.length > beamWidth ? next.slice(0, beamWidth) : next;
  }
  const top = new TopK(topK, n);
  const wl = weights.latency, we = weights.energy, ws = weights.switches;
  for (const s of beam) {
    const score = wl * (s.latency / problem.latencyNorm) + we * (s.energy / problem.energyNorm) +
      ws * s.switches;
    top.offer(score, s.latency, s.energy, s.switches, s.path);
  }
  return top;
}
