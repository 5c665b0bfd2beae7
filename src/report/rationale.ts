import type { Problem, RankedPlacement, Weights } from "../solver/mod.ts";
import { explainPlan } from "../solver/mod.ts";
import { assignmentsOf } from "./plan_record.ts";

const f2 = (x: number) => x.toFixed(2);
const signed = (x: number, digits = 2) => `${x >= 0 ? "+" : ""}${x.toFixed(digits)}`;

/**
 * The original tool's rationale for a plan: the latency bottleneck, the device with the highest
 * memory utilisation, and the heaviest handoff.
 *
 * @param problem The compiled problem.
 * @param plan The plan to explain.
 * @returns Sentences.
 */
export function basicRationale(problem: Problem, plan: RankedPlacement): string[] {
  const rows = assignmentsOf(problem, plan.path);
  if (rows.length === 0) return [];
  const slowest = rows.reduce((a, b) => (b.total_latency_ms > a.total_latency_ms ? b : a));
  const lines = [
    `${slowest.stage_name} is the latency bottleneck on ${slowest.device_name} at ${
      f2(slowest.total_latency_ms)
    } ms.`,
  ];
  let busiest = 0;
  let busiestUse = -Infinity;
  problem.deviceNames.forEach((_, d) => {
    const budget = problem.memoryBudget[d]!;
    const use = budget > 0 ? plan.memory[d]! / budget : plan.memory[d]! > 0 ? Infinity : 0;
    if (use > busiestUse) {
      busiestUse = use;
      busiest = d;
    }
  });
  lines.push(
    `${problem.deviceNames[busiest]} uses ${
      Math.round(busiestUse * 100)
    }% of its memory budget in this placement.`,
  );
  const heaviest = rows.reduce((a, b) => (b.transfer_latency_ms > a.transfer_latency_ms ? b : a));
  lines.push(
    heaviest.transfer_latency_ms > 0
      ? `The handoff into ${heaviest.stage_name} adds ${
        f2(heaviest.transfer_latency_ms)
      } ms of copy overhead.`
      : "The pipeline stays on one accelerator end-to-end, so transfer overhead is zero.",
  );
  return lines;
}

/**
 * Full rationale of the best plan: the original's lines; when the plan is proven optimal, the
 * solver's explanation (which caps and budgets bind, their price, the nearest placements on the
 * latency/energy front, see `explainPlan`); the headroom under the caps; the runner-up's cost.
 *
 * @param problem The compiled problem.
 * @param weights Score weights.
 * @param plans The ranked plans (proven optimal when `optimal`).
 * @param optimal Whether the plans are proven; binding analysis needs a proven optimum.
 * @param explainBudgetMs Wall-clock budget of the explanation's re-solves.
 * @returns Sentences for the best plan.
 */
export function rationale(
  problem: Problem,
  weights: Weights,
  plans: readonly RankedPlacement[],
  optimal: boolean,
  explainBudgetMs = 3000,
): string[] {
  const best = plans[0];
  if (!best) return [];
  const lines = basicRationale(problem, best);
  if (optimal) {
    const explanation = explainPlan(problem, weights, best, {
      nodeLimit: 500_000,
      deadline: performance.now() + explainBudgetMs,
    });
    lines.push(...explanation.sentences);
  }
  const slack: string[] = [];
  if (Number.isFinite(problem.latencyCap)) {
    slack.push(`${f2(problem.latencyCap - best.latency)} ms under the latency cap`);
  }
  if (Number.isFinite(problem.energyCap)) {
    slack.push(`${f2(problem.energyCap - best.energy)} mJ under the energy cap`);
  }
  if (slack.length > 0) lines.push(`Headroom: ${slack.join(", ")}.`);
  const second = plans[1];
  if (second) {
    lines.push(
      `The runner-up (${second.devices.join(" ")}) would cost ${
        signed(second.score - best.score, 4)
      } score, ${signed(second.latency - best.latency)} ms and ${
        signed(second.energy - best.energy)
      } mJ.`,
    );
  }
  return lines;
}
