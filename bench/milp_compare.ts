// deno-lint-ignore-file no-console
/**
 * Exact search against HiGHS on the benchmark instances, printed as a markdown table:
 * `deno run --allow-read bench/milp_compare.ts [highsLimitS] [paretoLimitS]`. HiGHS can take
 * minutes on the long chains, so it runs under a time limit (default 60 s); so does the Pareto
 * front (default 30 s). Exact times are of a cold solve (compile included), best of three.
 *
 * @module
 */
import { solveMilp } from "../src/milp/mod.ts";
import { compileProblem, GOAL_PRESETS, paretoFront, solve } from "../src/solver/mod.ts";
import { benchInstances } from "./_instances.ts";

const highsLimitS = Number(Deno.args[0] ?? "60");
const paretoLimitS = Number(Deno.args[1] ?? "30");
const weights = GOAL_PRESETS.balanced;
const ms = (x: number) => x < 10 ? x.toFixed(3) : x.toFixed(0);

console.log(
  "| instance | top-k | exact ms | nodes | proven | HiGHS ms | HiGHS proven | same score | front size | front ms | front proven |",
);
console.log("|---|---|---|---|---|---|---|---|---|---|---|");
for (const { name, scenario } of benchInstances()) {
  let front = "";
  for (const topK of [1, 3]) {
    let best = Infinity;
    let exact = solve(compileProblem(scenario), weights, { topK, strategy: "exact" });
    for (let r = 0; r < 3; r++) {
      const start = performance.now();
      exact = solve(compileProblem(scenario), weights, { topK, strategy: "exact" });
      best = Math.min(best, performance.now() - start);
    }
    const start = performance.now();
    const milp = await solveMilp(compileProblem(scenario), weights, {
      topK,
      timeLimitMs: highsLimitS * 1000,
    });
    const highsMs = performance.now() - start;
    const same = exact.plans.length === milp.plans.length &&
      exact.plans.every((p, j) =>
        Math.abs(p.score - milp.plans[j]!.score) <= 1e-6 * Math.max(1, Math.abs(p.score))
      );
    if (topK === 1) {
      const t = performance.now();
      const f = paretoFront(compileProblem(scenario), {
        deadline: performance.now() + paretoLimitS * 1000,
      });
      front = `${f.points.length} | ${ms(performance.now() - t)} | ${f.complete ? "yes" : "no"}`;
    }
    console.log(
      `| ${name} | ${topK} | ${ms(best)} | ${exact.nodes} | ${exact.optimal ? "yes" : "no"} | ${
        ms(highsMs)
      } | ${milp.optimal ? "yes" : `no (gap ${milp.gap?.toFixed(4) ?? "-"})`} | ${
        same ? "yes" : "no"
      } | ${topK === 1 ? front : "| |"} |`,
    );
  }
}
