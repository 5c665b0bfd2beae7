/**
 * Sweeps: sweep files (zod-validated like scenarios), lazy expansion of the grid into
 * configurations with stable indices and content-hashed ids, resolution and solving of a
 * configuration, and the runner that solves them on a pool of Deno workers (tagged-union
 * protocol, batches of grid indices), resumable and shardable across machines.
 *
 * @module
 */
export type * from "./model.ts";
export * from "./schema.ts";
export * from "./expand_range.ts";
export * from "./parse_sweep.ts";
export * from "./load_sweep.ts";
export * from "./value_label.ts";
export * from "./sha256_hex.ts";
export * from "./apply_profile.ts";
export * from "./config_grid.ts";
export * from "./config_solver.ts";
export type * from "./protocol.ts";
export * from "./worker_pool.ts";
export * from "./run_sweep.ts";
export * from "./sweep_fronts.ts";
export * from "./fronts_defaults.ts";
