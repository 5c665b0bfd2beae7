import { memoryBudgets } from "./memory_budgets.ts";
import type { RunRecord } from "./run_record.ts";

const f = (x: number, digits = 2) => x.toFixed(digits);

/**
 * Explains a configuration's outcome in a few sentences, from its record only: why it is
 * infeasible or failed, or how the chosen plan compares with its runner-up, which caps bind and
 * which device is closest to its memory budget. A `rationale` written by the solver comes first.
 *
 * @param record The configuration's record.
 * @returns Sentences, most important first.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { explain } from "./rationale.ts";
 * const lines = explain({ id: "a", index: 0, params: {}, status: "infeasible",
 *   reason: "no placement meets the latency cap", plans: [] });
 * assert.match(lines[0]!, /no placement meets the latency cap/);
 * ```
 */
export function explain(record: RunRecord): string[] {
  const lines: string[] = [];
  if (typeof record.rationale === "string") lines.push(record.rationale);
  else if (Array.isArray(record.rationale)) lines.push(...record.rationale);
  if (record.status === "infeasible") {
    lines.push(`Infeasible: ${record.reason ?? "the solver gave no reason"}.`);
    return lines;
  }
  if (record.status === "error") {
    lines.push(
      `The solver failed on this configuration: ${record.error ?? "no message recorded"}.`,
    );
    return lines;
  }
  const [best, second] = record.plans;
  if (!best) return [...lines, "No plan was recorded."];
  const goal = record.params.goal;
  lines.push(
    `Rank 1 scores ${f(best.score, 4)}${
      typeof goal === "string" ? ` under the ${goal} goal` : ""
    }: ` +
      `${f(best.latency_ms)} ms, ${f(best.energy_mj)} mJ, ${best.switches} device switch` +
      `${best.switches === 1 ? "" : "es"}.`,
  );
  if (second) {
    const pct = best.score !== 0 ? ((second.score - best.score) / Math.abs(best.score)) * 100 : 0;
    const diffs = best.devices.flatMap((d, i) =>
      second.devices[i] !== d
        ? [`${best.stages[i]?.stage_name ?? `stage ${i}`} on ${d} instead of ${second.devices[i]}`]
        : []
    );
    lines.push(
      `It beats the runner-up by ${f(second.score - best.score, 4)} (${f(pct, 1)}%)` +
        (diffs.length ? `, placing ${diffs.join(", ")}.` : "."),
    );
  } else {
    lines.push("No other placement meets the constraints.");
  }
  const latencyCap = record.params.max_total_latency_ms;
  if (typeof latencyCap === "number") {
    lines.push(
      `Latency cap ${latencyCap} ms: ${f(latencyCap - best.latency_ms)} ms of slack` +
        `${latencyCap - best.latency_ms < 0.05 * latencyCap ? " (tight: within 5%)" : ""}.`,
    );
  }
  const energyCap = record.params.max_total_energy_mj;
  if (typeof energyCap === "number") {
    lines.push(
      `Energy cap ${energyCap} mJ: ${f(energyCap - best.energy_mj)} mJ of slack` +
        `${energyCap - best.energy_mj < 0.05 * energyCap ? " (tight: within 5%)" : ""}.`,
    );
  }
  const budgets = memoryBudgets(record).byDevice;
  const tightest = Object.entries(best.memory_by_device)
    .filter(([d]) => (budgets[d] ?? 0) > 0)
    .map(([d, used]) => ({ d, used, share: used / budgets[d]! }))
    .sort((a, b) => b.share - a.share)[0];
  if (tightest) {
    lines.push(
      `Tightest memory: ${tightest.d} uses ${f(tightest.used, 0)} of ${
        f(budgets[tightest.d]!, 0)
      } MB (${f(tightest.share * 100, 0)}%).`,
    );
  }
  if (record.optimal === true) {
    lines.push(`Proved optimal by the ${record.strategy ?? "solver"} search.`);
  } else if (record.optimal === false && record.gap !== null && record.gap !== undefined) {
    lines.push(`Not proved optimal: gap ${f(record.gap, 4)} to the lower bound.`);
  }
  return lines;
}
