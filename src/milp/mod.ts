/**
 * An independent MILP cross-check of the solver: the placement problem written as a
 * mixed-integer program ({@linkcode milpModel}) and solved by HiGHS compiled to WebAssembly
 * ({@linkcode solveMilp}, asynchronous because the module loads on first use). Kept out of
 * `src/solver/` so that the pure solver never loads a package.
 *
 * @module
 */
export * from "./milp_model.ts";
export * from "./solve_milp.ts";
