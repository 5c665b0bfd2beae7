/**
 * The shape of one line of `runs.jsonl` (see docs/RESULTS_FORMAT.md). The first keys (`id`,
 * `index`, `status`, `group`, `latency_ms`, `energy_mj`) are always written first and in this
 * order, so that scans can read them without parsing the whole line.
 *
 * @module
 */

/** One pipeline stage of a ranked plan. */
export interface StageRecord {
  stage_name: string;
  device_name: string;
  execution_latency_ms: number;
  transfer_latency_ms: number;
  execution_energy_mj: number;
  transfer_energy_mj: number;
  memory_mb: number;
}

/** One ranked plan of a configuration. */
export interface PlanRecord {
  rank: number;
  score: number;
  latency_ms: number;
  energy_mj: number;
  switches: number;
  devices: string[];
  memory_by_device: Record<string, number>;
  stages: StageRecord[];
}

/** How a configuration ended. */
export type RunStatus = "ok" | "infeasible" | "error";

/** Statuses in the order of their numeric codes (used in compact arrays). */
export const RUN_STATUSES: readonly RunStatus[] = ["ok", "infeasible", "error"];

/** One configuration's result: one line of `runs.jsonl`. */
export interface RunRecord {
  id: string;
  index: number;
  status: RunStatus;
  /** Pareto group key (addition to the v1 contract). */
  group: string;
  /** Rank-1 latency, null without a plan (addition to the v1 contract). */
  latency_ms: number | null;
  /** Rank-1 energy, null without a plan (addition to the v1 contract). */
  energy_mj: number | null;
  params: Record<string, unknown>;
  /**
   * Memory budget of each device of the resolved scenario (after the device profile and memory
   * axes), null when the configuration could not be resolved (addition to the v1 contract).
   */
  memory_budget_by_device: Record<string, number> | null;
  /**
   * The caps the configuration was solved under, after cap factors (`null` = uncapped); `null`
   * when the configuration could not be resolved (addition to the v1 contract).
   */
  caps: { max_total_latency_ms: number | null; max_total_energy_mj: number | null } | null;
  /** The search that produced the plans (`exact`, `beam`, ...), null without a solve. */
  strategy: string | null;
  optimal: boolean | null;
  lower_bound: number | null;
  gap: number | null;
  solve_ms: number;
  plans: PlanRecord[];
  reason: string | null;
  error: string | null;
}
