import { problemTables } from "./_tables.ts";
import { exactSearch } from "./exact.ts";
import type { Problem } from "./problem.ts";

const fmt = (x: number) => x.toFixed(2);

/** Options of {@linkcode diagnoseInfeasible}. */
export interface DiagnoseOptions {
  /**
   * Search nodes each of the two searches that tell caps from memory may visit; a search that
   * stops early makes no claim. @default Infinity
   */
  nodeLimit?: number;
}

/**
 * Explains why a problem has no feasible placement, naming the constraint: a stage that fits no
 * device, a missing link, a cap below the best possible total, a device whose memory cannot hold
 * the stages that can only run there, or caps and budgets that cannot be met together.
 *
 * @param problem A problem for which the exact search found no feasible placement.
 * @param options Effort allowed for the searches that tell caps from memory.
 * @returns One sentence.
 */
export function diagnoseInfeasible(problem: Problem, options: DiagnoseOptions = {}): string {
  const { nodeLimit = Infinity } = options;
  const { scenario, n, optStart, optDevice, optMemory, memoryBudget, deviceNames } = problem;
  for (let i = 0; i < n; i++) {
    let fits = false;
    for (let o = optStart[i]!; o < optStart[i + 1]!; o++) {
      if (optMemory[o]! <= memoryBudget[optDevice[o]!]!) fits = true;
    }
    if (!fits) {
      const needs = [];
      for (let o = optStart[i]!; o < optStart[i + 1]!; o++) {
        const d = optDevice[o]!;
        needs.push(
          `${fmt(optMemory[o]!)} MB on ${deviceNames[d]} (budget ${fmt(memoryBudget[d]!)})`,
        );
      }
      return `stage "${scenario.stages[i]!.name}" fits no device: it needs ${needs.join(", ")}`;
    }
  }
  // The least latency and energy over all placements (from the tables the search shares).
  const { leastLatency: fastest, leastEnergy: frugal } = problemTables(problem);
  if (fastest === Infinity) {
    return "no placement connects every stage: each one needs a switch between devices with no link and data to move";
  }
  if (fastest > problem.latencyCap) {
    return `the fastest possible placement takes ${fmt(fastest)} ms, above the ${
      fmt(problem.latencyCap)
    } ms cap`;
  }
  if (frugal > problem.energyCap) {
    return `the most frugal possible placement uses ${fmt(frugal)} mJ, above the ${
      fmt(problem.energyCap)
    } mJ cap`;
  }
  // Memory forced by stages that can run on one device only.
  for (let d = 0; d < problem.m; d++) {
    let forced = 0;
    const names: string[] = [];
    for (let i = 0; i < n; i++) {
      if (optStart[i + 1]! - optStart[i]! === 1 && optDevice[optStart[i]!] === d) {
        forced += optMemory[optStart[i]!]!;
        names.push(scenario.stages[i]!.name);
      }
    }
    if (forced > memoryBudget[d]!) {
      return `${deviceNames[d]} must hold ${names.join(", ")} (they run nowhere else): ${
        fmt(forced)
      } MB, over its ${fmt(memoryBudget[d]!)} MB budget`;
    }
  }
  const weights = { latency: 1, energy: 0, switches: 0 };
  // Without memory budgets; the problem itself when they can never bind (every option fits and
  // no device can be loaded past its budget), so its cached tables serve the search.
  const withoutMemory = memoryCanBind(problem)
    ? { ...problem, memoryBudget: new Float64Array(problem.m).fill(Infinity) }
    : problem;
  const capsOnly = exactSearch(withoutMemory, weights, { topK: 1, nodeLimit });
  if (capsOnly.complete && capsOnly.top.size === 0) {
    return `no placement meets both caps at once: the fastest takes ${fmt(fastest)} ms (cap ${
      fmt(problem.latencyCap)
    }) and the most frugal uses ${fmt(frugal)} mJ (cap ${
      fmt(problem.energyCap)
    }), but none does both`;
  }
  const withoutCaps = { ...problem, latencyCap: Infinity, energyCap: Infinity };
  const memoryOnly = exactSearch(withoutCaps, weights, { topK: 1, nodeLimit });
  if (memoryOnly.complete && memoryOnly.top.size === 0) {
    return `the memory budgets (${
      deviceNames.map((name, d) => `${name} ${fmt(memoryBudget[d]!)} MB`).join(", ")
    }) cannot hold every stage in any placement`;
  }
  if (!capsOnly.complete || !memoryOnly.complete) {
    return "no single cap or budget rules every placement out on its own; together they may";
  }
  return "the latency and energy caps cannot be met within the memory budgets: each placement that fits in memory breaks a cap";
}

/** Whether some placement could break a memory budget (some option or device load exceeds it). */
function memoryCanBind(problem: Problem): boolean {
  const { n, m, optStart, optDevice, optMemory, memoryBudget } = problem;
  const most = new Array<number>(m);
  const load = new Array<number>(m).fill(0);
  for (let i = 0; i < n; i++) {
    most.fill(0);
    for (let o = optStart[i]!; o < optStart[i + 1]!; o++) {
      const d = optDevice[o]!;
      if (optMemory[o]! > memoryBudget[d]!) return true;
      if (optMemory[o]! > most[d]!) most[d] = optMemory[o]!;
    }
    for (let d = 0; d < m; d++) load[d] = load[d]! + most[d]!;
  }
  return load.some((l, d) => l > memoryBudget[d]!);
}
