/**
 * Solver speed: `deno bench --allow-read bench/solver_bench.ts`. Each instance is solved for the
 * balanced goal, top-1 and top-3, "warm" (the same compiled problem every iteration, so the
 * per-problem tables are cached, as in a sweep that solves one scenario for several goals or k)
 * and "cold" (compiled afresh every iteration: tables, Lagrangian tuning and all). The setup
 * asserts that every answer is proven optimal.
 *
 * @module
 */
import { compileProblem, GOAL_PRESETS, solve } from "../src/solver/mod.ts";
import { benchInstances } from "./_instances.ts";

const weights = GOAL_PRESETS.balanced;

for (const { name, scenario } of benchInstances()) {
  for (const topK of [1, 3]) {
    const problem = compileProblem(scenario);
    const check = solve(problem, weights, { topK, strategy: "exact" });
    if (!check.optimal || check.plans.length !== topK) {
      throw new Error(`Benchmark instance ${name} top-${topK} is not proven optimal`);
    }
    Deno.bench({
      name: `${name} top-${topK} warm`,
      group: `${name} top-${topK}`,
      baseline: true,
      fn: () => {
        solve(problem, weights, { topK, strategy: "exact" });
      },
    });
    Deno.bench({
      name: `${name} top-${topK} cold`,
      group: `${name} top-${topK}`,
      fn: () => {
        solve(compileProblem(scenario), weights, { topK, strategy: "exact" });
      },
    });
  }
}
