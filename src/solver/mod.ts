/**
 * The placement solver: pure functions with no I/O, so the same code runs in the main thread
 * and in sweep workers. Compile a validated scenario with {@linkcode compileProblem}, then
 * {@linkcode solve} it for a goal's weights.
 *
 * @module
 */
export * from "./goals.ts";
export * from "./problem.ts";
export * from "./score.ts";
export * from "./evaluate.ts";
export * from "./bounds.ts";
export * from "./lagrangian.ts";
export * from "./top_k.ts";
export * from "./exact.ts";
export * from "./beam.ts";
export * from "./brute_force.ts";
export * from "./diagnose.ts";
export * from "./explain.ts";
export * from "./generate.ts";
export * from "./pareto_filter.ts";
export * from "./pareto_front.ts";
export * from "./solve.ts";
