import type { Scenario } from "../scenario/model.ts";
import type { DeviceProfile } from "./model.ts";

/** The outcome of {@linkcode applyProfile}: the resolved scenario, or why none exists. */

/** Options of {@linkcode applyProfile}: the memory axes of a configuration. */
export interface ApplyProfileOptions {
  /** Memory budgets by device name (the `memory_mb.<device>` axes); they win. @default {} */
  memory?: Readonly<Record<string, number>>;
  /** Multiplies every other device's budget after the profile (the `memory_factor` axis). @default 1 */
  memoryFactor?: number;
}

export type ProfileOutcome = { scenario: Scenario } | { reason: string };

/**
 * Applies a device profile and memory budget overrides to a scenario, returning a new scenario
 * (the input is not changed). Removed devices take their links and stage profiles with them;
 * devices a profile names that the scenario lacks are ignored. `memory_factor` multiplies a
 * device's budget and `link_scale` the per-MB costs of the scenario's own links. A profile's links are added
 * after the scenario's, so they win for the directions they cover. Memory axes apply last: a
 * `memoryFactor` multiplies the budgets the profile leaves, and `memory` budgets replace them.
 *
 * @param scenario A validated scenario.
 * @param profile The overlay.
 * @param options Memory budgets by device name and a factor of every budget, after the profile.
 * @returns The scenario, or a reason when a stage is left with no device.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { applyProfile } from "./apply_profile.ts";
 * const scenario = {
 *   name: "t", description: "", links: [],
 *   devices: [{ name: "cpu", label: "cpu", memory_mb: 100 }],
 *   stages: [{ name: "s", description: "", output_mb: 0,
 *     profiles: { cpu: { latency_ms: 2, energy_mj: 1, memory_mb: 10 } } }],
 *   constraints: { max_total_latency_ms: null, max_total_energy_mj: null },
 * };
 * const profile = { remove_devices: [], devices: {}, links: [],
 *   scale: { cpu: { latency: 2, energy: 1, memory: 1 } } };
 * const out = applyProfile(scenario, profile, { memory: { cpu: 50 } });
 * assert("scenario" in out && out.scenario.stages[0]!.profiles.cpu!.latency_ms === 4);
 * assert.equal(out.scenario.devices[0]!.memory_mb, 50);
 * const half = applyProfile(scenario, profile, { memoryFactor: 0.5 });
 * assert("scenario" in half && half.scenario.devices[0]!.memory_mb === 50);
 * ```
 */
export function applyProfile(
  scenario: Scenario,
  profile: DeviceProfile,
  options: ApplyProfileOptions = {},
): ProfileOutcome {
  const { memory = {}, memoryFactor = 1 } = options;
  const removed = new Set(profile.remove_devices);
  const devices = scenario.devices.filter((d) => !removed.has(d.name)).map((d) => ({
    ...d,
    memory_mb: memory[d.name] ?? memoryFactor * (profile.devices[d.name]?.memory_mb ??
          d.memory_mb * (profile.devices[d.name]?.memory_factor ?? 1)),
  }));
  const present = new Set(devices.map((d) => d.name));
  const scale = profile.link_scale;
  const links = scenario.links.filter((l) => present.has(l.source) && present.has(l.target)).map((
    l,
  ) =>
    scale
      ? {
        ...l,
        latency_ms_per_mb: l.latency_ms_per_mb * scale.latency,
        energy_mj_per_mb: l.energy_mj_per_mb * scale.energy,
      }
      : l
  );
  // Appended last: the compiled problem takes the last link given for each direction.
  for (const link of profile.links) {
    if (present.has(link.source) && present.has(link.target)) links.push({ ...link });
  }
  const stages = [];
  for (const stage of scenario.stages) {
    const profiles: Scenario["stages"][number]["profiles"] = {};
    for (const [device, p] of Object.entries(stage.profiles)) {
      if (!present.has(device)) continue;
      const s = profile.scale[device];
      profiles[device] = s
        ? {
          latency_ms: p.latency_ms * s.latency,
          energy_mj: p.energy_mj * s.energy,
          memory_mb: p.memory_mb * s.memory,
        }
        : { ...p };
    }
    if (Object.keys(profiles).length === 0) {
      return {
        reason: `stage "${stage.name}" has no device left once ${
          [...removed].map((d) => `"${d}"`).join(", ")
        } removed`,
      };
    }
    stages.push({ ...stage, profiles });
  }
  return { scenario: { ...scenario, devices, links, stages } };
}
