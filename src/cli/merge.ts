// deno-lint-ignore-file no-console -- the CLI is where the program talks to the user
/**
 * `merge`: combines the shards of a sweep (`results/<name>/shards/<i>-of-<N>/`) into the same
 * files a single-machine run writes.
 *
 * @module
 */
import { mergeShards } from "../results/merge_shards.ts";
import { parseFlags } from "./flags.ts";
import { UsageError } from "./usage_error.ts";

const HELP = `Usage: deno task merge <results dir> [options]

Combine the shards written by 'deno task sweep <file> --shard i/N' (DIR/shards/i-of-N/) into
DIR/configs.csv, plans.csv, pareto.csv and manifest.json (and fronts.csv, copied from shard 0
when the sweep asks for fronts), identical to a single-machine run.
Refuses, naming them, when shards are missing, incomplete or from a different sweep file.

Options:
  --allow-partial   merge what is there and say what is missing
  --quiet           print nothing on success
  -h, --help        this help

Exit codes: 0 merged, 1 failure, 2 bad input (including missing or mismatched shards).`;

/** `merge`: combine the shards of a sweep. */
export async function merge(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags("merge", args, {
    "allow-partial": { type: "boolean", default: false },
    quiet: { type: "boolean", default: false },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new UsageError(
      `merge takes one results folder, got ${positionals.length} arguments\n\n${HELP}`,
    );
  }
  const dir = positionals[0]!.replace(/\/+$/, "") || "/";
  const outcome = await mergeShards(dir, {
    allowPartial: values["allow-partial"],
    command: ["deno task merge", ...args].join(" "),
  });
  if (outcome.gaps.length > 0) {
    console.error(`partial merge, missing:\n${outcome.gaps.map((g) => `  ${g}`).join("\n")}`);
  }
  if (!values.quiet) {
    const c = outcome.manifest.counts;
    console.error(
      [
        `merged ${outcome.shardCount} shards: ${c.ok + c.infeasible + c.error} configurations ` +
        `(${c.ok} ok, ${c.infeasible} infeasible, ${c.error} errors${
          c.pending > 0 ? `, ${c.pending} missing` : ""
        })${outcome.duplicates > 0 ? `, ${outcome.duplicates} duplicate lines ignored` : ""}`,
        `results: ${dir}/  (configs.csv, plans.csv, pareto.csv${
          outcome.fronts ? ", fronts.csv" : ""
        }, manifest.json)`,
        "dashboard: deno task serve",
      ].join("\n"),
    );
  }
  return 0;
}
