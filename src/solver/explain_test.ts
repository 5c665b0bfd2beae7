import assert from "node:assert/strict";
import fc from "fast-check";
import { scenarioArbitrary, weightsArbitrary } from "./_scenario_arbitrary.ts";
import { bruteForce } from "./brute_force.ts";
import { explainPlan } from "./explain.ts";
import { paretoFront } from "./pareto_front.ts";
import { compileProblem, type Problem } from "./problem.ts";
import { solve } from "./solve.ts";

Deno.test("explainPlan() calls a limit binding exactly when removing it improves the optimum", () => {
  fc.assert(
    fc.property(scenarioArbitrary({ maxStages: 5 }), weightsArbitrary, (scenario, weights) => {
      const problem = compileProblem(scenario);
      const plan = solve(problem, weights, { topK: 1, strategy: "exact" }).plans[0];
      if (!plan) return;
      const why = explainPlan(problem, weights, plan);
      assert.ok(why.proven);
      const optimum = (p: Problem) => bruteForce(p, weights, 1).score[0]!;
      for (const limit of why.limits) {
        let without: Problem;
        if (limit.kind === "latency") without = { ...problem, latencyCap: Infinity };
        else if (limit.kind === "energy") without = { ...problem, energyCap: Infinity };
        else {
          const memoryBudget = problem.memoryBudget.slice();
          memoryBudget[problem.deviceNames.indexOf(limit.device!)] = Infinity;
          without = { ...problem, memoryBudget };
        }
        const better: boolean =
          optimum(without) < plan.score - 1e-12 * Math.max(1, Math.abs(plan.score));
        assert.equal(limit.binding, better, limit.name);
        assert.ok(limit.pricePerUnit >= -1e-12);
        assert.ok(limit.used <= limit.limit);
      }
      const binding = why.limits.filter((l) => l.binding).length;
      assert.ok(why.limits.slice(0, binding).every((l) => l.binding));
      assert.ok(why.sentences.length > 0);
    }),
    { numRuns: 300 },
  );
});

Deno.test("explainPlan() names the adjacent points of the Pareto front", () => {
  fc.assert(
    fc.property(scenarioArbitrary({ maxStages: 5 }), weightsArbitrary, (scenario, weights) => {
      const problem = compileProblem(scenario);
      const plan = solve(problem, weights, { topK: 1, strategy: "exact" }).plans[0];
      if (!plan) return;
      const why = explainPlan(problem, weights, plan);
      const front = paretoFront(problem).points;
      const faster = front.filter((p) => p.latency < plan.latency && p.energy > plan.energy);
      const frugal = front.filter((p) => p.energy < plan.energy && p.latency > plan.latency);
      assert.deepEqual(why.faster?.path, faster.at(-1)?.path);
      assert.deepEqual(why.frugal?.path, frugal[0]?.path);
      const dominated = front.some((p) =>
        p.latency <= plan.latency && p.energy <= plan.energy &&
        (p.latency < plan.latency || p.energy < plan.energy)
      );
      assert.equal(why.dominatedBy !== undefined, dominated);
    }),
    { numRuns: 300 },
  );
});

Deno.test("explainPlan() rejects a non-positive step", () => {
  const problem = compileProblem({
    name: "t",
    description: "",
    links: [],
    devices: [{ name: "cpu", label: "cpu", memory_mb: 100 }],
    stages: [{
      name: "s",
      description: "",
      output_mb: 0,
      profiles: { cpu: { latency_ms: 2, energy_mj: 1, memory_mb: 10 } },
    }],
    constraints: { max_total_latency_ms: null, max_total_energy_mj: null },
  });
  const weights = { latency: 1, energy: 1, switches: 0 };
  const plan = solve(problem, weights, { topK: 1 }).plans[0]!;
  assert.throws(() => explainPlan(problem, weights, plan, { step: 0 }), RangeError);
  assert.deepEqual(explainPlan(problem, weights, plan).sentences, [
    "No cap or memory budget binds: this is also the best plan with every limit removed.",
    "No feasible placement is faster.",
    "No feasible placement uses less energy.",
  ]);
});
