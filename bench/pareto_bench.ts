/**
 * Pareto front speed: `deno bench --allow-read bench/pareto_bench.ts`. The exact front of each
 * instance whose front is proven within a few seconds (see docs/SOLVER.md for the longer ones),
 * compiled afresh every iteration; label setting too where it finishes (it does not, in
 * minutes, from 24x4 on). The setup asserts that each front is proven complete and that both
 * methods agree where both run.
 *
 * @module
 */
import { compileProblem, paretoFront } from "../src/solver/mod.ts";
import { sampleInstance, tightInstance } from "./_instances.ts";

const cases = [
  { ...sampleInstance(), methods: ["epsilon", "labels"] as const },
  { ...tightInstance(16, 4), methods: ["epsilon", "labels"] as const },
  { ...tightInstance(24, 4), methods: ["epsilon"] as const },
];
for (const { name, scenario, methods } of cases) {
  const fronts = methods.map((method) => paretoFront(compileProblem(scenario), { method }));
  const epsilon = fronts[0]!;
  const same = fronts.every((f) => JSON.stringify(f.points) === JSON.stringify(epsilon.points));
  if (!fronts.every((f) => f.complete) || !same) {
    throw new Error(`Pareto front of ${name} is not proven, or the two methods disagree`);
  }
  for (const method of methods) {
    Deno.bench({
      name: `${name} front (${epsilon.points.length} points) ${method}`,
      group: name,
      baseline: method === "epsilon",
      fn: () => {
        paretoFront(compileProblem(scenario), { method });
      },
    });
  }
}
