// deno-lint-ignore-file no-console -- the CLI is where the program talks to the user
import { loadScenario } from "../scenario/mod.ts";
import {
  compileProblem,
  GOAL_NAMES,
  GOAL_PRESETS,
  type GoalName,
  paretoFront,
  solve,
  type SolveResult,
  type Weights,
} from "../solver/mod.ts";
import {
  paretoReport,
  planRecords,
  rationale,
  renderCsv,
  renderHtml,
  renderParetoCsv,
  renderParetoHtml,
  renderParetoText,
  renderText,
} from "../report/mod.ts";
import { choiceFlag, numberFlag, parseFlags } from "./flags.ts";
import { UsageError } from "./usage_error.ts";
import { writeOutput } from "./write_output.ts";

const HELP = `Usage: deno task plan <scenario.json|yaml> [options]

Solve one scenario and print its best placements, ranked and explained.

Options:
  --goal latency|efficiency|balanced   score preset (default balanced)
  --weights latency=1,energy=0.4,switches=0.1
                                       custom score weights (overrides --goal)
  --top-k N                            plans to return (default 3)
  --strategy auto|exact|beam|milp      auto proves optimality when it can (default auto);
                                       milp solves with HiGHS, an independent cross-check
  --beam-width N                       beam width (default 128)
  --time-limit MS                      stop the search after MS milliseconds and report the
                                       best found with its gap (default: no limit)
  --pareto                             report the exact latency/energy Pareto front instead
                                       (text: table and plot; json; csv; html: SVG plot)
  --format text|json|csv|html          output format (default text)
  --output FILE                        write to FILE (folders created) instead of stdout
  -h, --help                           this help

Exit codes: 0 plans found, 1 no feasible placement, 2 bad input.`;

const FORMATS = ["text", "json", "csv", "html"] as const;
const STRATEGIES = ["auto", "exact", "beam", "milp"] as const;

/**
 * Parses `--weights latency=1,energy=0.4,switches=0.1`; keys not given are 0.
 *
 * @throws {UsageError} On unknown keys, bad numbers, or all-zero weights.
 */
export function parseWeights(text: string): Weights {
  const weights: Weights = { latency: 0, energy: 0, switches: 0 };
  for (const part of text.split(",")) {
    const [key = "", value, extra] = part.split("=").map((s) => s.trim());
    if (value === undefined || extra !== undefined || !(key in weights)) {
      throw new UsageError(
        `--weights takes key=value pairs with keys latency, energy, switches: got "${part}"`,
      );
    }
    weights[key as keyof Weights] = numberFlag(`--weights ${key}`, value, { min: 0 });
  }
  if (weights.latency + weights.energy + weights.switches === 0) {
    throw new UsageError("--weights must give at least one positive weight");
  }
  return weights;
}

/** Describes how optimality was established, for reports. */
export function proofSentence(
  result: Omit<SolveResult, "strategy"> & { strategy: string },
): string {
  if (result.optimal) {
    return result.strategy === "milp"
      ? `proven optimal top-${result.plans.length} (HiGHS MILP, ${result.nodes} branch-and-bound nodes)`
      : `proven optimal top-${result.plans.length} (exact branch and bound, ${result.nodes} nodes)`;
  }
  const gap = result.gap === null ? "" : `, gap at most ${(result.gap * 100).toFixed(2)}%`;
  return `not proven optimal (${result.strategy} search; lower bound ${
    result.lowerBound.toFixed(4)
  }${gap})`;
}

/** `plan`: solve one scenario and report. */
export async function plan(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags("plan", args, {
    goal: { type: "string", default: "balanced" },
    weights: { type: "string" },
    "top-k": { type: "string", default: "3" },
    strategy: { type: "string", default: "auto" },
    "beam-width": { type: "string", default: "128" },
    format: { type: "string", default: "text" },
    output: { type: "string" },
    "time-limit": { type: "string" },
    pareto: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new UsageError(`plan takes exactly one scenario file\n\n${HELP}`);
  }
  const goalName = choiceFlag("--goal", values.goal, GOAL_NAMES as readonly GoalName[]);
  const weights = values.weights ? parseWeights(values.weights) : GOAL_PRESETS[goalName];
  const goal = values.weights ? "custom" : goalName;
  const topK = numberFlag("--top-k", values["top-k"], { min: 1, max: 10_000, integer: true });
  const strategy = choiceFlag("--strategy", values.strategy, STRATEGIES);
  const beamWidth = numberFlag("--beam-width", values["beam-width"], {
    min: 1,
    max: 1_000_000,
    integer: true,
  });
  const format = choiceFlag("--format", values.format, FORMATS);
  const timeLimitMs = values["time-limit"] === undefined
    ? Infinity
    : numberFlag("--time-limit", values["time-limit"], { min: 0, max: 1e9 });

  const { scenario } = await loadScenario(positionals[0]!);
  const problem = compileProblem(scenario);
  if (values.pareto) {
    const front = paretoFront(problem, { weights, deadline: performance.now() + timeLimitMs });
    if (front.points.length === 0) {
      console.error(`No feasible placement for "${scenario.name}".`);
      return 1;
    }
    const report = paretoReport(scenario.name, goal, front);
    const text = format === "json"
      ? JSON.stringify(report, null, 2) + "\n"
      : format === "csv"
      ? renderParetoCsv(report)
      : format === "html"
      ? renderParetoHtml(report)
      : renderParetoText(report) + "\n";
    await emit(values.output, format, text);
    return 0;
  }
  const result = strategy === "milp"
    ? await (await import("../milp/mod.ts")).solveMilp(problem, weights, { topK, timeLimitMs })
    : solve(problem, weights, { topK, strategy, beamWidth, timeLimitMs });
  if (result.status === "infeasible") {
    console.error(`No feasible placement for "${scenario.name}": ${result.reason}.`);
    return 1;
  }
  const explanation = rationale(problem, weights, result.plans, result.optimal);
  const records = planRecords(problem, goal, result, (_, rank) => (rank === 0 ? explanation : []));
  const proof = proofSentence(result);
  const text = format === "json"
    ? JSON.stringify(records, null, 2) + "\n"
    : format === "csv"
    ? renderCsv(records)
    : format === "html"
    ? renderHtml(records, proof)
    : renderText(records, proof) + "\n";
  await emit(values.output, format, text);
  return 0;
}

/** Writes a report to the output file, or to stdout. */
async function emit(output: string | undefined, format: string, text: string): Promise<void> {
  if (output) {
    await writeOutput(output, text);
    console.error(`Wrote ${format} report to ${output}`);
  } else {
    await Deno.stdout.write(new TextEncoder().encode(text));
  }
}
