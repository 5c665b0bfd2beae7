import assert from "node:assert/strict";
import fc from "fast-check";
import { scenarioArbitrary, weightsArbitrary } from "./_scenario_arbitrary.ts";
import { bruteForce } from "./brute_force.ts";
import { evaluatePath } from "./evaluate.ts";
import { GOAL_PRESETS } from "./goals.ts";
import { compileProblem } from "./problem.ts";
import { solve } from "./solve.ts";

Deno.test("solve() stopped early reports a sound lower bound and gap", () => {
  let stopped = 0;
  fc.assert(
    fc.property(
      scenarioArbitrary({ minStages: 5, maxStages: 8 }),
      weightsArbitrary,
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 1, max: 60 }),
      fc.constantFrom("exact", "auto") as fc.Arbitrary<"exact" | "auto">,
      (scenario, weights, topK, nodeLimit, strategy) => {
        const problem = compileProblem(scenario);
        const result = solve(problem, weights, { topK, nodeLimit, strategy });
        const truth = bruteForce(problem, weights, 1);
        if (!result.optimal) stopped++;
        for (const plan of result.plans) {
          assert.ok(evaluatePath(problem, weights, plan.path).feasible);
        }
        if (truth.size === 0) {
          assert.equal(result.plans.length, 0);
          return;
        }
        const optimum = truth.score[0]!;
        assert.ok(result.lowerBound <= optimum + 1e-9 * Math.max(1, Math.abs(optimum)));
        if (result.optimal) {
          assert.equal(result.plans[0]!.score, optimum);
          assert.equal(result.gap, 0);
        } else if (result.plans.length > 0) {
          const best = result.plans[0]!.score;
          assert.ok(best >= optimum);
          assert.ok(result.gap !== null && result.gap >= 0);
          assert.ok(
            Math.abs(
              result.gap -
                Math.max(0, (best - result.lowerBound) / Math.max(Math.abs(best), 1e-12)),
            ) < 1e-12,
          );
        }
      },
    ),
    { numRuns: 600 },
  );
  assert.ok(stopped > 20, `only ${stopped} runs were stopped early`);
});

Deno.test("solve() with timeLimitMs 0 stops before searching and reports a sound gap", () => {
  fc.assert(
    fc.property(
      scenarioArbitrary({ minStages: 3, maxStages: 7 }),
      weightsArbitrary,
      fc.constantFrom("exact", "auto") as fc.Arbitrary<"exact" | "auto">,
      (scenario, weights, strategy) => {
        const problem = compileProblem(scenario);
        const result = solve(problem, weights, { topK: 2, strategy, timeLimitMs: 0 });
        assert.equal(result.optimal, false);
        assert.equal(result.strategy, strategy === "exact" ? "exact" : "beam");
        const truth = bruteForce(problem, weights, 1);
        if (truth.size === 0) return;
        const optimum = truth.score[0]!;
        assert.ok(result.lowerBound <= optimum + 1e-9 * Math.max(1, Math.abs(optimum)));
        if (result.plans.length > 0) {
          const best = result.plans[0]!.score;
          assert.ok(best >= optimum && result.gap !== null && result.gap >= 0);
          assert.ok(evaluatePath(problem, weights, result.plans[0]!.path).feasible);
        } else {
          assert.equal(result.gap, null);
        }
      },
    ),
    { numRuns: 400 },
  );
});

Deno.test("solve() matches the original tool's answers on the sample scenario", async () => {
  const { parseScenario } = await import("../scenario/mod.ts");
  const text = Deno.readTextFileSync(
    new URL("../../scenarios/mobile_vision_pipeline.json", import.meta.url),
  );
  const problem = compileProblem(parseScenario(JSON.parse(text), "sample"));
  const expected = {
    latency: [
      ["gpu gpu npu npu npu npu gpu", 1.519691],
      ["gpu npu npu npu npu npu gpu", 1.543319],
      [
        "gpu gpu npu npu npu gpu gpu",
        1.574034,
      ],
    ],
    efficiency: [["cpu npu npu npu npu npu gpu", 1.643375], [
      "gpu npu npu npu npu npu gpu",
      1.661048,
    ], [
      "cpu cpu npu npu npu npu gpu",
      1.663669,
    ]],
    balanced: [
      ["gpu gpu npu npu npu npu gpu", 1.847865],
      ["gpu npu npu npu npu npu gpu", 1.853545],
      [
        "cpu npu npu npu npu npu gpu",
        1.885077,
      ],
    ],
  } as const;
  for (const goal of ["latency", "efficiency", "balanced"] as const) {
    const result = solve(problem, GOAL_PRESETS[goal], { topK: 3 });
    assert.ok(result.optimal);
    assert.deepEqual(
      result.plans.map((p) => [p.devices.join(" "), Math.round(p.score * 1e6) / 1e6]),
      expected[goal],
    );
  }
});
