import type { Problem, RankedPlacement, SolveResult } from "../solver/mod.ts";

/** One stage of a plan, with the original tool's field names. */
export interface AssignmentRecord {
  stage_name: string;
  device_name: string;
  execution_latency_ms: number;
  transfer_latency_ms: number;
  total_latency_ms: number;
  execution_energy_mj: number;
  transfer_energy_mj: number;
  total_energy_mj: number;
  memory_mb: number;
}

/** One ranked plan: the original tool's JSON fields plus rank, proof status and budgets. */
export interface PlanRecord {
  rank: number;
  pipeline_name: string;
  goal: string;
  strategy: string;
  optimal: boolean;
  lower_bound: number;
  total_latency_ms: number;
  total_energy_mj: number;
  total_score: number;
  switches: number;
  device_path: string[];
  memory_by_device: Record<string, number>;
  memory_budget_by_device: Record<string, number>;
  explanation: string[];
  assignments: AssignmentRecord[];
}

/**
 * Expands one placement into per-stage rows (execution and transfer costs, memory).
 *
 * @param problem The compiled problem.
 * @param path Option index per stage.
 * @returns One row per stage, in stage order.
 */
export function assignmentsOf(problem: Problem, path: readonly number[]): AssignmentRecord[] {
  const { m, optDevice, optLatency, optEnergy, optMemory, xferLatency, xferEnergy } = problem;
  let prev = -1;
  return path.map((o, i) => {
    const d = optDevice[o]!;
    const at = (i * m + prev) * m + d;
    const xl = i > 0 ? xferLatency[at]! : 0;
    const xe = i > 0 ? xferEnergy[at]! : 0;
    prev = d;
    return {
      stage_name: problem.scenario.stages[i]!.name,
      device_name: problem.deviceNames[d]!,
      execution_latency_ms: optLatency[o]!,
      transfer_latency_ms: xl,
      total_latency_ms: optLatency[o]! + xl,
      execution_energy_mj: optEnergy[o]!,
      transfer_energy_mj: xe,
      total_energy_mj: optEnergy[o]! + xe,
      memory_mb: optMemory[o]!,
    };
  });
}

/**
 * Builds the report records of a solve result, best first.
 *
 * @param problem The compiled problem.
 * @param goal The goal's name (a preset or `custom`).
 * @param result What `solve` (or `solveMilp`, strategy `milp`) returned.
 * @param explain Rationale lines for each plan, by rank (0-based).
 * @returns One record per plan.
 */
export function planRecords(
  problem: Problem,
  goal: string,
  result: Omit<SolveResult, "strategy"> & { strategy: string },
  explain: (plan: RankedPlacement, rank: number) => string[] = () => [],
): PlanRecord[] {
  const budgets = Object.fromEntries(problem.scenario.devices.map((d) => [d.name, d.memory_mb]));
  return result.plans.map((plan, j) => ({
    rank: j + 1,
    pipeline_name: problem.scenario.name,
    goal,
    strategy: result.strategy,
    optimal: result.optimal,
    lower_bound: result.lowerBound,
    total_latency_ms: plan.latency,
    total_energy_mj: plan.energy,
    total_score: plan.score,
    switches: plan.switches,
    device_path: plan.devices,
    memory_by_device: Object.fromEntries(problem.deviceNames.map((n, d) => [n, plan.memory[d]!])),
    memory_budget_by_device: budgets,
    explanation: explain(plan, j),
    assignments: assignmentsOf(problem, plan.path),
  }));
}
