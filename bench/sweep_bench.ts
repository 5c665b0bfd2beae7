/**
 * Micro-benchmarks of the sweep's hot paths: `deno bench --allow-all bench/sweep_bench.ts`.
 * End-to-end throughput and memory are measured by `bench/sweep_throughput.ts`.
 *
 * @module
 */
import { paretoFront } from "../src/results/pareto_front.ts";
import { formatCsv } from "../src/results/format_csv.ts";
import { formatCell } from "../src/results/format_cell.ts";
import { ConfigGrid } from "../src/sweep/config_grid.ts";
import { ConfigSolver } from "../src/sweep/config_solver.ts";
import { loadSweep } from "../src/sweep/load_sweep.ts";

const million = await loadSweep("sweeps/million.yaml");
const budgets = await loadSweep("sweeps/budgets.yaml");

Deno.bench("expand: 100,000 indices and their parameters (million.yaml)", () => {
  const grid = new ConfigGrid(million);
  let n = 0;
  for (const i of grid.indices()) {
    grid.paramsAt(i);
    if (++n === 100_000) break;
  }
});

Deno.bench("solve: every configuration of budgets.yaml, one ConfigSolver", () => {
  const solver = new ConfigSolver(budgets);
  for (const i of solver.grid.indices()) solver.run(i);
});

Deno.bench("solve: budgets.yaml without reuse across caps", () => {
  const solver = new ConfigSolver(budgets, { reuse: false });
  for (const i of solver.grid.indices()) solver.run(i);
});

const n = 200_000;
const latency = Float64Array.from({ length: n }, (_, i) => 20 + ((i * 7919) % 1000) / 50);
const energy = Float64Array.from({ length: n }, (_, i) => 28 + ((i * 104729) % 1000) / 40);
const group = Int32Array.from({ length: n }, (_, i) => i % 16);
const all = Array.from({ length: n }, (_, i) => i);

Deno.bench("pareto: 200,000 points in 16 groups", () => {
  paretoFront(all, latency, energy, group);
});

const rows = Array.from(
  { length: 10_000 },
  (_, i) => [String(i), "9f2c4e1a0b7d3c55", "frame_decode", "gpu", formatCell(i / 3), "420"],
);

Deno.bench("csv: format 10,000 rows", () => {
  formatCsv(rows);
});
