// deno-lint-ignore-file no-console -- the CLI is where the program talks to the user
/**
 * Entry point: parses the command name and dispatches to its module, loaded lazily. Only this
 * file prints fatal errors and sets the exit code: 2 for bad input (the message names the file,
 * the field and the problem), 1 for other failures, never a stack trace for user errors.
 *
 * @module
 */
import { InputError } from "./input/mod.ts";
import { UsageError } from "./cli/usage_error.ts";

/** A command: takes its arguments, returns the process exit code. */
export type Command = (args: string[]) => Promise<number>;

const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  plan: {
    summary: "solve one scenario: best placements, ranked and explained",
    load: async () => (await import("./cli/plan.ts")).plan,
  },
  sweep: {
    summary: "solve every configuration of a sweep file on a worker pool (results/<name>/)",
    load: async () => (await import("./cli/sweep.ts")).sweep,
  },
  merge: {
    summary: "combine the shards of a sweep into one results folder",
    load: async () => (await import("./cli/merge.ts")).merge,
  },
  schema: {
    summary: "write the scenario JSON Schema (docs/scenario.schema.json)",
    load: async () => (await import("./cli/schema.ts")).schema,
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return [
    "Edge Inference Planner: where each stage of an on-device AI pipeline should run",
    "",
    "Usage: deno task <command> [options]   (or: deno run -A src/main.ts <command> ...)",
    "",
    "Commands:",
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    "",
    "Run a command with --help for its options.",
  ].join("\n");
}

/**
 * Runs the CLI with the given arguments and returns the exit code.
 *
 * @param args Command-line arguments, the command name first.
 * @returns The exit code.
 */
export async function main(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  try {
    return await (await command.load())(rest);
  } catch (error) {
    if (error instanceof InputError || error instanceof UsageError) {
      console.error(`error: ${error.message}`);
      return 2;
    }
    if (error instanceof RangeError) {
      console.error(`error: ${error.message}`);
      return 2;
    }
    console.error(`internal error: ${error instanceof Error ? error.stack : String(error)}`);
    return 1;
  }
}

if (import.meta.main) {
  Deno.exitCode = await main(Deno.args);
}
