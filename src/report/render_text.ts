import { formatMb } from "./format_mb.ts";
import type { PlanRecord } from "./plan_record.ts";
import { textTable } from "./text_table.ts";

const f2 = (x: number) => x.toFixed(2);

/**
 * Renders plans as the original tool's text report: summary, memory per device, placement table,
 * rationale and alternatives, plus a line on how optimality was established.
 *
 * @param plans The ranked plans, best first (at least one).
 * @param proof A sentence on the proof status, e.g. `proven optimal by exact search`.
 * @returns The report.
 */
export function renderText(plans: readonly PlanRecord[], proof: string): string {
  const best = plans[0];
  if (!best) return "No feasible placement found.";
  const memory = Object.entries(best.memory_by_device)
    .map(([d, used]) =>
      `${d} ${formatMb(used)}/${formatMb(best.memory_budget_by_device[d] ?? 0)} MB`
    )
    .join(", ");
  const lines = [
    `Pipeline: ${best.pipeline_name}`,
    `Goal: ${best.goal} | Strategy: ${best.strategy} | Score: ${f2(best.total_score)}`,
    `Latency: ${f2(best.total_latency_ms)} ms | Energy: ${
      f2(best.total_energy_mj)
    } mJ | Switches: ${best.switches}`,
    `Memory: ${memory}`,
    `Proof: ${proof}`,
    "",
    "Placement",
    textTable(
      ["stage", "device", "exec ms", "xfer ms", "total ms", "exec mJ", "xfer mJ", "memory MB"],
      best.assignments.map((a) => [
        a.stage_name,
        a.device_name,
        f2(a.execution_latency_ms),
        f2(a.transfer_latency_ms),
        f2(a.total_latency_ms),
        f2(a.execution_energy_mj),
        f2(a.transfer_energy_mj),
        formatMb(a.memory_mb),
      ]),
    ),
  ];
  if (best.explanation.length > 0) {
    lines.push("", "Rationale", ...best.explanation.map((l) => `- ${l}`));
  }
  if (plans.length > 1) {
    lines.push(
      "",
      "Alternatives",
      textTable(
        ["rank", "score", "latency ms", "energy mJ", "switches", "device path"],
        plans.slice(1).map((p) => [
          String(p.rank),
          f2(p.total_score),
          f2(p.total_latency_ms),
          f2(p.total_energy_mj),
          String(p.switches),
          p.device_path.join(" -> "),
        ]),
      ),
    );
  }
  return lines.join("\n");
}
