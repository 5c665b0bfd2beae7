import type { Scenario } from "../scenario/model.ts";
import { float64Arrays, int32Arrays } from "./_float64_arrays.ts";

/**
 * A scenario compiled to flat typed arrays for the search. Stage `i` has the options
 * `optStart[i] .. optStart[i + 1] - 1` (one per profile, in the file's order). The transfer
 * into stage `i` from device `a` to device `b` lives at `(i * m + a) * m + b`.
 */
export interface Problem {
  readonly scenario: Scenario;
  /** Number of stages. */
  readonly n: number;
  /** Number of devices. */
  readonly m: number;
  readonly deviceNames: readonly string[];
  readonly memoryBudget: Float64Array;
  readonly optStart: Int32Array;
  readonly optDevice: Int32Array;
  readonly optLatency: Float64Array;
  readonly optEnergy: Float64Array;
  readonly optMemory: Float64Array;
  /** Maximum number of options of any stage. */
  readonly maxOptions: number;
  readonly xferLatency: Float64Array;
  readonly xferEnergy: Float64Array;
  /** 1 where the transfer is possible (same device, nothing to move, or a link exists). */
  readonly xferOk: Uint8Array;
  /** Latency cap in ms, `Infinity` when uncapped. */
  readonly latencyCap: number;
  /** Energy cap in mJ, `Infinity` when uncapped. */
  readonly energyCap: number;
  /** Sum over stages of the fastest profile (score normaliser, at least 1e-6). */
  readonly latencyNorm: number;
  /** Sum over stages of the most frugal profile (score normaliser, at least 1e-6). */
  readonly energyNorm: number;
}

/**
 * Compiles a validated scenario into a {@linkcode Problem}. Transfer costs follow the original
 * tool: the previous stage's `output_mb` times the link's per-MB cost; nothing to move costs
 * nothing, and a switch with data but no link is impossible.
 *
 * @param scenario A validated scenario.
 * @returns The compiled problem.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compileProblem } from "./problem.ts";
 * const problem = compileProblem({
 *   name: "t", description: "", links: [],
 *   devices: [{ name: "cpu", label: "cpu", memory_mb: 100 }],
 *   stages: [{ name: "s", description: "", output_mb: 0,
 *     profiles: { cpu: { latency_ms: 2, energy_mj: 1, memory_mb: 10 } } }],
 *   constraints: { max_total_latency_ms: null, max_total_energy_mj: null },
 * });
 * assert(problem.n === 1 && problem.latencyNorm === 2);
 * ```
 */
export function compileProblem(scenario: Scenario): Problem {
  const n = scenario.stages.length;
  const m = scenario.devices.length;
  const deviceIndex = new Map(scenario.devices.map((d, i) => [d.name, i]));
  let total = 0;
  for (const stage of scenario.stages) total += Object.keys(stage.profiles).length;
  // Few backing stores (see float64Arrays): the arrays of a problem are views of three buffers.
  const [optStart, optDevice] = int32Arrays(n + 1, total) as [Int32Array, Int32Array];
  const [
    memoryBudget,
    optLatency,
    optEnergy,
    optMemory,
    linkLatency,
    linkEnergy,
    xferLatency,
    xferEnergy,
  ] = float64Arrays(m, total, total, total, m * m, m * m, n * m * m, n * m * m) as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  scenario.devices.forEach((d, i) => memoryBudget[i] = d.memory_mb);
  total = 0;
  let maxOptions = 0;
  scenario.stages.forEach((stage, i) => {
    optStart[i] = total;
    const k = Object.keys(stage.profiles).length;
    total += k;
    maxOptions = Math.max(maxOptions, k);
  });
  optStart[n] = total;
  let latencyNorm = 0;
  let energyNorm = 0;
  let o = 0;
  for (const stage of scenario.stages) {
    let minLatency = Infinity;
    let minEnergy = Infinity;
    for (const [device, profile] of Object.entries(stage.profiles)) {
      optDevice[o] = deviceIndex.get(device)!;
      optLatency[o] = profile.latency_ms;
      optEnergy[o] = profile.energy_mj;
      optMemory[o] = profile.memory_mb;
      minLatency = Math.min(minLatency, profile.latency_ms);
      minEnergy = Math.min(minEnergy, profile.energy_mj);
      o++;
    }
    latencyNorm += minLatency;
    energyNorm += minEnergy;
  }

  linkLatency.fill(NaN);
  linkEnergy.fill(NaN);
  for (const link of scenario.links) {
    const a = deviceIndex.get(link.source)!;
    const b = deviceIndex.get(link.target)!;
    linkLatency[a * m + b] = link.latency_ms_per_mb;
    linkEnergy[a * m + b] = link.energy_mj_per_mb;
    if (link.bidirectional) {
      linkLatency[b * m + a] = link.latency_ms_per_mb;
      linkEnergy[b * m + a] = link.energy_mj_per_mb;
    }
  }
  const xferOk = new Uint8Array(n * m * m);
  for (let i = 1; i < n; i++) {
    const data = scenario.stages[i - 1]!.output_mb;
    for (let a = 0; a < m; a++) {
      for (let b = 0; b < m; b++) {
        const at = (i * m + a) * m + b;
        if (a === b || data <= 0) {
          xferOk[at] = 1;
        } else if (!Number.isNaN(linkLatency[a * m + b]!)) {
          xferOk[at] = 1;
          xferLatency[at] = linkLatency[a * m + b]! * data;
          xferEnergy[at] = linkEnergy[a * m + b]! * data;
        }
      }
    }
  }

  return {
    scenario,
    n,
    m,
    deviceNames: scenario.devices.map((d) => d.name),
    memoryBudget,
    optStart,
    optDevice,
    optLatency,
    optEnergy,
    optMemory,
    maxOptions,
    xferLatency,
    xferEnergy,
    xferOk,
    latencyCap: scenario.constraints.max_total_latency_ms ?? Infinity,
    energyCap: scenario.constraints.max_total_energy_mj ?? Infinity,
    latencyNorm: Math.max(latencyNorm, 1e-6),
    energyNorm: Math.max(energyNorm, 1e-6),
  };
}
