import { describeValue, InputError, nearestKey, type Problem, zodProblems } from "../input/mod.ts";
import { GOAL_PRESETS, isGoalName } from "../solver/mod.ts";
import { expandRange } from "./expand_range.ts";
import type {
  Axis,
  AxisValue,
  DeviceProfile,
  ExcludeRule,
  SolverSettings,
  SweepScenario,
  SweepSpec,
} from "./model.ts";
import { valueLabel } from "./value_label.ts";
import { FRONTS_DEFAULTS } from "./fronts_defaults.ts";
import { SWEEP_KNOWN_KEYS, type SweepFile, SweepFileSchema } from "./schema.ts";

const GOAL_NAMES = Object.keys(GOAL_PRESETS);

/** Absolute cap axes and the relative axes that scale the scenario's cap instead. */
const CAP_FACTORS = [
  ["max_total_latency_ms", "latency_cap_factor"],
  ["max_total_energy_mj", "energy_cap_factor"],
] as const;

/** Name of the built-in empty device profile used when a sweep defines none. */
export const AS_MEASURED = "as_measured";

/** Where a sweep file came from, and its scenarios, already loaded and validated. */
export interface SweepSource {
  /** The sweep file as given (labels errors, recorded in the manifest). */
  file: string;
  /** sha256 hex of the sweep file's text. */
  hash: string;
  /** The scenarios the file names, in its order. */
  scenarios: SweepScenario[];
}

/**
 * Checks the shape of a parsed sweep document with zod.
 *
 * @param value The parsed JSON/YAML document.
 * @param file Label of the source, for error messages.
 * @returns The typed document.
 * @throws {InputError} Naming the file, the field path and the problem of every issue.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { validateSweepFile } from "./parse_sweep.ts";
 * const sweep = validateSweepFile({ name: "s", scenarios: ["a.json"] }, "s.yaml");
 * assert(sweep.scenarios.length === 1);
 * ```
 */
export function validateSweepFile(value: unknown, file: string): SweepFile {
  const parsed = SweepFileSchema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  const problems = zodProblems(parsed.error.issues, knownKeysAt).map((p) =>
    p.message.startsWith("Invalid input") && p.path.startsWith("grid.")
      ? {
        path: p.path,
        message: `must be a list of values or a range like {from: 1, to: 10, step: 1}${
          p.message.slice("Invalid input".length)
        }`,
      }
      : p
  );
  throw new InputError(file, problems);
}

function knownKeysAt(path: readonly PropertyKey[]): readonly string[] | undefined {
  const [head] = path;
  if (path.length === 0) return SWEEP_KNOWN_KEYS.sweep;
  if (head === "grid" && path.length === 1) return SWEEP_KNOWN_KEYS.grid;
  if (head === "grid" && path[1] === "goal") return SWEEP_KNOWN_KEYS.weights;
  if (head === "grid" && path[1] === "weights") return SWEEP_KNOWN_KEYS.weights;
  if (head === "grid") return SWEEP_KNOWN_KEYS.range;
  if (head === "device_profiles" && path.length === 2) return SWEEP_KNOWN_KEYS.profile;
  if (head === "solver" && path.length === 1) return SWEEP_KNOWN_KEYS.solver;
  return undefined;
}

/**
 * Builds the sweep model from a validated document: expands ranges, checks that profiles name
 * known devices, that goals and profiles on the grid exist, that zipped axes have equal lengths
 * and that exclude rules name real axes and values.
 *
 * @param sweep The validated document (see {@linkcode validateSweepFile}).
 * @param source The file, its hash and its loaded scenarios.
 * @returns The sweep, ready to expand.
 * @throws {InputError} Listing every problem with its field path.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildSweepSpec, validateSweepFile } from "./parse_sweep.ts";
 * import { parseScenario } from "../scenario/mod.ts";
 * const text = Deno.readTextFileSync("scenarios/mobile_vision_pipeline.json");
 * const scenario = parseScenario(JSON.parse(text), "sample.json");
 * const sweep = validateSweepFile({
 *   name: "caps",
 *   scenarios: ["sample.json"],
 *   grid: { goal: ["latency", "balanced"], max_total_energy_mj: { from: 30, to: 40, step: 5 } },
 * }, "caps.yaml");
 * const spec = buildSweepSpec(sweep, {
 *   file: "caps.yaml",
 *   hash: "",
 *   scenarios: [{ path: "sample.json", name: scenario.name, hash: "", scenario }],
 * });
 * assert(spec.axes.map((a) => a.values.length).join() === "1,1,2,3");
 * ```
 */
export function buildSweepSpec(sweep: SweepFile, source: SweepSource): SweepSpec {
  const problems: Problem[] = [];
  const { scenarios } = source;
  const names = new Set<string>();
  scenarios.forEach((s, i) => {
    if (names.has(s.name)) {
      problems.push({
        path: `scenarios[${i}]`,
        message: `two scenarios are named "${s.name}": scenario names must be unique in a sweep`,
      });
    }
    names.add(s.name);
  });
  const devices = [...new Set(scenarios.flatMap((s) => s.scenario.devices.map((d) => d.name)))];
  const knownDevice = (name: string, path: string) => {
    if (devices.includes(name)) return true;
    const hint = nearestKey(name, devices);
    problems.push({
      path,
      message: `unknown device "${name}" (${
        hint ? `did you mean "${hint}"?` : `devices are ${devices.join(", ")}`
      })`,
    });
    return false;
  };

  const profiles = buildProfiles(sweep, knownDevice);
  const grid = sweep.grid ?? {};
  const axes: Axis[] = [{ name: "scenario", values: scenarios.map((s) => s.name) }];
  const profileValues = grid.device_profile ?? Object.keys(profiles);
  profileValues.forEach((name, i) => {
    if (!(name in profiles)) {
      const hint = nearestKey(name, Object.keys(profiles));
      problems.push({
        path: `grid.device_profile[${i}]`,
        message: `unknown device profile "${name}" (${
          hint ? `did you mean "${hint}"?` : `profiles are ${Object.keys(profiles).join(", ")}`
        })`,
      });
    }
  });
  axes.push({ name: "device_profile", values: profileValues });
  if (grid.goal && grid.weights) {
    problems.push({
      path: "grid.weights",
      message: "cannot be used together with grid.goal: put custom weights in the goal axis",
    });
  }
  for (const [absolute, factor] of CAP_FACTORS) {
    if (grid[absolute] !== undefined && grid[factor] !== undefined) {
      problems.push({
        path: `grid.${factor}`,
        message:
          `cannot be used together with grid.${absolute}: give this cap either as absolute values or as factors of the scenario's cap, not both`,
      });
    }
  }
  for (const [key, raw] of Object.entries(grid)) {
    if (key === "device_profile" || raw === undefined) continue;
    if (key === "memory_mb") {
      for (const [device, values] of Object.entries(raw as Record<string, unknown>)) {
        if (!knownDevice(device, `grid.memory_mb.${device}`)) continue;
        const expanded = axisValues(values, `grid.memory_mb.${device}`, problems);
        if (expanded) axes.push({ name: `memory_mb.${device}`, values: expanded });
      }
      continue;
    }
    const expanded = axisValues(raw, `grid.${key}`, problems);
    if (!expanded) continue;
    if (key === "goal") {
      expanded.forEach((goal, i) => checkGoal(goal, `grid.goal[${i}]`, problems));
    }
    axes.push({ name: key, values: expanded });
  }

  const dimensions = buildDimensions(sweep, axes, problems);
  const exclude = buildExclude(sweep, axes, problems);
  const solver: SolverSettings = {
    goal: sweep.solver?.goal ?? "balanced",
    strategy: sweep.solver?.strategy ?? "auto",
    top_k: sweep.solver?.top_k ?? 3,
    beam_width: sweep.solver?.beam_width ?? 128,
    node_limit: sweep.solver?.node_limit ?? 20_000_000,
  };
  checkGoal(solver.goal, "solver.goal", problems);
  const axisNames = axes.map((a) => a.name);
  const group_by = sweep.pareto?.group_by ?? ["scenario", "device_profile"];
  group_by.forEach((name, i) => checkAxisName(name, axisNames, `pareto.group_by[${i}]`, problems));
  if (problems.length > 0) throw new InputError(source.file, problems);
  return {
    name: sweep.name,
    file: source.file,
    hash: source.hash,
    scenarios,
    profiles,
    axes,
    dimensions,
    exclude,
    solver,
    group_by,
    devices,
    fronts: sweep.fronts === undefined || sweep.fronts === false ? null : {
      label_limit: (sweep.fronts === true ? undefined : sweep.fronts.label_limit) ??
        FRONTS_DEFAULTS.label_limit,
      time_limit_ms: (sweep.fronts === true ? undefined : sweep.fronts.time_limit_ms) ??
        FRONTS_DEFAULTS.time_limit_ms,
    },
  };
}

function buildProfiles(
  sweep: SweepFile,
  knownDevice: (name: string, path: string) => boolean,
): Record<string, DeviceProfile> {
  const written = sweep.device_profiles ?? {};
  if (Object.keys(written).length === 0) {
    return { [AS_MEASURED]: { remove_devices: [], devices: {}, scale: {}, links: [] } };
  }
  const profiles: Record<string, DeviceProfile> = {};
  for (const [name, p] of Object.entries(written)) {
    const at = `device_profiles.${name}`;
    (p.remove_devices ?? []).forEach((d, i) => knownDevice(d, `${at}.remove_devices[${i}]`));
    Object.keys(p.devices ?? {}).forEach((d) => knownDevice(d, `${at}.devices.${d}`));
    Object.keys(p.scale ?? {}).forEach((d) => knownDevice(d, `${at}.scale.${d}`));
    (p.links ?? []).forEach((l, i) => {
      knownDevice(l.source, `${at}.links[${i}].source`);
      knownDevice(l.target, `${at}.links[${i}].target`);
    });
    profiles[name] = {
      remove_devices: p.remove_devices ?? [],
      devices: Object.fromEntries(
        Object.entries(p.devices ?? {}).map(([d, o]) => [
          d,
          o.memory_mb === undefined
            ? { memory_factor: o.memory_factor! }
            : { memory_mb: o.memory_mb },
        ]),
      ),
      scale: Object.fromEntries(
        Object.entries(p.scale ?? {}).map((
          [d, s],
        ) => [d, { latency: s.latency ?? 1, energy: s.energy ?? 1, memory: s.memory ?? 1 }]),
      ),
      links: (p.links ?? []).map((l) => ({
        source: l.source,
        target: l.target,
        latency_ms_per_mb: l.latency_ms_per_mb,
        energy_mj_per_mb: l.energy_mj_per_mb,
        bidirectional: l.bidirectional ?? true,
      })),
      ...(p.link_scale
        ? {
          link_scale: { latency: p.link_scale.latency ?? 1, energy: p.link_scale.energy ?? 1 },
        }
        : {}),
    };
  }
  return profiles;
}

function axisValues(raw: unknown, path: string, problems: Problem[]): AxisValue[] | undefined {
  let values: AxisValue[];
  if (Array.isArray(raw)) values = raw as AxisValue[];
  else {
    try {
      values = expandRange(raw as { from: number; to: number; step?: number; factor?: number });
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      problems.push({ path, message: error.message.replace(/^Cannot expand range as /, "") });
      return undefined;
    }
  }
  if (values.length === 0) {
    problems.push({ path, message: "is empty: an axis needs at least one value" });
    return undefined;
  }
  return values;
}

function checkGoal(goal: AxisValue, path: string, problems: Problem[]): void {
  if (typeof goal === "string" && !isGoalName(goal)) {
    const hint = nearestKey(goal, GOAL_NAMES);
    problems.push({
      path,
      message: `unknown goal "${goal}" (${
        hint ? `did you mean "${hint}"?` : `goals are ${GOAL_NAMES.join(", ")}`
      }; or give weights {latency, energy, switches})`,
    });
  }
}

function checkAxisName(name: string, axes: string[], path: string, problems: Problem[]): boolean {
  if (axes.includes(name)) return true;
  const hint = nearestKey(name, axes);
  problems.push({
    path,
    message: `unknown axis "${name}" (${
      hint ? `did you mean "${hint}"?` : `axes are ${axes.join(", ")}`
    })`,
  });
  return false;
}

function buildDimensions(sweep: SweepFile, axes: Axis[], problems: Problem[]): number[][] {
  const names = axes.map((a) => a.name);
  const raw = sweep.zip ?? [];
  const groups = Array.isArray(raw) ? raw.map((g, i) => ({ g, at: `zip[${i}]` })) : Object
    .entries(raw).map(([k, g]) => ({ g, at: `zip.${k}` }));
  const groupOf = new Map<number, number[]>();
  for (const { g, at } of groups) {
    const members: number[] = [];
    g.forEach((name, j) => {
      if (!checkAxisName(name, names, `${at}[${j}]`, problems)) return;
      const axis = names.indexOf(name);
      if (groupOf.has(axis) || members.includes(axis)) {
        problems.push({ path: `${at}[${j}]`, message: `axis "${name}" is zipped twice` });
        return;
      }
      members.push(axis);
    });
    if (members.length < 2) {
      problems.push({ path: at, message: "a zip group needs at least two axes" });
      continue;
    }
    const lengths = members.map((a) => axes[a]!.values.length);
    if (new Set(lengths).size > 1) {
      problems.push({
        path: at,
        message: `zipped axes must have the same number of values: ${
          members.map((a) => `${names[a]} has ${axes[a]!.values.length}`).join(", ")
        }`,
      });
      continue;
    }
    for (const a of members) groupOf.set(a, members);
  }
  const dimensions: number[][] = [];
  const placed = new Set<number>();
  axes.forEach((_, a) => {
    if (placed.has(a)) return;
    const group = groupOf.get(a) ?? [a];
    group.forEach((m) => placed.add(m));
    dimensions.push(group);
  });
  return dimensions;
}

function buildExclude(sweep: SweepFile, axes: Axis[], problems: Problem[]): ExcludeRule[] {
  const names = axes.map((a) => a.name);
  const rules: ExcludeRule[] = [];
  (sweep.exclude ?? []).forEach((raw, i) => {
    const rule: ExcludeRule = [];
    const keys = Object.keys(raw);
    if (keys.length === 0) {
      problems.push({ path: `exclude[${i}]`, message: "an exclude rule needs at least one axis" });
    }
    for (const key of keys) {
      const at = `exclude[${i}].${key}`;
      if (!checkAxisName(key, names, at, problems)) continue;
      const axis = names.indexOf(key);
      const wanted = raw[key];
      const list = Array.isArray(wanted) ? wanted : [wanted];
      const canon = axes[axis]!.values.map((v) => JSON.stringify(v));
      const labels = axes[axis]!.values.map(valueLabel);
      const matches: number[] = [];
      for (const value of list) {
        const found: number[] = [];
        canon.forEach((c, j) => {
          if (c === JSON.stringify(value) || labels[j] === value) found.push(j);
        });
        if (found.length === 0) {
          problems.push({
            path: at,
            message: `value ${describeValue(value)} is not on the axis (values: ${
              labels.map((l) => l === "" ? "null" : l).join(", ")
            })`,
          });
        }
        matches.push(...found);
      }
      rule.push({ axis, values: [...new Set(matches)].sort((a, b) => a - b) });
    }
    rules.push(rule);
  });
  return rules;
}
