/**
 * A fast-check arbitrary of small random scenarios for the solver's property tests: 2-6 stages,
 * 1-4 devices, missing profiles and links, one-way links, zero outputs, tight or loose caps and
 * memory budgets, and small integer costs so that ties are common. Test code only.
 *
 * @module
 */
import fc from "fast-check";
import type { Scenario } from "../scenario/model.ts";
import type { Weights } from "./goals.ts";

/** Options of {@linkcode scenarioArbitrary}. */
export interface ScenarioArbitraryOptions {
  /** Fewest stages. @default 2 */
  minStages?: number;
  /** Most stages. @default 6 */
  maxStages?: number;
  /** Most devices. @default 4 */
  maxDevices?: number;
}

/** Random small scenarios (see the module doc). */
export function scenarioArbitrary(
  options: ScenarioArbitraryOptions = {},
): fc.Arbitrary<Scenario> {
  const { minStages = 2, maxStages = 6, maxDevices = 4 } = options;
  const small = fc.integer({ min: 0, max: 9 });
  return fc.record({
    n: fc.integer({ min: minStages, max: maxStages }),
    m: fc.integer({ min: 1, max: maxDevices }),
    seedCosts: fc.array(fc.tuple(small, small, small, fc.boolean()), {
      minLength: maxStages * maxDevices,
      maxLength: maxStages * maxDevices,
    }),
    outputs: fc.array(fc.constantFrom(0, 0, 1, 2, 3), {
      minLength: maxStages,
      maxLength: maxStages,
    }),
    links: fc.array(
      fc.tuple(fc.constantFrom("none", "both", "both", "forward"), small, small),
      { minLength: maxDevices * maxDevices, maxLength: maxDevices * maxDevices },
    ),
    memory: fc.array(fc.oneof(fc.integer({ min: 0, max: 25 }), fc.constant(1000)), {
      minLength: maxDevices,
      maxLength: maxDevices,
    }),
    latencyCap: fc.option(fc.integer({ min: 3, max: 60 }), { nil: null }),
    energyCap: fc.option(fc.integer({ min: 3, max: 60 }), { nil: null }),
  }).map(({ n, m, seedCosts, outputs, links, memory, latencyCap, energyCap }) => {
    const names = Array.from({ length: m }, (_, d) => `d${d}`);
    const stages = Array.from({ length: n }, (_, i) => {
      const profiles: Scenario["stages"][number]["profiles"] = {};
      for (let d = 0; d < m; d++) {
        const [latency, energy, mem, present] = seedCosts[i * maxDevices + d]!;
        // The first device of each stage is always present, so no stage has zero profiles.
        if (present || d === i % m) {
          profiles[names[d]!] = { latency_ms: latency, energy_mj: energy, memory_mb: mem };
        }
      }
      return { name: `s${i}`, description: "", output_mb: outputs[i]!, profiles };
    });
    const scenarioLinks: Scenario["links"] = [];
    for (let a = 0; a < m; a++) {
      for (let b = a + 1; b < m; b++) {
        const [kind, latency, energy] = links[a * maxDevices + b]!;
        if (kind === "none") continue;
        scenarioLinks.push({
          source: names[kind === "forward" && (a + b) % 2 === 1 ? b : a]!,
          target: names[kind === "forward" && (a + b) % 2 === 1 ? a : b]!,
          latency_ms_per_mb: latency / 4,
          energy_mj_per_mb: energy / 4,
          bidirectional: kind === "both",
        });
      }
    }
    return {
      name: "random",
      description: "",
      devices: names.map((name, d) => ({ name, label: name, memory_mb: memory[d]! })),
      links: scenarioLinks,
      stages,
      constraints: { max_total_latency_ms: latencyCap, max_total_energy_mj: energyCap },
    };
  });
}

/** Goal presets and random non-negative weights (switch weight sometimes zero). */
export const weightsArbitrary: fc.Arbitrary<Weights> = fc.oneof(
  fc.constantFrom(
    { latency: 1.0, energy: 0.2, switches: 0.08 },
    { latency: 0.35, energy: 1.0, switches: 0.08 },
    { latency: 0.75, energy: 0.75, switches: 0.08 },
  ),
  fc.record({
    latency: fc.integer({ min: 0, max: 4 }).map((x) => x / 4),
    energy: fc.integer({ min: 0, max: 4 }).map((x) => x / 4),
    switches: fc.constantFrom(0, 0.05, 0.25),
  }),
);
