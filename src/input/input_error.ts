/** One problem found in an input file: where (`stages[2].profiles.npu.latency_ms`) and what. */
export interface Problem {
  /** Field path inside the document; empty for the document as a whole. */
  path: string;
  /** What is wrong, as a sentence fragment. */
  message: string;
}

/**
 * A user input file (scenario, sweep) that cannot be used. The CLI prints `message` and exits
 * with code 2; callers branch on this class to tell bad input from bugs.
 *
 * @example Reading the problems of a rejected file
 * ```ts
 * import assert from "node:assert/strict";
 * import { InputError } from "./input_error.ts";
 * const error = new InputError("a.json", [{ path: "name", message: "is required" }]);
 * assert(error.message === 'a.json: name: is required');
 * ```
 */
export class InputError extends Error {
  /** The file (or other source label) that holds the problems. */
  readonly file: string;
  /** Every problem found, in document order. */
  readonly problems: readonly Problem[];

  /** Builds the error and its multi-line message from `problems`. */
  constructor(file: string, problems: readonly Problem[], options?: ErrorOptions) {
    super(formatProblems(file, problems), options);
    this.name = "InputError";
    this.file = file;
    this.problems = problems;
  }
}

function formatProblems(file: string, problems: readonly Problem[]): string {
  const line = (p: Problem) => (p.path ? `${p.path}: ${p.message}` : p.message);
  if (problems.length === 1) return `${file}: ${line(problems[0]!)}`;
  return [`${file}: ${problems.length} problems`, ...problems.map((p) => `  ${line(p)}`)].join(
    "\n",
  );
}
