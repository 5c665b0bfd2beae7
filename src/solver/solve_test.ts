import assert from "node:assert/strict";
import { parseScenario } from "../scenario/mod.ts";
import { compileProblem, GOAL_PRESETS, type GoalName, solve } from "./mod.ts";

const sampleText = Deno.readTextFileSync(
  new URL("../../scenarios/mobile_vision_pipeline.json", import.meta.url),
);
const sample = () => compileProblem(parseScenario(JSON.parse(sampleText), "sample"));

/** The original tool's documented answers (src/testdata/original_sample_expected.md). */
function expectedTables(): Map<string, string[][]> {
  const md = Deno.readTextFileSync(
    new URL("../testdata/original_sample_expected.md", import.meta.url),
  );
  const tables = new Map<string, string[][]>();
  let goal = "";
  for (const line of md.split("\n")) {
    const heading = /^## goal (\w+)/.exec(line);
    if (heading) {
      goal = heading[1]!;
      tables.set(goal, []);
    } else if (/^\| \d/.test(line)) {
      tables.get(goal)!.push(line.split("|").slice(1, -1).map((c) => c.trim()));
    }
  }
  return tables;
}

Deno.test("solve() reproduces the original tool's top-3 for every goal on the sample", () => {
  const tables = expectedTables();
  assert.deepEqual([...tables.keys()].sort(), ["balanced", "efficiency", "latency"]);
  for (const [goal, rows] of tables) {
    const result = solve(sample(), GOAL_PRESETS[goal as GoalName], { topK: 3 });
    assert(result.optimal, `${goal}: proven optimal`);
    assert.deepEqual(result.strategy, "exact");
    assert.deepEqual(
      result.plans.map((p) => [
        String(result.plans.indexOf(p) + 1),
        p.devices.join(" "),
        p.latency.toFixed(2),
        p.energy.toFixed(2),
        String(p.switches),
        p.score.toFixed(6),
      ]),
      rows,
      goal,
    );
  }
});

Deno.test("the sample's balanced plan starts and ends on gpu and uses the npu", () => {
  const problem = sample();
  const best = solve(problem, GOAL_PRESETS.balanced, { topK: 3 }).plans[0]!;
  assert.deepEqual(best.devices[0], "gpu");
  assert.deepEqual(best.devices.at(-1), "gpu");
  assert(best.devices.includes("npu"));
  assert(best.latency <= 32 && best.energy <= 35);
  assert.deepEqual(best.score.toFixed(2), "1.85");
});

Deno.test("the goal preset changes the preferred accelerator (original test)", () => {
  const link = (source: string, target: string) => ({
    source,
    target,
    latency_ms_per_mb: 0.02,
    energy_mj_per_mb: 0.02,
  });
  const p = (latency_ms: number, energy_mj: number, memory_mb: number) => ({
    latency_ms,
    energy_mj,
    memory_mb,
  });
  const problem = compileProblem(parseScenario({
    name: "goal_sensitivity",
    devices: ["cpu", "gpu", "npu"].map((name) => ({ name, memory_mb: 4096 })),
    links: [link("cpu", "gpu"), link("cpu", "npu"), link("gpu", "npu")],
    stages: [
      {
        name: "prep",
        output_mb: 4,
        profiles: { cpu: p(2, 1.1, 120), gpu: p(1.2, 1.5, 180), npu: p(1.3, 0.9, 100) },
      },
      {
        name: "backbone",
        output_mb: 2,
        profiles: { cpu: p(10, 9.5, 500), gpu: p(4, 7.2, 900), npu: p(5.2, 3.5, 640) },
      },
      {
        name: "head",
        output_mb: 0,
        profiles: { cpu: p(3, 2.3, 160), gpu: p(1.5, 2, 240), npu: p(1.7, 1, 140) },
      },
    ],
  }, "goal_sensitivity"));
  const fast = solve(problem, GOAL_PRESETS.latency, { topK: 1 }).plans[0]!;
  const frugal = solve(problem, GOAL_PRESETS.efficiency, { topK: 1 }).plans[0]!;
  assert.deepEqual(fast.devices[1], "gpu");
  assert.deepEqual(frugal.devices[1], "npu");
  assert(fast.latency < frugal.latency);
  assert(fast.energy > frugal.energy);
});

Deno.test("a small NPU memory budget forces work off it (original test)", () => {
  const problem = compileProblem(parseScenario({
    name: "memory_budget",
    devices: [{ name: "cpu", memory_mb: 4096 }, { name: "npu", memory_mb: 700 }],
    links: [{ source: "cpu", target: "npu", latency_ms_per_mb: 0.05, energy_mj_per_mb: 0.03 }],
    stages: [
      {
        name: "encoder",
        output_mb: 6,
        profiles: {
          cpu: { latency_ms: 7, energy_mj: 5, memory_mb: 250 },
          npu: { latency_ms: 3.2, energy_mj: 2.1, memory_mb: 400 },
        },
      },
      {
        name: "decoder",
        profiles: {
          cpu: { latency_ms: 4, energy_mj: 3, memory_mb: 220 },
          npu: { latency_ms: 2.8, energy_mj: 1.8, memory_mb: 350 },
        },
      },
    ],
  }, "memory_budget"));
  const best = solve(problem, GOAL_PRESETS.balanced, { topK: 1 }).plans[0]!;
  assert(best.memory[1]! <= 700);
  assert(best.devices.join(" ") !== "npu npu");
  // With room on the NPU, both stages go there.
  const roomy = { ...problem, memoryBudget: Float64Array.from([4096, 4096]) };
  assert.deepEqual(solve(roomy, GOAL_PRESETS.balanced, { topK: 1 }).plans[0]!.devices, [
    "npu",
    "npu",
  ]);
});

Deno.test("beam search returns feasible plans no better than exact on the sample", () => {
  for (const goal of ["latency", "efficiency", "balanced"] as const) {
    const exact = solve(sample(), GOAL_PRESETS[goal], { topK: 3, strategy: "exact" });
    const beam = solve(sample(), GOAL_PRESETS[goal], { topK: 3, strategy: "beam", beamWidth: 2 });
    assert.deepEqual(beam.strategy, "beam");
    assert.deepEqual(beam.optimal, false);
    assert(beam.plans[0]!.score >= exact.plans[0]!.score);
    assert(beam.lowerBound <= exact.plans[0]!.score + 1e-12, "relaxation bound is a lower bound");
    assert(beam.gap !== null && beam.gap >= 0);
  }
});

Deno.test("infeasible problems name the reason", () => {
  const problem = sample();
  const tooFast = solve({ ...problem, latencyCap: 20 }, GOAL_PRESETS.balanced);
  assert.deepEqual(tooFast.status, "infeasible");
  assert.deepEqual(tooFast.plans, []);
  assert.deepEqual(
    tooFast.reason,
    "the fastest possible placement takes 25.45 ms, above the 20.00 ms cap",
  );
  const tooFrugal = solve({ ...problem, energyCap: 20 }, GOAL_PRESETS.balanced);
  assert.deepEqual(
    tooFrugal.reason,
    "the most frugal possible placement uses 30.16 mJ, above the 20.00 mJ cap",
  );
  const tinyGpu = { ...problem, memoryBudget: Float64Array.from([4096, 100, 3072]) };
  assert.deepEqual(
    solve(tinyGpu, GOAL_PRESETS.balanced).reason,
    "the fastest possible placement takes 33.10 ms, above the 32.00 ms cap",
  );
  const tinyCpuGpu = { ...problem, memoryBudget: Float64Array.from([100, 100, 3072]) };
  assert.deepEqual(
    solve(tinyCpuGpu, GOAL_PRESETS.balanced).reason,
    'stage "frame_decode" fits no device: it needs 280.00 MB on cpu (budget 100.00), 420.00 MB on gpu (budget 100.00)',
  );
});

Deno.test("solve() rejects a non-positive top_k with a RangeError naming the value", () => {
  assert.throws(() => solve(sample(), GOAL_PRESETS.balanced, { topK: 0 }), {
    name: "RangeError",
    message:
      `Cannot solve scenario "mobile_vision_stack" as 'top_k' must be a positive integer: current value is 0`,
  });
});
