import { type Candidate, compareCandidates, placementOf } from "./_placement.ts";
import { problemTables } from "./_tables.ts";
import { exactSearch } from "./exact.ts";
import type { Weights } from "./goals.ts";
import { paretoFilter } from "./pareto_filter.ts";
import type { ParetoFrontResult } from "./pareto_front.ts";
import type { Problem } from "./problem.ts";

/**
 * The front by label setting over stage x device (see `paretoFront`, method `"labels"`): a label
 * is a partial placement with its latency, energy, switches and memory per device. A label is
 * dropped when it breaks a budget, when the least latency or energy of any completion breaks a
 * cap, when a surrogate of all the limits shows it has no feasible completion, when a known
 * feasible placement beats every completion on both objectives (seeds come from exact searches
 * at five latency/energy weightings), or when an earlier label (in stage-by-stage option order)
 * at the same stage and device has no more latency, energy, switches and memory on every device
 * whose budget can bind. Labels are made in that order, so every completion of a dropped label
 * is beaten, or tied and outranked, by the same completion of the label that dominates it.
 */
export function paretoLabels(
  problem: Problem,
  options: { weights: Weights; labelLimit: number; deadline: number },
): ParetoFrontResult {
  const { weights, labelLimit, deadline } = options;
  const { n, m, optStart, optDevice, optLatency, optEnergy, optMemory, memoryBudget } = problem;
  const { xferOk, xferLatency, xferEnergy, latencyCap, energyCap } = problem;
  const { latencyToGo, energyToGo, surrogate } = problemTables(problem);
  const latencyTol = latencyCap + 1e-9 * Math.max(1, Math.abs(latencyCap));
  const energyTol = energyCap + 1e-9 * Math.max(1, Math.abs(energyCap));
  const fCap = surrogate ? surrogate.capacity + 1e-9 * Math.max(1, surrogate.capacity) : Infinity;

  // Devices whose budget some placement could break: only their memory matters for dominance.
  const active: number[] = [];
  for (let d = 0; d < m; d++) {
    let most = 0;
    for (let i = 0; i < n; i++) {
      let stageMost = 0;
      for (let o = optStart[i]!; o < optStart[i + 1]!; o++) {
        if (optDevice[o] === d) stageMost = Math.max(stageMost, optMemory[o]!);
      }
      most += stageMost;
    }
    if (most > memoryBudget[d]!) active.push(d);
  }

  // Feasible seeds: the best placement at a few latency/energy weightings.
  const seeds: Candidate[] = [];
  for (const alpha of [1, 0.75, 0.5, 0.25, 0]) {
    const seed = exactSearch(problem, { latency: alpha, energy: 1 - alpha, switches: 0 }, {
      topK: 1,
      nodeLimit: 200_000,
      deadline,
    });
    if (seed.top.size > 0) {
      seeds.push({
        path: seed.top.path(0),
        latency: seed.top.latency[0]!,
        energy: seed.top.energy[0]!,
        switches: seed.top.switches[0]!,
      });
    }
  }
  const beaten = (lbL: number, lbE: number): boolean => {
    const tl = lbL - 1e-9 * Math.max(1, Math.abs(lbL));
    const te = lbE - 1e-9 * Math.max(1, Math.abs(lbE));
    return seeds.some((s) => s.latency <= tl && s.energy <= te);
  };

  // Labels of each stage, in creation (stage-by-stage option) order.
  interface Layer {
    lat: number[];
    en: number[];
    sw: number[];
    dev: number[];
    use: number[];
    mem: number[];
    parent: number[];
    opt: number[];
    alive: boolean[];
  }
  const layers: Layer[] = [];
  let labels = 0;
  let complete = true;
  let previous: Layer | undefined;
  for (let i = 0; i < n && complete; i++) {
    const layer: Layer = {
      lat: [],
      en: [],
      sw: [],
      dev: [],
      use: [],
      mem: [],
      parent: [],
      opt: [],
      alive: [],
    };
    const buckets: number[][] = Array.from({ length: m }, () => []);
    const parents = previous ? previous.lat.length : 1;
    for (let p = 0; p < parents && complete; p++) {
      if (previous && !previous.alive[p]) continue;
      const prev = previous ? previous.dev[p]! : -1;
      for (let o = optStart[i]!; o < optStart[i + 1]!; o++) {
        const d = optDevice[o]!;
        let latency = optLatency[o]!;
        let energy = optEnergy[o]!;
        let switches = 0;
        let use = surrogate ? surrogate.costs.node[o]! : 0;
        if (previous) {
          const at = (i * m + prev) * m + d;
          if (!xferOk[at]) continue;
          latency = previous.lat[p]! + xferLatency[at]! + optLatency[o]!;
          energy = previous.en[p]! + xferEnergy[at]! + optEnergy[o]!;
          switches = previous.sw[p]! + (d !== prev ? 1 : 0);
          if (surrogate) {
            use = previous.use[p]! + surrogate.costs.xfer[at]! + surrogate.costs.node[o]!;
          }
        }
        if (latency > latencyCap || latency + latencyToGo[i * m + d]! > latencyTol) continue;
        if (energy > energyCap || energy + energyToGo[i * m + d]! > energyTol) continue;
        const memD = (previous ? previous.mem[p * m + d]! : 0) + optMemory[o]!;
        if (memD > memoryBudget[d]!) continue;
        if (surrogate && use + surrogate.h[i * m + d]! > fCap) continue;
        if (beaten(latency + latencyToGo[i * m + d]!, energy + energyToGo[i * m + d]!)) continue;
        // Dominance within the bucket (same stage, same last device).
        const bucket = buckets[d]!;
        const base = previous ? p * m : -1;
        const memOf = (e: number) => e === d ? memD : base < 0 ? 0 : previous!.mem[base + e]!;
        let dominated = false;
        for (let b = 0; b < bucket.length && !dominated; b++) {
          const a = bucket[b]!;
          if (!layer.alive[a]) continue;
          if (layer.lat[a]! <= latency && layer.en[a]! <= energy && layer.sw[a]! <= switches) {
            dominated = active.every((e) => layer.mem[a * m + e]! <= memOf(e));
          } else if (
            latency <= layer.lat[a]! && energy <= layer.en[a]! && switches < layer.sw[a]! &&
            active.every((e) => memOf(e) <= layer.mem[a * m + e]!)
          ) {
            layer.alive[a] = false; // fewer switches: outranks the earlier label on every tie
          }
        }
        if (dominated) continue;
        const index = layer.lat.length;
        layer.lat.push(latency);
        layer.en.push(energy);
        layer.sw.push(switches);
        layer.dev.push(d);
        layer.use.push(use);
        for (let e = 0; e < m; e++) layer.mem.push(memOf(e));
        layer.parent.push(p);
        layer.opt.push(o);
        layer.alive.push(true);
        bucket.push(index);
        if (++labels >= labelLimit || ((labels & 1023) === 0 && performance.now() > deadline)) {
          complete = false;
          break;
        }
      }
    }
    layers.push(layer);
    previous = layer;
  }

  // Unproven: fall back to the seeds, which are feasible.
  const candidates: Candidate[] = complete ? [] : seeds;
  if (complete) {
    const last = layers[n - 1]!;
    for (let j = 0; j < last.lat.length; j++) {
      if (!last.alive[j]) continue;
      const path = new Array<number>(n);
      let at = j;
      for (let i = n - 1; i >= 0; i--) {
        path[i] = layers[i]!.opt[at]!;
        at = layers[i]!.parent[at]!;
      }
      candidates.push({ path, latency: last.lat[j]!, energy: last.en[j]!, switches: last.sw[j]! });
    }
  }
  // Ties on both totals keep the fewest switches, then the earliest option order.
  candidates.sort(compareCandidates);
  const points = paretoFilter(candidates).map((c) => placementOf(problem, weights, c));
  return { points, complete, labels };
}
