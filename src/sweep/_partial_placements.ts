import type { Scenario } from "../scenario/model.ts";

/** Number of partial placements (search tree nodes) of a scenario's chain of stages. */
export function partialPlacements(scenario: Scenario): number {
  let product = 1;
  let total = 0;
  for (const stage of scenario.stages) {
    product *= Object.keys(stage.profiles).length;
    total += product;
  }
  return total;
}
