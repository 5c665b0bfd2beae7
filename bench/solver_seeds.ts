// deno-lint-ignore-file no-console
/**
 * How the exact search fares across seeds of the generated tight chains (a benchmark shows one
 * seed; this shows the spread): `deno run --allow-read bench/solver_seeds.ts [seeds] [limitMs]`.
 * Prints one row per size and seed: time of a cold solve (compile included), nodes, proven or
 * the gap left at the time limit.
 *
 * @module
 */
import { compileProblem, generateScenario, GOAL_PRESETS, solve } from "../src/solver/mod.ts";

const seeds = Number(Deno.args[0] ?? "10");
const limitMs = Number(Deno.args[1] ?? "2000");
const sizes = [[16, 4], [24, 4], [40, 4], [100, 5]] as const;
console.log("| instance | top-k | seed | ms (cold) | nodes | proven | gap |");
console.log("|---|---|---|---|---|---|---|");
for (const [n, m] of sizes) {
  for (let seed = 1; seed <= seeds; seed++) {
    const scenario = generateScenario(n, m, { seed });
    for (const topK of [1, 3]) {
      const start = performance.now();
      const result = solve(compileProblem(scenario), GOAL_PRESETS.balanced, {
        topK,
        strategy: "exact",
        timeLimitMs: limitMs,
      });
      const ms = performance.now() - start;
      console.log(
        `| ${n}x${m} tight | ${topK} | ${seed} | ${ms.toFixed(2)} | ${result.nodes} | ${
          result.optimal ? "yes" : "no"
        } | ${result.gap === null ? "no plan" : result.gap.toFixed(4)} |`,
      );
    }
  }
}
