/**
 * The results dashboard: a read-only Hono app over a results folder (docs/RESULTS_FORMAT.md).
 * Pages are rendered on the server with hono/jsx (sweeps list, sweep page with a Pareto scatter
 * drawn by Observable Plot and a paged table, configuration placement), a JSON API lives under
 * /api/, and CSV files can be downloaded. Files are re-read only when they change, so running
 * sweeps are followed live. `deno task serve` runs it (src/cli/serve.ts).
 *
 * @module
 */
export * from "./app.tsx";
export * from "./results_store.ts";
export * from "./sweep.ts";
export * from "./results_error.ts";
export type { Front, FrontPoint } from "./parse_fronts_csv.ts";
export * from "./warm_sweeps.ts";
