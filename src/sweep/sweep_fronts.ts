import { formatCell } from "../results/format_cell.ts";
import { formatCsv } from "../results/format_csv.ts";
import { compileProblem, paretoFront } from "../solver/mod.ts";
import { applyProfile } from "./apply_profile.ts";
import type { FrontsSettings, SweepSpec } from "./model.ts";
import { valueLabel } from "./value_label.ts";
import { FRONTS_COLUMNS } from "../results/fronts_columns.ts";

/** What {@linkcode sweepFronts} computed. */
export interface SweepFrontsResult {
  /** The text of `fronts.csv`, header included. */
  csv: string;
  /** Pairs of scenario and device profile, in axis order. */
  pairs: number;
  /** Front points over all pairs. */
  points: number;
  /** Pairs whose front is not proven complete (a limit was reached). */
  unproven: number;
}

/**
 * Computes, for every pair of a value of the `scenario` axis and one of the `device_profile`
 * axis, the exact latency/energy Pareto front of placements of the scenario after that device
 * profile: its memory budgets and links, and no latency or energy cap (the caps are what a
 * sweep varies; the `memory_mb.<device>` and `memory_factor` axes are not applied either). Fronts use the exact label
 * method of `paretoFront` with a deterministic limit on kept labels, so the text is the same on
 * every run and shard layout unless a pair reaches the time limit (then `proven` is `false`).
 *
 * @param spec The validated sweep.
 * @param settings The label limit and the time limit per pair.
 * @returns The CSV text (pairs in axis order, points by increasing latency) and counts.
 * @throws {RangeError} When a limit is not a positive integer.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadSweep } from "./load_sweep.ts";
 * import { sweepFronts } from "./sweep_fronts.ts";
 * const spec = await loadSweep("sweeps/budgets.yaml");
 * const fronts = sweepFronts(spec, { label_limit: 1_000_000, time_limit_ms: 60_000 });
 * assert.equal(fronts.csv.split("\n")[0], "group,scenario,device_profile,point,latency_ms,energy_mj,switches,device_path,proven");
 * assert.equal(fronts.unproven, 0);
 * assert(fronts.points >= fronts.pairs);
 * ```
 */
export function sweepFronts(spec: SweepSpec, settings: FrontsSettings): SweepFrontsResult {
  for (const key of ["label_limit", "time_limit_ms"] as const) {
    const value = settings[key];
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(
        `Cannot compute the fronts of sweep "${spec.name}" as '${key}' must be a positive integer: current value is ${value}`,
      );
    }
  }
  const rows: string[][] = [[...FRONTS_COLUMNS]];
  let points = 0;
  let unproven = 0;
  const profiles = spec.axes[1]!.values as string[];
  for (const source of spec.scenarios) {
    for (const profileName of profiles) {
      const group = [valueLabel(source.name), valueLabel(profileName)].join("/");
      const head = [group, source.name, profileName];
      const outcome = applyProfile(source.scenario, spec.profiles[profileName]!);
      if ("reason" in outcome) {
        // No placement at all: one row without a point, proven (nothing to search).
        rows.push([...head, "", "", "", "", "", "true"]);
        continue;
      }
      const problem = compileProblem({
        ...outcome.scenario,
        constraints: { max_total_latency_ms: null, max_total_energy_mj: null },
      });
      const front = paretoFront(problem, {
        method: "labels",
        labelLimit: settings.label_limit,
        deadline: performance.now() + settings.time_limit_ms,
      });
      const proven = front.complete ? "true" : "false";
      if (!front.complete) unproven++;
      if (front.points.length === 0) rows.push([...head, "", "", "", "", "", proven]);
      front.points.forEach((p, k) => {
        rows.push([
          ...head,
          formatCell(k + 1),
          formatCell(p.latency),
          formatCell(p.energy),
          formatCell(p.switches),
          p.devices.join(" "),
          proven,
        ]);
      });
      points += front.points.length;
    }
  }
  return { csv: formatCsv(rows), pairs: spec.scenarios.length * profiles.length, points, unproven };
}
