/**
 * The messages between the sweep runner and its workers: a small tagged union each way.
 * Batches are compact (the grid indices to solve); workers expand and resolve configurations
 * themselves from the spec they received once, and answer with ready-to-append JSONL text.
 *
 * @module
 */
import type { SolverHooks } from "./config_solver.ts";
import type { SweepSpec } from "./model.ts";

/** Test hooks that act inside workers. */
export interface WorkerHooks extends SolverHooks {
  /** Grid indices whose batch kills the worker on its first attempt (the retry succeeds). */
  crashAt?: number[];
  /** Makes `init` fail with this message. */
  initError?: string;
}

/** From the runner to a worker. */
export type ToWorker =
  | { type: "init"; spec: SweepSpec; hooks: WorkerHooks }
  | { type: "batch"; batch: number; attempt: number; indices: Float64Array }
  | { type: "stop" };

/** From a worker to the runner. */
export type FromWorker =
  | { type: "ready" }
  | {
    type: "result";
    batch: number;
    /** UTF-8 JSONL, one line per configuration in the batch's order (a transferred buffer). */
    lines: Uint8Array;
    /** Status code per configuration (index into `RUN_STATUSES`). */
    statuses: Uint8Array;
  }
  | { type: "error"; message: string; stack?: string };
