import { stringify } from "csv-stringify/sync";
import type { PlanRecord } from "./plan_record.ts";

/** Columns of the `plan --format csv` output, in order. */
export const PLAN_CSV_COLUMNS = [
  "rank",
  "pipeline_name",
  "goal",
  "strategy",
  "total_score",
  "total_latency_ms",
  "total_energy_mj",
  "switches",
  "optimal",
  "stage_index",
  "stage_name",
  "device_name",
  "execution_latency_ms",
  "transfer_latency_ms",
  "stage_latency_ms",
  "execution_energy_mj",
  "transfer_energy_mj",
  "stage_energy_mj",
  "memory_mb",
] as const;

/**
 * Renders plans as RFC 4180 CSV, one row per rank x stage.
 *
 * @param plans The ranked plans.
 * @returns CSV text with a header row.
 */
export function renderCsv(plans: readonly PlanRecord[]): string {
  const rows = plans.flatMap((p) =>
    p.assignments.map((a, i) => [
      p.rank,
      p.pipeline_name,
      p.goal,
      p.strategy,
      p.total_score,
      p.total_latency_ms,
      p.total_energy_mj,
      p.switches,
      p.optimal,
      i,
      a.stage_name,
      a.device_name,
      a.execution_latency_ms,
      a.transfer_latency_ms,
      a.total_latency_ms,
      a.execution_energy_mj,
      a.transfer_energy_mj,
      a.total_energy_mj,
      a.memory_mb,
    ])
  );
  return stringify(rows, {
    header: true,
    columns: [...PLAN_CSV_COLUMNS],
    record_delimiter: "unix",
    cast: { boolean: (b) => (b ? "true" : "false") },
  });
}
