import type { Problem, RankedPlacement, Weights } from "../solver/mod.ts";
import { solve } from "../solver/mod.ts";
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

/** A constraint whose removal would change the optimum. */
export interface BindingConstraint {
  /** e.g. `latency cap`, `energy cap`, `memory of npu`. */
  name: string;
  /** The limit as written in the scenario, with its unit. */
  limit: string;
  /** The best plan without this constraint. */
  relaxed: RankedPlacement;
}

/**
 * Finds which constraints bind on the optimum: each cap and memory budget is removed in turn
 * and the problem re-solved exactly; a constraint binds when its removal improves the best score.
 *
 * @param problem The compiled problem.
 * @param weights Score weights.
 * @param best The proven optimum under every constraint.
 * @returns The binding constraints with the plan each would allow.
 */
export function bindingConstraints(
  problem: Problem,
  weights: Weights,
  best: RankedPlacement,
): BindingConstraint[] {
  const found: BindingConstraint[] = [];
  const check = (name: string, limit: string, relaxedProblem: Problem) => {
    const r = solve(relaxedProblem, weights, { topK: 1, strategy: "exact" });
    const plan = r.plans[0];
    if (r.optimal && plan && plan.score < best.score - 1e-12) {
      found.push({ name, limit, relaxed: plan });
    }
  };
  if (Number.isFinite(problem.latencyCap)) {
    check("latency cap", `${f2(problem.latencyCap)} ms`, { ...problem, latencyCap: Infinity });
  }
  if (Number.isFinite(problem.energyCap)) {
    check("energy cap", `${f2(problem.energyCap)} mJ`, { ...problem, energyCap: Infinity });
  }
  problem.deviceNames.forEach((name, d) => {
    const memoryBudget = problem.memoryBudget.slice();
    memoryBudget[d] = Infinity;
    check(`memory of ${name}`, `${f2(problem.memoryBudget[d]!)} MB`, { ...problem, memoryBudget });
  });
  return found;
}

/**
 * Full rationale of the best plan: the original's lines, which constraint binds (and what
 * lifting it would buy), which limits are nearly exhausted, and what the runner-up would cost.
 *
 * @param problem The compiled problem.
 * @param weights Score weights.
 * @param plans The ranked plans (proven optimal when `optimal`).
 * @param optimal Whether the plans are proven; binding analysis needs a proven optimum.
 * @returns Sentences for the best plan.
 */
export function rationale(
  problem: Problem,
  weights: Weights,
  plans: readonly RankedPlacement[],
  optimal: boolean,
): string[] {
  const best = plans[0];
  if (!best) return [];
  const lines = basicRationale(problem, best);
  if (optimal) {
    const binding = bindingConstraints(problem, weights, best);
    for (const b of binding) {
      lines.push(
        `The ${b.name} (${b.limit}) binds: without it the best plan would be ${
          b.relaxed.devices.join(" ")
        } at ${f2(b.relaxed.latency)} ms, ${f2(b.relaxed.energy)} mJ, score ${
          b.relaxed.score.toFixed(4)
        } (${signed(b.relaxed.score - best.score, 4)}).`,
      );
    }
    if (binding.length === 0) {
      lines.push("No cap or memory budget binds: this is also the unconstrained optimum.");
    }
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
