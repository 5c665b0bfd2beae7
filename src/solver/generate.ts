import type { Device, Link, Profile, Scenario, Stage } from "../scenario/model.ts";
import { costToGo, type LinearCosts, relaxedOptimum } from "./bounds.ts";
import { compileProblem } from "./problem.ts";

/** Options of {@linkcode generateScenario}. */
export interface GenerateOptions {
  /** Seed of the pseudo-random generator; equal seeds give equal scenarios. @default 1 */
  seed?: number;
  /**
   * Relative slack of the latency and energy caps above the reference placement's totals. Small
   * values make the caps bind; `Infinity` leaves the scenario uncapped. @default 0.05
   */
  capSlack?: number;
  /**
   * Slack of each device's memory budget above the reference placement's use of it, as a
   * fraction of the reference's mean load per device (so a device the reference barely uses
   * still gets room for a stage or two). `Infinity` gives budgets that hold any placement.
   * @default 0.1
   */
  memorySlack?: number;
  /** Probability that a profile other than the reference placement's is missing. @default 0 */
  missingRate?: number;
  /** Probability that a link between two devices is missing (never one the reference needs). @default 0 */
  missingLinkRate?: number;
  /** Probability that a stage outputs nothing. @default 0.1 */
  zeroOutputRate?: number;
  /** Scenario name. @default `gen-${n}x${m}-s${seed}` */
  name?: string;
}

/**
 * Generates a random chain scenario of `n` stages on `m` devices, always feasible. Devices trade
 * latency against energy (fast ones burn more); stage work, memory and output sizes vary. A
 * reference placement is built first, the optimum of a noisy weighted objective that also prices
 * memory per device (so it spreads load away from the devices everyone prefers); the caps and
 * memory budgets are then set a little above its totals and per-device memory (the memory slack
 * is a fraction of its mean load per device). With small
 * slacks the caps sit near the constrained efficient frontier and the budgets sit well below
 * what the unconstrained optimum would want, so every constraint tends to bind. Values are
 * rounded to 0.01, which creates ties.
 *
 * @param n Number of stages (at least 1).
 * @param m Number of devices (at least 1).
 * @param options Seed, slack and sparsity.
 * @returns A valid, normalised scenario.
 * @throws {RangeError} When `n` or `m` is not a positive integer, or a rate is outside [0, 1].
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compileProblem, generateScenario, GOAL_PRESETS, solve } from "./mod.ts";
 * const scenario = generateScenario(12, 3, { seed: 7 });
 * const result = solve(compileProblem(scenario), GOAL_PRESETS.balanced, { topK: 1 });
 * assert(scenario.stages.length === 12 && result.status === "ok");
 * ```
 */
export function generateScenario(n: number, m: number, options: GenerateOptions = {}): Scenario {
  const {
    seed = 1,
    capSlack = 0.05,
    memorySlack = 0.1,
    missingRate = 0,
    missingLinkRate = 0,
    zeroOutputRate = 0.1,
    name = `gen-${n}x${m}-s${seed}`,
  } = options;
  for (const [label, value] of [["n", n], ["m", m]] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(
        `Cannot generate a scenario as '${label}' must be a positive integer: current value is ${value}`,
      );
    }
  }
  for (
    const [label, value] of [["missingRate", missingRate], ["missingLinkRate", missingLinkRate], [
      "zeroOutputRate",
      zeroOutputRate,
    ]] as const
  ) {
    if (!(value >= 0 && value <= 1)) {
      throw new RangeError(
        `Cannot generate a scenario as '${label}' must be within [0, 1]: current value is ${value}`,
      );
    }
  }
  for (const [label, value] of [["capSlack", capSlack], ["memorySlack", memorySlack]] as const) {
    if (!(value >= 0)) {
      throw new RangeError(
        `Cannot generate a scenario as '${label}' must be non-negative: current value is ${value}`,
      );
    }
  }
  const random = mulberry32(seed);
  const between = (lo: number, hi: number) => lo + (hi - lo) * random();
  const round = (x: number) => Math.max(0.01, Math.round(x * 100) / 100);

  const deviceNames = Array.from({ length: m }, (_, d) => `dev${d}`);
  const speed = deviceNames.map(() => between(0.4, 1.6));
  const stages: Stage[] = [];
  for (let i = 0; i < n; i++) {
    const work = between(1, 10);
    const memory = between(50, 500);
    const profiles: Record<string, Profile> = {};
    for (let d = 0; d < m; d++) {
      profiles[deviceNames[d]!] = {
        latency_ms: round(work * speed[d]! * between(0.6, 1.4)),
        energy_mj: round((work / speed[d]!) * between(0.6, 1.4)),
        memory_mb: round(memory * between(0.7, 1.3)),
      };
    }
    stages.push({
      name: `stage${i}`,
      description: "",
      output_mb: random() < zeroOutputRate ? 0 : round(between(0.5, 30)),
      profiles,
    });
  }
  const links: Link[] = [];
  for (let a = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++) {
      links.push({
        source: deviceNames[a]!,
        target: deviceNames[b]!,
        latency_ms_per_mb: round(between(0.02, 0.1)),
        energy_mj_per_mb: round(between(0.02, 0.08)),
        bidirectional: true,
      });
    }
  }
  const full: Scenario = {
    name,
    description:
      `Generated chain: ${n} stages x ${m} devices, seed ${seed}, cap slack ${capSlack}, memory slack ${memorySlack}`,
    devices: deviceNames.map((d) => ({ name: d, label: d, memory_mb: Infinity })),
    links,
    stages,
    constraints: { max_total_latency_ms: null, max_total_energy_mj: null },
  };

  const reference = referencePlacement(full, random);
  const keepStage = (i: number, d: number) => reference[i] === d || random() >= missingRate;
  const needed = new Set<string>();
  for (let i = 1; i < n; i++) {
    if (stages[i - 1]!.output_mb > 0 && reference[i - 1] !== reference[i]) {
      const [a, b] = [reference[i - 1]!, reference[i]!].sort((x, y) => x - y);
      needed.add(`${a},${b}`);
    }
  }
  const scenario: Scenario = {
    ...full,
    links: links.filter((link) => {
      const key = `${deviceNames.indexOf(link.source)},${deviceNames.indexOf(link.target)}`;
      return needed.has(key) || random() >= missingLinkRate;
    }),
    stages: stages.map((stage, i) => ({
      ...stage,
      profiles: Object.fromEntries(
        Object.entries(stage.profiles).filter((_, d) => keepStage(i, d)),
      ),
    })),
  };

  // Totals of the reference, summed in stage order as the solver does.
  const problem = compileProblem(scenario);
  const used = new Float64Array(m);
  let latency = 0;
  let energy = 0;
  let prev = -1;
  for (let i = 0; i < n; i++) {
    const d = reference[i]!;
    const o = optionOf(problem, i, d);
    const at = (i * m + prev) * m + d;
    latency = latency + (i > 0 ? problem.xferLatency[at]! : 0) + problem.optLatency[o]!;
    energy = energy + (i > 0 ? problem.xferEnergy[at]! : 0) + problem.optEnergy[o]!;
    used[d] = used[d]! + problem.optMemory[o]!;
    prev = d;
  }
  const up = (x: number, slack: number) => {
    let v = Math.ceil(x * (1 + slack) * 100) / 100;
    while (v < x) v = Math.round(v * 100 + 1) / 100;
    return v;
  };
  const meanLoad = used.reduce((sum, x) => sum + x, 0) / m;
  const devices: Device[] = deviceNames.map((d, j) => ({
    name: d,
    label: d,
    memory_mb: memorySlack === Infinity ? 1e9 : up(used[j]! + memorySlack * meanLoad, 0),
  }));
  return {
    ...scenario,
    devices,
    constraints: {
      max_total_latency_ms: capSlack === Infinity ? null : up(latency, capSlack),
      max_total_energy_mj: capSlack === Infinity ? null : up(energy, capSlack),
    },
  };
}

/** Device per stage of the optimum of a noisy weighted objective with random memory prices. */
function referencePlacement(scenario: Scenario, random: () => number): number[] {
  const problem = compileProblem(scenario);
  const { n, m, optDevice, optLatency, optEnergy, optMemory, xferLatency, xferEnergy } = problem;
  const alpha = 0.3 + 0.4 * random();
  const price = Array.from({ length: m }, () => random());
  const meanMemory = optMemory.reduce((s, x) => s + x, 0) / optMemory.length;
  const node = new Float64Array(optDevice.length);
  for (let o = 0; o < node.length; o++) {
    node[o] = (alpha * optLatency[o]! / problem.latencyNorm +
      (1 - alpha) * optEnergy[o]! / problem.energyNorm +
      price[optDevice[o]!]! * optMemory[o]! / (meanMemory * n)) * (0.8 + 0.4 * random());
  }
  const xfer = new Float64Array(n * m * m);
  for (let at = 0; at < xfer.length; at++) {
    xfer[at] = alpha * xferLatency[at]! / problem.latencyNorm +
      (1 - alpha) * xferEnergy[at]! / problem.energyNorm;
  }
  const costs: LinearCosts = { node, xfer };
  const best = relaxedOptimum(problem, costs, costToGo(problem, costs))!;
  return Array.from(best.path, (o) => optDevice[o]!);
}

function optionOf(problem: ReturnType<typeof compileProblem>, i: number, d: number): number {
  for (let o = problem.optStart[i]!; o < problem.optStart[i + 1]!; o++) {
    if (problem.optDevice[o] === d) return o;
  }
  throw new RangeError(`Cannot find the option of stage ${i} on device ${d}`);
}

/** A small, fast, seeded 32-bit generator (mulberry32) returning floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
