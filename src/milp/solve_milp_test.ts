import assert from "node:assert/strict";
import fc from "fast-check";
import { scenarioArbitrary, weightsArbitrary } from "../solver/_scenario_arbitrary.ts";
import { evaluatePath } from "../solver/evaluate.ts";
import { generateScenario } from "../solver/generate.ts";
import { GOAL_PRESETS } from "../solver/goals.ts";
import { paretoFront } from "../solver/pareto_front.ts";
import { compileProblem } from "../solver/problem.ts";
import { solve } from "../solver/solve.ts";
import { solveMilp } from "./solve_milp.ts";

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a));

Deno.test("solveMilp() agrees with the exact search on random scenarios", async () => {
  await fc.assert(
    fc.asyncProperty(scenarioArbitrary(), weightsArbitrary, async (scenario, weights) => {
      const problem = compileProblem(scenario);
      const exact = solve(problem, weights, { topK: 1, strategy: "exact" });
      const milp = await solveMilp(problem, weights, { topK: 1 });
      assert.ok(exact.optimal && milp.optimal);
      assert.equal(milp.status, exact.status);
      if (exact.status === "ok") {
        assert.ok(close(milp.plans[0]!.score, exact.plans[0]!.score));
        assert.ok(evaluatePath(problem, weights, milp.plans[0]!.path).feasible);
      }
    }),
    { numRuns: 250 },
  );
});

Deno.test("solveMilp() top-k scores match the exact search's", async () => {
  await fc.assert(
    fc.asyncProperty(
      scenarioArbitrary({ maxStages: 5 }),
      weightsArbitrary,
      fc.integer({ min: 2, max: 4 }),
      async (scenario, weights, topK) => {
        const problem = compileProblem(scenario);
        const exact = solve(problem, weights, { topK, strategy: "exact" });
        const milp = await solveMilp(problem, weights, { topK });
        assert.equal(milp.plans.length, exact.plans.length);
        milp.plans.forEach((p, j) => assert.ok(close(p.score, exact.plans[j]!.score)));
      },
    ),
    { numRuns: 100 },
  );
});

Deno.test("solveMilp() agrees with the exact search on generated tight chains", async () => {
  for (const [n, m] of [[12, 3], [16, 4]] as const) {
    for (const seed of [1, 2, 3]) {
      const problem = compileProblem(generateScenario(n, m, { seed }));
      for (const goal of ["latency", "balanced"] as const) {
        const exact = solve(problem, GOAL_PRESETS[goal], { topK: 1, strategy: "exact" });
        const milp = await solveMilp(problem, GOAL_PRESETS[goal], { topK: 1 });
        assert.ok(exact.optimal && milp.optimal, `${n}x${m} seed ${seed} ${goal}`);
        assert.ok(close(milp.plans[0]!.score, exact.plans[0]!.score), `${n}x${m} seed ${seed}`);
      }
    }
  }
});

Deno.test("the Pareto front contains HiGHS's optimum for random latency/energy weights", async () => {
  await fc.assert(
    fc.asyncProperty(
      scenarioArbitrary(),
      fc.integer({ min: 0, max: 16 }),
      async (scenario, sixteenths) => {
        const problem = compileProblem(scenario);
        const weights = { latency: sixteenths / 16, energy: 1 - sixteenths / 16, switches: 0 };
        const milp = await solveMilp(problem, weights, { topK: 1 });
        const front = paretoFront(problem, { weights });
        assert.equal(front.points.length > 0, milp.plans.length > 0);
        if (milp.plans.length === 0) return;
        const best = Math.min(...front.points.map((p) => p.score));
        assert.ok(close(best, milp.plans[0]!.score));
      },
    ),
    { numRuns: 150 },
  );
});

Deno.test("solveMilp() rejects a bad top-k", async () => {
  const problem = compileProblem(generateScenario(3, 2));
  await assert.rejects(() => solveMilp(problem, GOAL_PRESETS.balanced, { topK: 0 }), RangeError);
});
