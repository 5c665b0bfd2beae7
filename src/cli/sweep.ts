// deno-lint-ignore-file no-console -- the CLI is where the program talks to the user
/**
 * `sweep`: expands a sweep file into configurations, solves them on a worker pool and writes
 * the results folder (see docs/SWEEPS.md and docs/RESULTS_FORMAT.md).
 *
 * @module
 */
import { ConfigGrid } from "../sweep/config_grid.ts";
import { FRONTS_DEFAULTS } from "../sweep/fronts_defaults.ts";
import { loadSweep } from "../sweep/load_sweep.ts";
import type { SweepSpec } from "../sweep/model.ts";
import { DEFAULT_MAX_CONFIGS, runSweep } from "../sweep/run_sweep.ts";
import { valueLabel } from "../sweep/value_label.ts";
import { numberFlag, parseFlags } from "./flags.ts";
import { progressReporter } from "./progress_reporter.ts";
import { shardFromEnv } from "./shard_from_env.ts";
import { UsageError } from "./usage_error.ts";

const HELP = `Usage: deno task sweep <sweep.yaml|json> [options]

Solve every configuration of a sweep on a pool of workers and write results/<name>/:
runs.jsonl (append-only), manifest.json, configs.csv, plans.csv, pareto.csv.
Running the same command again resumes: finished configurations are skipped.

Options:
  --out DIR            results folder (default results/<sweep name>)
  --workers N          worker threads (default: the number of cores)
  --shard i/N          solve only configurations with index % N == i, into DIR/shards/i-of-N/
                       (default: the array index SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX or
                       AWS_BATCH_JOB_ARRAY_INDEX, out of --shard-count or SLURM_ARRAY_TASK_COUNT;
                       the one used is printed); combine the shards with 'deno task merge DIR'
  --shard-count N      number of shards, for a shard index taken from the environment
  --dry-run            print the configuration count, the axes and examples; solve nothing
  --max-configs N      refuse sweeps larger than N (default ${DEFAULT_MAX_CONFIGS})
  --retry-errors       solve again the configurations that ended with an error
  --fresh              delete this folder's earlier results and start over
  --batch-size N       configurations per batch (default: chosen from the sweep size)
  --fronts             also write fronts.csv (the exact latency/energy front of every scenario x
                       device profile, uncapped), as 'fronts: true' in the sweep file does
  --quiet              no progress and no summary
  -h, --help           this help

Exit codes: 0 complete, 1 failure or interrupted (run again to resume), 2 bad input.`;

/** `sweep`: run a sweep file. */
export async function sweep(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags("sweep", args, {
    out: { type: "string" },
    workers: { type: "string" },
    shard: { type: "string" },
    "shard-count": { type: "string" },
    "dry-run": { type: "boolean", default: false },
    "max-configs": { type: "string" },
    "retry-errors": { type: "boolean", default: false },
    fresh: { type: "boolean", default: false },
    "batch-size": { type: "string" },
    fronts: { type: "boolean", default: false },
    quiet: { type: "boolean", default: false },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new UsageError(
      `sweep takes one sweep file, got ${positionals.length} arguments\n\n${HELP}`,
    );
  }
  const file = positionals[0]!;
  const workers = values.workers === undefined
    ? navigator.hardwareConcurrency
    : numberFlag("--workers", values.workers, { min: 1, max: 256, integer: true });
  const maxConfigs = values["max-configs"] === undefined
    ? DEFAULT_MAX_CONFIGS
    : numberFlag("--max-configs", values["max-configs"], { min: 1, integer: true });
  const batchSize = values["batch-size"] === undefined
    ? undefined
    : numberFlag("--batch-size", values["batch-size"], { min: 1, max: 1_000_000, integer: true });
  const { shard, source } = shardFromEnv(values.shard, values["shard-count"], Deno.env.toObject());
  const quiet = values.quiet;
  const loaded = await loadSweep(file);
  const spec = values.fronts && loaded.fronts === null
    ? { ...loaded, fronts: { ...FRONTS_DEFAULTS } }
    : loaded;
  if (source !== "none") {
    console.error(`shard ${shard.index}/${shard.count} (from ${source})`);
  }
  if (values["dry-run"]) {
    console.log(dryRun(spec, shard, maxConfigs));
    return 0;
  }

  const controller = new AbortController();
  let signals = 0;
  const onSignal = () => {
    signals++;
    if (signals === 1) {
      console.error("\nstopping: finishing the batches in flight (Ctrl-C again to quit now)");
      controller.abort();
    } else Deno.exit(130);
  };
  const listen = (s: Deno.Signal) => {
    try {
      Deno.addSignalListener(s, onSignal);
      return () => Deno.removeSignalListener(s, onSignal);
    } catch {
      return () => {};
    }
  };
  const unlisten = [listen("SIGINT"), listen("SIGTERM")];
  const reporter = progressReporter({ tty: Deno.stderr.isTerminal(), quiet });
  const command = ["deno task sweep", ...args].join(" ");
  try {
    const outcome = await runSweep(spec, {
      ...(values.out !== undefined ? { out: values.out } : {}),
      ...(batchSize !== undefined ? { batchSize } : {}),
      workers,
      shard,
      fresh: values.fresh,
      retryErrors: values["retry-errors"],
      maxConfigs,
      signal: controller.signal,
      onProgress: reporter.update,
      onDeriving: () => {
        reporter.end();
        if (!quiet) {
          console.error(
            `writing configs.csv, plans.csv, pareto.csv${spec.fronts ? ", fronts.csv" : ""}...`,
          );
        }
      },
      command,
    });
    reporter.end();
    const p = outcome.progress;
    if (!quiet) {
      const seconds = p.elapsedMs / 1000;
      const lines = [
        `${
          outcome.status === "complete" ? "done" : "interrupted"
        }: ${p.done}/${p.total} configurations` +
        ` (${p.counts.ok} ok, ${p.counts.infeasible} infeasible, ${p.counts.error} errors)`,
        `solved ${p.solvedNow} in ${seconds.toFixed(2)}s` +
        (seconds > 0 && p.solvedNow > 0 ? ` (${Math.round(p.solvedNow / seconds)}/s)` : "") +
        (outcome.skipped > 0 ? `, ${outcome.skipped} already on disk` : "") +
        (outcome.tornBytes > 0 ? `; discarded a torn last line (${outcome.tornBytes} bytes)` : ""),
        `results: ${outcome.dir}/  (runs.jsonl, manifest.json${
          outcome.derived ? ", configs.csv, plans.csv, pareto.csv" : ""
        }${outcome.fronts ? ", fronts.csv" : ""})`,
      ];
      if (outcome.fronts) {
        const f = outcome.fronts;
        lines.push(
          `fronts: ${f.points} points over ${f.pairs} scenario x profile pairs` +
            (f.unproven > 0
              ? ` (${f.unproven} not proven complete: limits reached)`
              : ", all proven"),
        );
      }
      if (outcome.status === "interrupted") {
        lines.push(`resume: ${command}`);
      } else if (shard.count > 1) {
        lines.push(
          `when every shard is done: deno task merge ${outcome.dir.replace(/\/shards\/.*$/, "")}`,
        );
      } else {
        lines.push("dashboard: deno task serve");
      }
      console.error(lines.join("\n"));
    }
    return outcome.status === "complete" ? 0 : 1;
  } finally {
    for (const u of unlisten) u();
  }
}

function dryRun(
  spec: SweepSpec,
  shard: { index: number; count: number },
  maxConfigs: number,
): string {
  const grid = new ConfigGrid(spec);
  const count = grid.count(shard, maxConfigs);
  const countText = count > maxConfigs ? `more than ${maxConfigs}` : String(count);
  const zipped = spec.dimensions.filter((d) => d.length > 1).map((d) =>
    d.map((a) => spec.axes[a]!.name).join(" + ")
  );
  const lines = [
    `sweep "${spec.name}" (${spec.file}): ${countText} configurations` +
    (shard.count > 1 ? ` in shard ${shard.index}/${shard.count}` : "") +
    ` (${grid.size} combinations, ${spec.exclude.length} exclude rules)`,
    "axes:",
    ...spec.axes.map((a) =>
      `  ${a.name}: ${a.values.length} values (${
        a.values.slice(0, 6).map((v) => valueLabel(v) || "null").join(", ")
      }${a.values.length > 6 ? ", ..." : ""})`
    ),
  ];
  if (zipped.length > 0) lines.push(`zipped: ${zipped.join("; ")}`);
  if (spec.fronts) {
    const pairs = spec.axes[0]!.values.length * spec.axes[1]!.values.length;
    lines.push(
      `fronts.csv: ${pairs} scenario x device profile fronts (at most ${spec.fronts.label_limit} labels and ${spec.fronts.time_limit_ms} ms each)`,
    );
  }
  lines.push("examples:");
  let shown = 0;
  for (const index of grid.indices(shard)) {
    lines.push(`  #${index} ${JSON.stringify(grid.paramsAt(index))}`);
    if (++shown === 3) break;
  }
  if (count > maxConfigs) {
    lines.push(`this sweep is over --max-configs ${maxConfigs} and would refuse to start`);
  }
  return lines.join("\n");
}
