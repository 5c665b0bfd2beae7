import assert from "node:assert/strict";
import fc from "fast-check";
import { scenarioArbitrary } from "./_scenario_arbitrary.ts";
import { bruteForce } from "./brute_force.ts";
import { diagnoseInfeasible } from "./diagnose.ts";
import { compileProblem } from "./problem.ts";

const latencyOnly = { latency: 1, energy: 0, switches: 0 };
const earlier = /^(stage "|no placement connects|the fastest|the most frugal|\S+ must hold)/;

Deno.test("diagnoseInfeasible() blames both caps exactly when no placement meets them without memory", () => {
  let both = 0;
  fc.assert(
    fc.property(scenarioArbitrary(), (scenario) => {
      const problem = compileProblem(scenario);
      if (bruteForce(problem, latencyOnly, 1).size > 0) return;
      const reason = diagnoseInfeasible(problem);
      if (earlier.test(reason)) return;
      const withoutMemory = { ...problem, memoryBudget: problem.memoryBudget.map(() => Infinity) };
      const capsOnly = bruteForce(withoutMemory, latencyOnly, 1).size === 0;
      assert.equal(reason.startsWith("no placement meets both caps at once"), capsOnly, reason);
      if (capsOnly) both++;
    }),
    { numRuns: 3000 },
  );
  assert.ok(both > 0, `only ${both} runs were infeasible by both caps`);
});
