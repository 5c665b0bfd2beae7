// deno-lint-ignore-file no-console -- the CLI is where the program talks to the user
import { loadScenario } from "../scenario/mod.ts";
import {
  compileProblem,
  GOAL_NAMES,
  GOAL_PRESETS,
  type GoalName,
  solve,
  type SolveResult,
  type Weights,
} from "../solver/mod.ts";
import { planRecords, rationale, renderCsv, renderHtml, renderText } from "../report/mod.ts";
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
  --strategy auto|exact|beam           auto proves optimality when it can (default auto)
  --beam-width N                       beam width (default 128)
  --format text|json|csv|html          output format (default text)
  --output FILE                        write to FILE (folders created) instead of stdout
  -h, --help                           this help

Exit codes: 0 plans found, 1 no feasible placement, 2 bad input.`;

const FORMATS = ["text", "json", "csv", "html"] as const;
const STRATEGIES = ["auto", "exact", "beam"] as const;

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
export function proofSentence(result: SolveResult): string {
  if (result.optimal) {
    return `proven optimal top-${result.plans.length} (exact branch and bound, ${result.nodes} nodes)`;
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

  const { scenario } = await loadScenario(positionals[0]!);
  const problem = compileProblem(scenario);
  const result = solve(problem, weights, { topK, strategy, beamWidth });
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
  if (values.output) {
    await writeOutput(values.output, text);
    console.error(`Wrote ${format} report to ${values.output}`);
  } else {
    await Deno.stdout.write(new TextEncoder().encode(text));
  }
  return 0;
}
