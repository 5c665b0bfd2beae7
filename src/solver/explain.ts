import type { Weights } from "./goals.ts";
import { paretoFront } from "./pareto_front.ts";
import type { Problem } from "./problem.ts";
import { type RankedPlacement, solve } from "./solve.ts";

/** Options of {@linkcode explainPlan}. */
export interface ExplainOptions {
  /** Relative step by which a binding limit is loosened to price it. @default 0.05 */
  step?: number;
  /** Search nodes each re-solve may visit; a re-solve that stops makes no claim. @default 2_000_000 */
  nodeLimit?: number;
  /** Give up on the Pareto neighbours at this `performance.now()` time. @default Infinity */
  deadline?: number;
}

/** What one cap or memory budget does to the best plan. */
export interface LimitExplanation {
  kind: "latency" | "energy" | "memory";
  /** Device of a memory budget. */
  device?: string;
  /** e.g. `latency cap`, `memory of npu`. */
  name: string;
  unit: "ms" | "mJ" | "MB";
  /** The limit. */
  limit: number;
  /** What the plan uses of it. */
  used: number;
  /** Whether removing the limit improves the best score (proven by exact re-solves). */
  binding: boolean;
  /** Best score without the limit (when binding). */
  scoreWithout?: number;
  /** How much the limit was loosened to price it, in its unit. */
  step?: number;
  /** Score gained per extra unit of the limit (loosened by `step`); 0 when not binding. */
  pricePerUnit: number;
  /** Latency change (ms) per extra unit of the limit, negative when faster. */
  latencyPerUnit: number;
  /** Energy change (mJ) per extra unit of the limit, negative when more frugal. */
  energyPerUnit: number;
}

/** Why the best plan is what it is, as data and as sentences. */
export interface Explanation {
  /** The plan explained. */
  plan: RankedPlacement;
  /** Every finite cap and memory budget, binding ones first. */
  limits: LimitExplanation[];
  /** Whether every re-solve behind `limits` was proven. */
  proven: boolean;
  /** Nearest placement on the latency/energy front that is faster (spends more energy). */
  faster?: RankedPlacement;
  /** Nearest placement on the front that spends less energy (is slower). */
  frugal?: RankedPlacement;
  /** A front placement at least as good on both totals, when the plan is not on the front. */
  dominatedBy?: RankedPlacement;
  sentences: string[];
}

const f2 = (x: number) => x.toFixed(2);
const f4 = (x: number) => x.toFixed(4);
const signed = (x: number, digits = 2) => `${x >= 0 ? "+" : ""}${x.toFixed(digits)}`;

/**
 * Explains the best plan of a problem: which caps and memory budgets bind (each is removed in
 * turn and the problem re-solved exactly: binding when the best score improves), the price of
 * each binding limit (the score, latency and energy gained per extra unit when it is loosened by
 * a small step, by another exact re-solve), and the nearest placements on either side of the
 * latency/energy trade-off (neighbours on the exact Pareto front).
 *
 * @param problem The compiled problem.
 * @param weights Score weights.
 * @param plan The proven best plan under `weights`.
 * @param options Step and effort limits.
 * @returns Structured findings and sentences.
 * @throws {RangeError} When `step` is not positive.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compileProblem, explainPlan, generateScenario, GOAL_PRESETS, solve } from "./mod.ts";
 * const problem = compileProblem(generateScenario(10, 3, { seed: 2 }));
 * const best = solve(problem, GOAL_PRESETS.balanced, { topK: 1 }).plans[0]!;
 * const why = explainPlan(problem, GOAL_PRESETS.balanced, best);
 * assert.ok(why.limits.length === 5 && why.sentences.length > 0);
 * ```
 */
export function explainPlan(
  problem: Problem,
  weights: Weights,
  plan: RankedPlacement,
  options: ExplainOptions = {},
): Explanation {
  const { step = 0.05, nodeLimit = 2_000_000, deadline = Infinity } = options;
  if (!(step > 0)) {
    throw new RangeError(
      `Cannot explain the plan as 'step' must be positive: current value is ${step}`,
    );
  }
  let proven = true;
  const best = (variant: Problem): RankedPlacement | undefined | null => {
    const r = solve(variant, weights, { topK: 1, strategy: "exact", nodeLimit });
    if (!r.optimal) {
      proven = false;
      return null;
    }
    return r.plans[0];
  };
  const limits: LimitExplanation[] = [];
  const examine = (
    base: Omit<LimitExplanation, "binding" | "pricePerUnit" | "latencyPerUnit" | "energyPerUnit">,
    without: Problem,
    loosen: (amount: number) => Problem,
  ) => {
    const entry: LimitExplanation = {
      ...base,
      binding: false,
      pricePerUnit: 0,
      latencyPerUnit: 0,
      energyPerUnit: 0,
    };
    const free = best(without);
    if (free && free.score < plan.score - 1e-12 * Math.max(1, Math.abs(plan.score))) {
      entry.binding = true;
      entry.scoreWithout = free.score;
      const amount = Math.max(step * Math.abs(base.limit), 1e-6);
      const looser = best(loosen(amount));
      entry.step = amount;
      if (looser) {
        entry.pricePerUnit = (plan.score - looser.score) / amount;
        entry.latencyPerUnit = (looser.latency - plan.latency) / amount;
        entry.energyPerUnit = (looser.energy - plan.energy) / amount;
      }
    }
    limits.push(entry);
  };
  if (Number.isFinite(problem.latencyCap)) {
    const cap = problem.latencyCap;
    examine(
      { kind: "latency", name: "latency cap", unit: "ms", limit: cap, used: plan.latency },
      { ...problem, latencyCap: Infinity },
      (amount) => ({ ...problem, latencyCap: cap + amount }),
    );
  }
  if (Number.isFinite(problem.energyCap)) {
    const cap = problem.energyCap;
    examine(
      { kind: "energy", name: "energy cap", unit: "mJ", limit: cap, used: plan.energy },
      { ...problem, energyCap: Infinity },
      (amount) => ({ ...problem, energyCap: cap + amount }),
    );
  }
  problem.deviceNames.forEach((device, d) => {
    const budget = problem.memoryBudget[d]!;
    if (!Number.isFinite(budget)) return;
    const withBudget = (value: number): Problem => {
      const memoryBudget = problem.memoryBudget.slice();
      memoryBudget[d] = value;
      return { ...problem, memoryBudget };
    };
    examine(
      {
        kind: "memory",
        device,
        name: `memory of ${device}`,
        unit: "MB",
        limit: budget,
        used: plan.memory[d]!,
      },
      withBudget(Infinity),
      (amount) => withBudget(budget + amount),
    );
  });
  limits.sort((a, b) => Number(b.binding) - Number(a.binding));

  const explanation: Explanation = { plan, limits, proven, sentences: [] };
  const front = paretoFront(problem, { weights, deadline });
  if (front.complete) {
    for (const p of front.points) {
      if (p.latency <= plan.latency && p.energy <= plan.energy) {
        if (p.latency < plan.latency || p.energy < plan.energy) explanation.dominatedBy = p;
      } else if (p.latency < plan.latency) {
        explanation.faster = p; // by increasing latency: the last faster one is the nearest
      } else if (p.energy < plan.energy && explanation.frugal === undefined) {
        explanation.frugal = p; // the first more frugal one is the nearest
      }
    }
  }
  explanation.sentences = sentences(explanation, front.complete);
  return explanation;
}

function sentences(e: Explanation, frontKnown: boolean): string[] {
  const out: string[] = [];
  const binding = e.limits.filter((l) => l.binding);
  if (binding.length === 0 && e.proven) {
    out.push(
      "No cap or memory budget binds: this is also the best plan with every limit removed.",
    );
  }
  for (const l of binding) {
    const without = l.scoreWithout === undefined
      ? ""
      : `; without it the best score would be ${f4(l.scoreWithout)} (${
        signed(l.scoreWithout - e.plan.score, 4)
      })`;
    out.push(
      `The ${l.name} (${f2(l.limit)} ${l.unit}) binds: the plan uses ${
        f2(l.used)
      } ${l.unit}${without}.`,
    );
    if (l.step !== undefined && l.pricePerUnit > 0) {
      out.push(
        `Each extra ${l.unit} of the ${l.name} is worth ${f4(l.pricePerUnit)} score (${
          signed(l.latencyPerUnit, 3)
        } ms, ${signed(l.energyPerUnit, 3)} mJ per ${l.unit}), measured by loosening it by ${
          f2(l.step)
        } ${l.unit}.`,
      );
    } else if (l.step !== undefined) {
      out.push(
        `Loosening the ${l.name} by ${f2(l.step)} ${l.unit} alone changes nothing: it takes more.`,
      );
    }
  }
  if (!e.proven) {
    out.push("Some re-solves were stopped early, so not every limit could be classified.");
  }
  const place = (p: RankedPlacement) =>
    `${p.devices.join(" ")} (${f2(p.latency)} ms, ${f2(p.energy)} mJ)`;
  if (e.dominatedBy) {
    out.push(
      `On latency and energy alone, ${
        place(e.dominatedBy)
      } does at least as well; this plan wins on the switch penalty or the tie order.`,
    );
  }
  if (e.faster) {
    out.push(
      `The nearest faster placement on the latency/energy front is ${place(e.faster)}: ${
        signed(e.faster.latency - e.plan.latency)
      } ms for ${signed(e.faster.energy - e.plan.energy)} mJ.`,
    );
  }
  if (e.frugal) {
    out.push(
      `The nearest more frugal placement on the front is ${place(e.frugal)}: ${
        signed(e.frugal.energy - e.plan.energy)
      } mJ for ${signed(e.frugal.latency - e.plan.latency)} ms.`,
    );
  }
  if (frontKnown && !e.faster && !e.dominatedBy) {
    out.push("No feasible placement is faster.");
  }
  if (frontKnown && !e.frugal && !e.dominatedBy) {
    out.push("No feasible placement uses less energy.");
  }
  return out;
}
