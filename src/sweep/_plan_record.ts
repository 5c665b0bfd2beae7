import type { PlanRecord, RunRecord } from "../results/run_record.ts";
import type { Problem } from "../solver/mod.ts";

/** The `runs.jsonl` form of one ranked placement, with per-stage costs from the compiled problem. */
export function planRecord(
  problem: Problem,
  path: readonly number[],
  rank: number,
  plan: { score: number; latency: number; energy: number; switches: number; memory: number[] },
): PlanRecord {
  const { m, optDevice, optLatency, optEnergy, optMemory, xferLatency, xferEnergy, deviceNames } =
    problem;
  const stages = [];
  let prev = -1;
  for (let i = 0; i < path.length; i++) {
    const o = path[i]!;
    const d = optDevice[o]!;
    const at = i > 0 ? (i * m + prev) * m + d : -1;
    stages.push({
      stage_name: problem.scenario.stages[i]!.name,
      device_name: deviceNames[d]!,
      execution_latency_ms: optLatency[o]!,
      transfer_latency_ms: at >= 0 ? xferLatency[at]! : 0,
      execution_energy_mj: optEnergy[o]!,
      transfer_energy_mj: at >= 0 ? xferEnergy[at]! : 0,
      memory_mb: optMemory[o]!,
    });
    prev = d;
  }
  const memory_by_device: Record<string, number> = {};
  deviceNames.forEach((name, d) => memory_by_device[name] = plan.memory[d]!);
  return {
    rank,
    score: plan.score,
    latency_ms: plan.latency,
    energy_mj: plan.energy,
    switches: plan.switches,
    devices: path.map((o) => deviceNames[optDevice[o]!]!),
    memory_by_device,
    stages,
  };
}

/** The record body of a configuration without plans: infeasible before solving, or an error. */
export function blank(
  id: string,
  group: string,
  status: "infeasible" | "error",
  reason: string | null,
  error: string | null,
): Omit<RunRecord, "index" | "params" | "solve_ms" | "memory_budget_by_device" | "caps"> {
  return {
    id,
    status,
    group,
    latency_ms: null,
    energy_mj: null,
    strategy: null,
    optimal: null,
    lower_bound: null,
    gap: null,
    plans: [],
    reason,
    error,
  };
}
