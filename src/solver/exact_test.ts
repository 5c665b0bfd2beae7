import assert from "node:assert/strict";
import fc from "fast-check";
import { scenarioArbitrary, weightsArbitrary } from "./_scenario_arbitrary.ts";
import { beamSearch } from "./beam.ts";
import { bruteForce } from "./brute_force.ts";
import { evaluatePath } from "./evaluate.ts";
import { exactSearch } from "./exact.ts";
import { compileProblem } from "./problem.ts";
import { solve } from "./solve.ts";
import type { TopK } from "./top_k.ts";

function entries(top: TopK) {
  return Array.from({ length: top.size }, (_, j) => ({
    path: top.path(j),
    score: top.score[j],
    latency: top.latency[j],
    energy: top.energy[j],
    switches: top.switches[j],
  }));
}

Deno.test("exactSearch() equals brute force on random small scenarios, ties and order included", () => {
  fc.assert(
    fc.property(
      scenarioArbitrary(),
      weightsArbitrary,
      fc.integer({ min: 1, max: 5 }),
      (scenario, weights, k) => {
        const problem = compileProblem(scenario);
        const exact = exactSearch(problem, weights, { topK: k });
        assert.ok(exact.complete);
        assert.deepEqual(entries(exact.top), entries(bruteForce(problem, weights, k)));
      },
    ),
    { numRuns: 1500 },
  );
});

Deno.test("exactSearch() equals brute force when the Lagrangian phase starts at once", () => {
  fc.assert(
    fc.property(
      scenarioArbitrary({ maxStages: 7 }),
      weightsArbitrary,
      fc.integer({ min: 1, max: 5 }),
      (scenario, weights, k) => {
        const problem = compileProblem(scenario);
        const exact = exactSearch(problem, weights, { topK: k, lagrangianAfter: 0 });
        assert.ok(exact.complete);
        assert.deepEqual(entries(exact.top), entries(bruteForce(problem, weights, k)));
      },
    ),
    { numRuns: 500 },
  );
});

Deno.test("solve() returns feasible plans with evaluatePath's totals, and beam never beats exact", () => {
  fc.assert(
    fc.property(
      scenarioArbitrary(),
      weightsArbitrary,
      fc.integer({ min: 1, max: 5 }),
      (scenario, weights, k) => {
        const problem = compileProblem(scenario);
        const exact = solve(problem, weights, { topK: k, strategy: "exact" });
        const beam = solve(problem, weights, { topK: k, strategy: "beam", beamWidth: 2 });
        assert.ok(exact.optimal);
        for (const plan of [...exact.plans, ...beam.plans]) {
          const e = evaluatePath(problem, weights, plan.path);
          assert.ok(e.feasible);
          assert.deepEqual(
            [plan.score, plan.latency, plan.energy, plan.switches, plan.memory],
            [e.score, e.latency, e.energy, e.switches, Array.from(e.memory)],
          );
        }
        assert.ok(beam.plans.length <= exact.plans.length);
        beam.plans.forEach((plan, j) => assert.ok(plan.score >= exact.plans[j]!.score));
        if (exact.plans.length > 0) {
          assert.ok(exact.lowerBound === exact.plans[0]!.score && exact.gap === 0);
          assert.ok(beam.lowerBound <= exact.plans[0]!.score + 1e-9);
        } else {
          assert.equal(exact.status, "infeasible");
        }
      },
    ),
    { numRuns: 800 },
  );
});

Deno.test("beamSearch() keeps only feasible placements", () => {
  fc.assert(
    fc.property(scenarioArbitrary(), weightsArbitrary, (scenario, weights) => {
      const problem = compileProblem(scenario);
      const top = beamSearch(problem, weights, { topK: 3, beamWidth: 1 });
      for (let j = 0; j < top.size; j++) {
        assert.ok(evaluatePath(problem, weights, top.path(j)).feasible);
      }
    }),
    { numRuns: 300 },
  );
});
