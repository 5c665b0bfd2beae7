import assert from "node:assert/strict";
import fc from "fast-check";
import { scenarioArbitrary } from "./_scenario_arbitrary.ts";
import { problemTables } from "./_tables.ts";
import { costToGo, linearCosts, rootBound } from "./bounds.ts";
import { compileProblem } from "./problem.ts";

Deno.test("problemTables() latency and energy to go equal costToGo() of the linear costs, bit for bit", () => {
  fc.assert(
    fc.property(scenarioArbitrary(), (scenario) => {
      const problem = compileProblem(scenario);
      const tables = problemTables(problem);
      for (
        const [perMs, perMj, toGo, least] of [
          [1, 0, tables.latencyToGo, tables.leastLatency],
          [0, 1, tables.energyToGo, tables.leastEnergy],
        ] as const
      ) {
        const costs = linearCosts(problem, { perMs, perMj, perSwitch: 0 });
        const h = costToGo(problem, costs);
        assert.deepEqual(Array.from(toGo), Array.from(h));
        assert.ok(Object.is(least, rootBound(problem, costs, h)));
      }
    }),
    { numRuns: 500 },
  );
});
