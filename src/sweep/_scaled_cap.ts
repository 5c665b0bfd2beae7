import type { Scenario } from "../scenario/model.ts";

/** The cap fields of a scenario's constraints. */
export type CapName = "max_total_latency_ms" | "max_total_energy_mj";

/**
 * What a cap factor multiplies: the resolved scenario's own cap, or, when it has none, its
 * relaxed minimum: the sum over stages of each stage's fastest (or most frugal) profile,
 * ignoring transfers and memory (the score's normaliser L0 or E0). No placement does better
 * than the relaxed minimum, so a factor of 1.1 then means at most 10% above that bound.
 *
 * @param scenario The scenario after its device profile and memory overrides.
 * @param name Which cap.
 * @returns The reference in ms or mJ.
 */
function capReference(scenario: Scenario, name: CapName): number {
  const own = scenario.constraints[name];
  if (own !== null && own !== undefined) return own;
  const key = name === "max_total_latency_ms" ? "latency_ms" : "energy_mj";
  let total = 0;
  for (const stage of scenario.stages) {
    let best = Infinity;
    for (const profile of Object.values(stage.profiles)) best = Math.min(best, profile[key]);
    total += best;
  }
  return total;
}

/**
 * The cap of a configuration given as a factor: `null` (no cap) for a `null` factor, else the
 * factor times {@linkcode capReference}, rounded to 12 significant digits like axis ranges.
 *
 * @param factor The value of the `latency_cap_factor` or `energy_cap_factor` axis.
 * @param scenario The resolved scenario (`null` when the device profile left none).
 * @param name Which cap.
 * @returns The cap in ms or mJ, or `null`.
 */
export function scaledCap(
  factor: number | null,
  scenario: Scenario | null,
  name: CapName,
): number | null {
  if (factor === null || scenario === null) return null;
  return Number((factor * capReference(scenario, name)).toPrecision(12));
}
