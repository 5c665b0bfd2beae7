import assert from "node:assert/strict";
import fc from "fast-check";
import { scenarioArbitrary } from "./_scenario_arbitrary.ts";
import { evaluatePath } from "./evaluate.ts";
import { GOAL_PRESETS } from "./goals.ts";
import { paretoFilter } from "./pareto_filter.ts";
import { paretoFront } from "./pareto_front.ts";
import { compileProblem, type Problem } from "./problem.ts";

/** Every feasible placement, filtered by definition (ties: fewest switches, then option order). */
function bruteForceFront(problem: Problem) {
  const { n, optStart } = problem;
  const all = [];
  const path = Array.from({ length: n }, (_, i) => optStart[i]!);
  for (;;) {
    const e = evaluatePath(problem, GOAL_PRESETS.balanced, path);
    if (e.feasible) {
      all.push({ path: path.slice(), latency: e.latency, energy: e.energy, switches: e.switches });
    }
    let i = n - 1;
    for (; i >= 0; i--) {
      if (++path[i]! < optStart[i + 1]!) break;
      path[i] = optStart[i]!;
    }
    if (i < 0) break;
  }
  all.sort((a, b) => a.switches - b.switches); // stable: enumeration order is option order
  return paretoFilter(all);
}

for (const method of ["epsilon", "labels"] as const) {
  Deno.test(`paretoFront() by ${method} equals brute-force enumeration on random scenarios`, () => {
    fc.assert(
      fc.property(scenarioArbitrary({ maxStages: 6 }), (scenario) => {
        const problem = compileProblem(scenario);
        const front = paretoFront(problem, { method });
        assert.ok(front.complete);
        assert.deepEqual(
          front.points.map((p) => ({
            path: p.path,
            latency: p.latency,
            energy: p.energy,
            switches: p.switches,
          })),
          bruteForceFront(problem),
        );
        for (const p of front.points) {
          const e = evaluatePath(problem, GOAL_PRESETS.balanced, p.path);
          assert.ok(e.feasible);
          assert.equal(p.score, e.score);
          assert.deepEqual(p.memory, Array.from(e.memory));
        }
      }),
      { numRuns: 1000 },
    );
  });
}

Deno.test("paretoFront() contains the exact optimum of any weights", () => {
  fc.assert(
    fc.property(
      scenarioArbitrary(),
      fc.integer({ min: 0, max: 8 }),
      (scenario, tenths) => {
        const problem = compileProblem(scenario);
        const weights = { latency: tenths / 8, energy: 1 - tenths / 8, switches: 0 };
        const front = paretoFront(problem, { weights });
        const all = bruteForceFront(problem);
        assert.equal(front.points.length, all.length);
        if (all.length === 0) return;
        const best = Math.min(...front.points.map((p) => p.score));
        // Some front point attains the best weighted score over all feasible placements.
        const { n, optStart } = problem;
        let optimum = Infinity;
        const path = Array.from({ length: n }, (_, i) => optStart[i]!);
        for (;;) {
          const e = evaluatePath(problem, weights, path);
          if (e.feasible) optimum = Math.min(optimum, e.score);
          let i = n - 1;
          for (; i >= 0; i--) {
            if (++path[i]! < optStart[i + 1]!) break;
            path[i] = optStart[i]!;
          }
          if (i < 0) break;
        }
        assert.equal(best, optimum);
      },
    ),
    { numRuns: 300 },
  );
});
