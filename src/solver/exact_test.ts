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

Deno.test("exactSearch() on copies with other caps or budgets equals a fresh compile (shared tables)", () => {
  fc.assert(
    fc.property(
      scenarioArbitrary(),
      fc.array(
        fc.record({
          latency: fc.option(fc.integer({ min: 3, max: 60 }), { nil: null }),
          energy: fc.option(fc.integer({ min: 3, max: 60 }), { nil: null }),
          memory: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      weightsArbitrary,
      fc.integer({ min: 1, max: 4 }),
      (scenario, limits, weights, k) => {
        const base = compileProblem(scenario);
        exactSearch(base, weights, { topK: k });
        for (const { latency, energy, memory } of limits) {
          const devices = scenario.devices.map((d, i) =>
            i === 0 && memory !== null ? { ...d, memory_mb: memory } : d
          );
          const memoryBudget = Float64Array.from(devices, (d) => d.memory_mb);
          const copy = {
            ...base,
            latencyCap: latency ?? Infinity,
            energyCap: energy ?? Infinity,
            memoryBudget,
          };
          const fresh = compileProblem({
            ...scenario,
            devices,
            constraints: { max_total_latency_ms: latency, max_total_energy_mj: energy },
          });
          const a = exactSearch(copy, weights, { topK: k });
          const b = exactSearch(fresh, weights, { topK: k });
          assert.ok(a.complete && b.complete);
          assert.deepEqual(entries(a.top), entries(b.top));
          assert.deepEqual(entries(a.top), entries(bruteForce(fresh, weights, k)));
          assert.equal(a.lowerBound, b.lowerBound);
        }
      },
    ),
    { numRuns: 400 },
  );
});

Deno.test("exactSearch() proves infeasibility with no search when a cap is below its least total", () => {
  fc.assert(
    fc.property(scenarioArbitrary(), weightsArbitrary, (scenario, weights) => {
      const problem = compileProblem({
        ...scenario,
        constraints: { max_total_latency_ms: 0.5, max_total_energy_mj: null },
      });
      const exact = exactSearch(problem, weights, { topK: 2 });
      assert.ok(exact.complete);
      if (bruteForce(problem, weights, 1).size === 0) {
        assert.equal(exact.top.size, 0);
        assert.equal(exact.lowerBound, Infinity);
      }
    }),
    { numRuns: 200 },
  );
});
