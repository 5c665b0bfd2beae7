/**
 * The validated sweep model: plain data (structured-cloneable) so the main thread can hand the
 * whole spec to workers once, and workers expand and resolve configurations themselves.
 *
 * @module
 */
import type { Link, Scenario } from "../scenario/model.ts";

/** Custom score weights, optionally named for CSV labels. */
export interface WeightsValue {
  name?: string | undefined;
  latency: number;
  energy: number;
  switches: number;
}

/** One value of an axis: a name, a number, `null` (no cap) or custom weights. */
export type AxisValue = string | number | null | WeightsValue;

/** One axis of the grid, its values already expanded from lists or ranges. */
export interface Axis {
  /** `scenario`, `device_profile`, `goal`, `max_total_latency_ms`, `memory_mb.npu`... */
  name: string;
  values: AxisValue[];
}

/** An overlay on a scenario's devices. */
export interface DeviceProfile {
  remove_devices: string[];
  /** Memory budget overrides by device: a budget in MB, or a factor times the scenario's. */
  devices: Record<string, { memory_mb?: number; memory_factor?: number }>;
  /** Multipliers of the stage profiles on a device. */
  scale: Record<string, { latency: number; energy: number; memory: number }>;
  /** Links added or replacing the scenario's link between the same devices. */
  links: Link[];
  /** Multipliers of the per-MB costs of every link of the scenario (not of `links`). */
  link_scale?: { latency: number; energy: number };
}

/** A scenario named by the sweep, with where it came from. */
export interface SweepScenario {
  /** Path as written in the manifest (relative to the working directory). */
  path: string;
  /** The scenario's `name`: the value of the `scenario` axis. */
  name: string;
  /** sha256 hex of the scenario file's text. */
  hash: string;
  scenario: Scenario;
}

/** The fixed solver settings; axes of the same name override them per configuration. */
export interface SolverSettings {
  goal: string | WeightsValue;
  strategy: "auto" | "exact" | "beam";
  top_k: number;
  beam_width: number;
  node_limit: number;
}

/** An exclude rule: for each listed axis (by position), the value positions that match. */
export type ExcludeRule = Array<{ axis: number; values: number[] }>;

/** Limits of the exact Pareto fronts written to `fronts.csv`. */
export interface FrontsSettings {
  /** Kept partial placements after which a front is given up, unproven (deterministic). */
  label_limit: number;
  /** Milliseconds per scenario x profile after which a front is given up, unproven. */
  time_limit_ms: number;
}

/** A complete, validated sweep, ready to expand. */
export interface SweepSpec {
  name: string;
  /** The sweep file as given on the command line. */
  file: string;
  /** sha256 hex of the sweep file's text. */
  hash: string;
  scenarios: SweepScenario[];
  profiles: Record<string, DeviceProfile>;
  /** Axes in order: `scenario`, `device_profile`, then the grid's in file order. */
  axes: Axis[];
  /** Dimensions of the product, slowest first; each lists its axes (more than one when zipped). */
  dimensions: number[][];
  exclude: ExcludeRule[];
  solver: SolverSettings;
  /** Axis names whose values form the Pareto group key. */
  group_by: string[];
  /** Every device name of every scenario, in order of first appearance (CSV memory columns). */
  devices: string[];
  /** Write `fronts.csv` with these limits; `null` (the default) writes none. */
  fronts: FrontsSettings | null;
}
