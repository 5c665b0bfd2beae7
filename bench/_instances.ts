/**
 * The benchmark instances: the original tool's sample and seeded generated chains with tight
 * caps and memory budgets (see `generateScenario`).
 *
 * @module
 */
import { parseScenario } from "../src/scenario/mod.ts";
import type { Scenario } from "../src/scenario/model.ts";
import { generateScenario } from "../src/solver/mod.ts";

/** One named benchmark scenario. */
export interface Instance {
  name: string;
  scenario: Scenario;
}

/** Loads the sample scenario shipped in scenarios/. */
export function sampleInstance(): Instance {
  const url = new URL("../scenarios/mobile_vision_pipeline.json", import.meta.url);
  return {
    name: "sample 7x3",
    scenario: parseScenario(JSON.parse(Deno.readTextFileSync(url)), url.pathname),
  };
}

/** A generated chain with the generator's default (tight) slacks. */
export function tightInstance(n: number, m: number, seed = 1): Instance {
  return { name: `${n}x${m} tight s${seed}`, scenario: generateScenario(n, m, { seed }) };
}

/** The instances every benchmark runs over. */
export function benchInstances(): Instance[] {
  return [
    sampleInstance(),
    tightInstance(16, 4),
    tightInstance(24, 4),
    tightInstance(40, 4),
    tightInstance(100, 5),
  ];
}
