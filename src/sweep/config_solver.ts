import type { PlanRecord, RunRecord } from "../results/run_record.ts";
import type { Scenario } from "../scenario/model.ts";
import {
  compileProblem,
  GOAL_PRESETS,
  isGoalName,
  type Problem,
  solve,
  type Weights,
} from "../solver/mod.ts";
import { applyProfile } from "./apply_profile.ts";
import { capsOnCopy, withCaps } from "./_caps_on_copy.ts";
import { scaledCap } from "./_scaled_cap.ts";
import { blank, planRecord } from "./_plan_record.ts";
import { partialPlacements } from "./_partial_placements.ts";
import { ConfigGrid } from "./config_grid.ts";
import type { AxisValue, SweepSpec, WeightsValue } from "./model.ts";
import { sha256Hex } from "./sha256_hex.ts";
import { valueLabel } from "./value_label.ts";

/** Options of {@linkcode ConfigSolver}, including test hooks. */
export interface SolverHooks {
  /** Grid indices whose solve throws an Error (a test hook). */
  throwAt?: number[];
  /**
   * Reuse proven results across caps and compiled problems across configurations (see
   * {@linkcode ConfigSolver}); `false` compiles and solves every configuration from scratch, to
   * check that reuse changes nothing. @default true
   */
  reuse?: boolean;
}

/** What a solve decides about a configuration (the rest of its record comes from the grid). */
type SolvedBody = Omit<
  RunRecord,
  "index" | "params" | "solve_ms" | "memory_budget_by_device" | "caps"
>;

/** A proven result kept to answer tighter caps without solving. */
interface Anchor {
  latencyCap: number;
  energyCap: number;
  /** Largest rank-1..k latency and energy of its plans. */
  maxLatency: number;
  maxEnergy: number;
  body: Omit<SolvedBody, "id" | "group">;
}

/** Most search nodes a problem may need for reuse: below the exact search's first restart. */
const REUSE_MAX_NODES = 20_000;

interface Base {
  scenario: Scenario | null;
  /** Memory budget per device of the resolved scenario. */
  budgets: Record<string, number> | null;
  reason: string;
  hash: string;
  problems: Map<string, Problem>;
  /** Whether the exact search provably completes (few enough partial placements). */
  small: boolean;
  /** The problem compiled without caps, once it is known that caps can be set on a copy. */
  uncapped?: Problem | null;
  anchors: Map<string, Anchor[]>;
}

/** JSON text of a number or null, as JSON.stringify writes it inside a record. */
function num(value: number | null): string {
  return value === null || !Number.isFinite(value) ? "null" : String(value);
}

/** Solved configurations remembered per instance (by id), to solve duplicates once. */
const MAX_CACHED = 4096;
/** Compiled problems remembered per resolved scenario (by caps). */
const MAX_PROBLEMS = 64;

/** The solver settings of one configuration. */
type SolveSettings = {
  strategy: "auto" | "exact" | "beam";
  topK: number;
  beamWidth: number;
  nodeLimit: number;
};

/**
 * Resolves and solves the configurations of a sweep by grid index: applies the device profile
 * and memory overrides, sets caps and weights, hashes the canonical resolved content into the
 * configuration id, and solves it with the solver's public API. Runs the same in a worker and
 * in the main thread. Shortcuts that never change a result (tested against `reuse: false`):
 * identical configurations (same id) are solved once per instance (recent ids); a resolved
 * scenario is compiled once and caps are set on copies of the compiled problem; and a proven
 * optimum answers tighter caps that all of its plans still meet, for problems the exact search
 * provably completes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ConfigSolver } from "./config_solver.ts";
 * import { loadSweep } from "./load_sweep.ts";
 * const solver = new ConfigSolver(await loadSweep("sweeps/budgets.yaml"));
 * const record = solver.run(0);
 * assert(record.index === 0 && record.id.length === 16);
 * ```
 */
export class ConfigSolver {
  /** The grid of the sweep. */
  readonly grid: ConfigGrid;
  readonly #spec: SweepSpec;
  readonly #hooks: Set<number>;
  readonly #reuse: boolean;
  readonly #positions: Int32Array;
  readonly #shapeAxes: number[];
  readonly #memoryAxes: Array<{ axis: number; device: string }>;
  readonly #groupAxes: number[];
  readonly #axis: Record<string, number>;
  readonly #bases = new Map<string, Base>();
  readonly #plansJson = new WeakMap<PlanRecord[], string>();
  readonly #solved = new Map<string, SolvedBody>();
  readonly #objectJson = new WeakMap<object, string>();
  /** `"name":value` text per axis and value (with a leading comma after the first axis). */
  readonly #paramPieces: string[][] | null;

  /** Prepares to solve the configurations of `spec`. */
  constructor(spec: SweepSpec, hooks: SolverHooks = {}) {
    this.#spec = spec;
    this.grid = new ConfigGrid(spec);
    this.#hooks = new Set(hooks.throwAt ?? []);
    this.#reuse = hooks.reuse ?? true;
    this.#positions = new Int32Array(spec.axes.length);
    this.#axis = Object.fromEntries(spec.axes.map((a, i) => [a.name, i]));
    this.#memoryAxes = spec.axes.flatMap((a, axis) =>
      a.name.startsWith("memory_mb.") ? [{ axis, device: a.name.slice("memory_mb.".length) }] : []
    );
    this.#shapeAxes = [0, 1, ...this.#memoryAxes.map((m) => m.axis)];
    if (this.#axis.memory_factor !== undefined) this.#shapeAxes.push(this.#axis.memory_factor);
    this.#groupAxes = spec.group_by.map((name) => this.#axis[name]!);
    // Integer-like keys would be ordered first by JSON.stringify, and a value it leaves out would
    // drop its key: such sweeps keep the plain path.
    const pieces = spec.axes.map((axis, a) =>
      axis.values.map((value) => {
        const json = JSON.stringify(value) as string | undefined;
        return json === undefined
          ? null
          : (a > 0 ? "," : "") + JSON.stringify(axis.name) + ":" + json;
      })
    );
    this.#paramPieces =
      spec.axes.some((a) => /^(?:0|[1-9]\d*)$/.test(a.name)) || pieces.some((p) => p.includes(null))
        ? null
        : pieces as string[][];
  }

  /**
   * The record of a configuration that could not be solved (e.g. its worker died twice):
   * status `error` with the message, and the configuration's id when it can be resolved.
   *
   * @param index A grid index.
   * @param message Why it failed.
   */
  errorRecord(index: number, message: string): RunRecord {
    const record = this.run(index, { resolveOnly: true });
    return { ...record, status: "error", reason: null, error: message };
  }

  /**
   * Solves the configuration at a grid index and returns its `runs.jsonl` line (no newline):
   * the same text as `JSON.stringify(run(index))`, but the plans of a result reused for many
   * configurations are serialised once.
   *
   * @param index A grid index.
   * @returns The record's status and its JSON text.
   */
  line(index: number): { status: RunRecord["status"]; text: string } {
    const { status, head, plans, tail } = this.linePieces(index);
    return { status, text: head + plans + tail };
  }

  /**
   * The text of {@linkcode ConfigSolver.line} in three pieces, `head + plans + tail`: `plans` is
   * the same string object for every configuration that shares a result, so a caller can cache
   * what it derives from it (e.g. its UTF-8 bytes).
   *
   * @param index A grid index.
   * @returns The record's status and the pieces of its JSON text.
   */
  linePieces(
    index: number,
  ): { status: RunRecord["status"]; head: string; plans: string; tail: string } {
    const record = this.run(index);
    let plans = this.#plansJson.get(record.plans);
    if (plans === undefined) {
      plans = JSON.stringify(record.plans);
      this.#plansJson.set(record.plans, plans);
    }
    // The same text as JSON.stringify(record), built from fragments: the parameters from cached
    // `"name":value` pieces per axis value (the positions `run` just decoded), the memory
    // budgets once per resolved scenario, the plans once per result.
    let params: string;
    if (this.#paramPieces) {
      const pos = this.#positions;
      params = "{";
      for (let a = 0; a < pos.length; a++) params += this.#paramPieces[a]![pos[a]!]!;
      params += "}";
    } else params = JSON.stringify(record.params);
    const budgets = record.memory_budget_by_device;
    let budgetsText = "null";
    if (budgets !== null) {
      const cached = this.#objectJson.get(budgets);
      if (cached === undefined) {
        budgetsText = JSON.stringify(budgets);
        this.#objectJson.set(budgets, budgetsText);
      } else budgetsText = cached;
    }
    const caps = record.caps;
    const text = '{"id":' + JSON.stringify(record.id) + ',"index":' + num(record.index) +
      ',"status":' + JSON.stringify(record.status) + ',"group":' + JSON.stringify(record.group) +
      ',"latency_ms":' + num(record.latency_ms) + ',"energy_mj":' + num(record.energy_mj) +
      ',"params":' + params + ',"memory_budget_by_device":' + budgetsText + ',"caps":' +
      (caps === null ? "null" : '{"max_total_latency_ms":' + num(caps.max_total_latency_ms) +
        ',"max_total_energy_mj":' + num(caps.max_total_energy_mj) + "}") +
      ',"strategy":' + JSON.stringify(record.strategy) + ',"optimal":' +
      JSON.stringify(record.optimal) + ',"lower_bound":' + num(record.lower_bound) + ',"gap":' +
      num(record.gap) + ',"solve_ms":' + num(record.solve_ms) + ',"plans":';
    const tail = ',"reason":' + JSON.stringify(record.reason) + ',"error":' +
      JSON.stringify(record.error) + "}";
    return { status: record.status, head: text, plans, tail };
  }

  /**
   * Solves the configuration at a grid index. A configuration that throws is returned with
   * status `error` and the message; it never throws itself.
   *
   * @param index A grid index (see {@linkcode ConfigGrid}).
   * @param options `resolveOnly` skips the solve (the record then has no plans).
   * @returns The record written as one line of `runs.jsonl`.
   */
  run(index: number, options: { resolveOnly?: boolean } = {}): RunRecord {
    const start = performance.now();
    const pos = this.grid.positionsAt(index, this.#positions);
    const params: Record<string, AxisValue> = {};
    this.#spec.axes.forEach((axis, a) => params[axis.name] = axis.values[pos[a]!]!);
    const group = this.#groupAxes.map((a) => valueLabel(this.#spec.axes[a]!.values[pos[a]!]!))
      .join("/");
    let id = "";
    let budgets: Record<string, number> | null = null;
    let caps: RunRecord["caps"] = null;
    let body: SolvedBody;
    try {
      const base = this.#base(pos);
      budgets = base.budgets;
      const latencyCap = this.#cap("max_total_latency_ms", pos, base);
      const energyCap = this.#cap("max_total_energy_mj", pos, base);
      caps = { max_total_latency_ms: latencyCap, max_total_energy_mj: energyCap };
      const weights = this.#weights(pos);
      const strategy = (this.#value("strategy", pos) ?? this.#spec.solver.strategy) as
        | "auto"
        | "exact"
        | "beam";
      const topK = (this.#value("top_k", pos) ?? this.#spec.solver.top_k) as number;
      const beamWidth = (this.#value("beam_width", pos) ?? this.#spec.solver.beam_width) as number;
      const nodeLimit = this.#spec.solver.node_limit;
      id = sha256Hex(
        JSON.stringify([
          base.hash,
          latencyCap,
          energyCap,
          [weights.latency, weights.energy, weights.switches],
          strategy,
          topK,
          beamWidth,
          nodeLimit,
        ]),
      ).slice(0, 16);
      const cached = this.#solved.get(id);
      if (options.resolveOnly) {
        body = blank(id, group, "error", null, null);
      } else if (cached && !this.#hooks.has(index)) {
        body = cached;
      } else {
        if (this.#hooks.has(index)) throw new Error(`test hook: configuration ${index} throws`);
        body = base.scenario === null
          ? blank(id, group, "infeasible", base.reason, null)
          : this.#solve(id, group, base, latencyCap, energyCap, weights, {
            strategy,
            topK,
            beamWidth,
            nodeLimit,
          });
        if (this.#solved.size >= MAX_CACHED) this.#solved.clear();
        this.#solved.set(id, body);
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (id === "") id = sha256Hex(JSON.stringify(["unresolved", params])).slice(0, 16);
      body = blank(id, group, "error", null, message);
    }
    const solve_ms = Math.round((performance.now() - start) * 1000) / 1000;
    const { id: _, status, ...rest } = body;
    return {
      id: body.id,
      index,
      status,
      group,
      latency_ms: rest.latency_ms,
      energy_mj: rest.energy_mj,
      params,
      memory_budget_by_device: budgets,
      caps,
      strategy: rest.strategy,
      optimal: rest.optimal,
      lower_bound: rest.lower_bound,
      gap: rest.gap,
      solve_ms,
      plans: rest.plans,
      reason: rest.reason,
      error: rest.error,
    };
  }

  #value(name: string, pos: Int32Array): AxisValue | undefined {
    const a = this.#axis[name];
    return a === undefined ? undefined : this.#spec.axes[a]!.values[pos[a]!];
  }

  #cap(name: "max_total_latency_ms" | "max_total_energy_mj", pos: Int32Array, base: Base) {
    const a = this.#axis[name];
    if (a !== undefined) return this.#spec.axes[a]!.values[pos[a]!] as number | null;
    const f =
      this.#axis[name === "max_total_latency_ms" ? "latency_cap_factor" : "energy_cap_factor"];
    if (f !== undefined) {
      return scaledCap(this.#spec.axes[f]!.values[pos[f]!] as number | null, base.scenario, name);
    }
    return base.scenario?.constraints[name] ?? null;
  }

  #weights(pos: Int32Array): Weights {
    const goal = (this.#value("weights", pos) ?? this.#value("goal", pos) ??
      this.#spec.solver.goal) as string | WeightsValue;
    if (typeof goal === "string") {
      if (!isGoalName(goal)) throw new RangeError(`Cannot solve as goal "${goal}" is unknown`);
      return GOAL_PRESETS[goal];
    }
    return { latency: goal.latency, energy: goal.energy, switches: goal.switches };
  }

  #base(pos: Int32Array): Base {
    let key = "";
    for (const a of this.#shapeAxes) key += pos[a] + ",";
    let base = this.#bases.get(key);
    if (base) return base;
    const spec = this.#spec;
    const source = spec.scenarios[pos[0]!]!.scenario;
    const profileName = spec.axes[1]!.values[pos[1]!] as string;
    const memory: Record<string, number> = {};
    for (const { axis, device } of this.#memoryAxes) {
      memory[device] = spec.axes[axis]!.values[pos[axis]!] as number;
    }
    const memoryFactor = (this.#value("memory_factor", pos) ?? 1) as number;
    const outcome = applyProfile(source, spec.profiles[profileName]!, { memory, memoryFactor });
    if ("reason" in outcome) {
      base = {
        scenario: null,
        reason: `device profile "${profileName}": ${outcome.reason}`,
        hash: sha256Hex(JSON.stringify([source.name, outcome.reason])),
        budgets: null,
        problems: new Map(),
        small: false,
        anchors: new Map(),
      };
    } else {
      const { constraints: _, ...content } = outcome.scenario;
      base = {
        scenario: outcome.scenario,
        reason: "",
        hash: sha256Hex(JSON.stringify(content)),
        budgets: Object.fromEntries(outcome.scenario.devices.map((d) => [d.name, d.memory_mb])),
        problems: new Map(),
        small: partialPlacements(outcome.scenario) <= REUSE_MAX_NODES,
        anchors: new Map(),
      };
    }
    if (this.#bases.size >= 256) this.#bases.clear();
    this.#bases.set(key, base);
    return base;
  }

  #solve(
    id: string,
    group: string,
    base: Base,
    latencyCap: number | null,
    energyCap: number | null,
    weights: Weights,
    options: SolveSettings,
  ): SolvedBody {
    const latency = latencyCap ?? Infinity;
    const energy = energyCap ?? Infinity;
    const reuse = this.#reuse && base.small && options.strategy !== "beam";
    const anchorKey =
      `${weights.latency},${weights.energy},${weights.switches}|${options.strategy}|${options.topK}`;
    let anchors = base.anchors.get(anchorKey);
    if (reuse) {
      if (!anchors) {
        if (base.anchors.size >= 64) base.anchors.clear();
        anchors = [];
        base.anchors.set(anchorKey, anchors);
        // The uncapped optimum answers every cap that all its plans meet.
        this.#remember(anchors, this.#solveCaps(base, null, null, weights, options), null, null);
      }
      for (const a of anchors) {
        if (
          latency <= a.latencyCap && energy <= a.energyCap && a.maxLatency <= latency &&
          a.maxEnergy <= energy
        ) {
          return { id, group, ...a.body };
        }
      }
    }
    const body = this.#solveCaps(base, latencyCap, energyCap, weights, options);
    if (reuse) this.#remember(anchors!, body, latencyCap, energyCap);
    return { id, group, ...body };
  }

  /**
   * Keeps a proven, feasible result as an anchor. With caps at most the anchor's and at least
   * every one of its plans' totals, the feasible set shrinks but keeps all of its plans, so (the
   * ranking being a total order) the proven top-k is the same and `solve` would return it.
   */
  #remember(
    anchors: Anchor[],
    body: Anchor["body"],
    latencyCap: number | null,
    energyCap: number | null,
  ): void {
    if (body.status !== "ok" || body.optimal !== true || body.strategy !== "exact") return;
    if (anchors.length >= 16) anchors.splice(1, 1);
    anchors.push({
      latencyCap: latencyCap ?? Infinity,
      energyCap: energyCap ?? Infinity,
      maxLatency: Math.max(...body.plans.map((p) => p.latency_ms)),
      maxEnergy: Math.max(...body.plans.map((p) => p.energy_mj)),
      body,
    });
  }

  #solveCaps(
    base: Base,
    latencyCap: number | null,
    energyCap: number | null,
    weights: Weights,
    options: SolveSettings,
  ): Anchor["body"] {
    const capKey = `${latencyCap}|${energyCap}`;
    let problem = base.problems.get(capKey);
    if (!problem) {
      if (base.uncapped === undefined) {
        base.uncapped = this.#reuse ? capsOnCopy(base.scenario!) : null;
      }
      problem = base.uncapped ? withCaps(base.uncapped, latencyCap, energyCap) : compileProblem({
        ...base.scenario!,
        constraints: { max_total_latency_ms: latencyCap, max_total_energy_mj: energyCap },
      });
      if (base.problems.size >= MAX_PROBLEMS) base.problems.clear();
      base.problems.set(capKey, problem);
    }
    const result = solve(problem, weights, options);
    const plans = result.plans.map((plan, r) => planRecord(problem, plan.path, r + 1, plan));
    const best = plans[0];
    return {
      status: result.status,
      latency_ms: best?.latency_ms ?? null,
      energy_mj: best?.energy_mj ?? null,
      strategy: result.strategy,
      optimal: result.optimal,
      lower_bound: Number.isFinite(result.lowerBound) ? result.lowerBound : null,
      gap: result.gap,
      plans,
      reason: result.reason ?? null,
      error: null,
    };
  }
}
