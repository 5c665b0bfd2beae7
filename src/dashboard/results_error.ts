/**
 * A results file that exists but cannot be read (bad JSON, missing columns, wrong shape). The
 * dashboard's error handler turns it into a 500 page that names the sweep and file, without a
 * stack trace.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ResultsError } from "./results_error.ts";
 * const error = new ResultsError("budgets", "manifest.json", "config_count: expected number");
 * assert(error.message === "Cannot read budgets/manifest.json: config_count: expected number");
 * ```
 */
export class ResultsError extends Error {
  /** The sweep whose file is unreadable. */
  readonly sweep: string;
  /** The file name inside the sweep folder. */
  readonly file: string;

  /** Builds the error from the sweep, the file and the problem. */
  constructor(sweep: string, file: string, problem: string, options?: ErrorOptions) {
    super(`Cannot read ${sweep}/${file}: ${problem}`, options);
    this.name = "ResultsError";
    this.sweep = sweep;
    this.file = file;
  }
}
