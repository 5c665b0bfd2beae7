/**
 * Cold solves: `deno bench --allow-read bench/cold_solve_bench.ts`. The sample scenario with its
 * caps changed, compiled and solved afresh every iteration (goal balanced, top-3), as one
 * configuration of a sweep would be without any reuse: two feasible cases (loose and tight caps)
 * and the three kinds of infeasible ones (latency cap, energy cap, both caps together). The
 * "sweep-like" case compiles the scenario once and solves copies of it with the caps varied per
 * iteration, as `ConfigSolver` does. The setup asserts each case's status.
 *
 * @module
 */
import { compileProblem, GOAL_PRESETS, type Problem, solve } from "../src/solver/mod.ts";
import type { Scenario } from "../src/scenario/model.ts";
import { sampleInstance } from "./_instances.ts";

const weights = GOAL_PRESETS.balanced;
const sample = sampleInstance().scenario;

function capped(latency: number | null, energy: number | null): Scenario {
  return {
    ...sample,
    constraints: { max_total_latency_ms: latency, max_total_energy_mj: energy },
  };
}

const cases: Array<[string, number | null, number | null, "ok" | "infeasible"]> = [
  ["caps 40 ms / none: feasible", 40, null, "ok"],
  ["caps 32 ms / 35 mJ: feasible", 32, 35, "ok"],
  ["caps 20 ms / 35 mJ: infeasible (latency)", 20, 35, "infeasible"],
  ["caps 26 ms / 28 mJ: infeasible (energy)", 26, 28, "infeasible"],
  ["caps 30 ms / 31 mJ: infeasible (both caps)", 30, 31, "infeasible"],
];

for (const [name, latency, energy, status] of cases) {
  const scenario = capped(latency, energy);
  const check = solve(compileProblem(scenario), weights, { topK: 3 });
  if (check.status !== status || (status === "ok" && !check.optimal)) {
    throw new Error(`Cold-solve case "${name}" gave ${check.status}, expected ${status}`);
  }
  Deno.bench({
    name,
    group: "cold",
    fn: () => {
      solve(compileProblem(scenario), weights, { topK: 3 });
    },
  });
}

// Sweep-like: one compiled problem, caps varied per iteration on shallow copies.
const base = compileProblem(capped(null, null));
const grid: Array<[number, number]> = [];
for (let l = 18; l <= 44; l += 2) for (let e = 26; e <= 46; e += 2) grid.push([l, e]);
let next = 0;
Deno.bench({
  name: `sweep-like: one compiled problem, ${grid.length} cap pairs in turn`,
  group: "sweep-like",
  fn: () => {
    const [l, e] = grid[next++ % grid.length]!;
    const problem: Problem = {
      ...base,
      scenario: {
        ...base.scenario,
        constraints: { max_total_latency_ms: l, max_total_energy_mj: e },
      },
      latencyCap: l,
      energyCap: e,
    };
    solve(problem, weights, { topK: 3 });
  },
});
