/**
 * A command line that cannot be run: unknown flag, bad value, missing argument. The entry point
 * prints its message and exits with code 2.
 */
export class UsageError extends Error {
  /** Builds the error; the message says which flag or argument and what is wrong. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "UsageError";
  }
}
