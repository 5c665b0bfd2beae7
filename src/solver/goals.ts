/** Weights of the score: `latency * L/L0 + energy * E/E0 + switches * S`. */
export interface Weights {
  latency: number;
  energy: number;
  switches: number;
}

/** The original tool's goal presets. */
export type GoalName = "latency" | "efficiency" | "balanced";

/** Weights of each goal preset, as in the original tool. */
export const GOAL_PRESETS: Readonly<Record<GoalName, Readonly<Weights>>> = {
  latency: { latency: 1.0, energy: 0.2, switches: 0.08 },
  efficiency: { latency: 0.35, energy: 1.0, switches: 0.08 },
  balanced: { latency: 0.75, energy: 0.75, switches: 0.08 },
};

/** Names of the presets, in a stable order. */
export const GOAL_NAMES: readonly GoalName[] = ["latency", "efficiency", "balanced"];

/**
 * Tells whether a string names a goal preset.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isGoalName } from "./goals.ts";
 * assert(isGoalName("balanced") && !isGoalName("fast"));
 * ```
 */
export function isGoalName(value: string): value is GoalName {
  return (GOAL_NAMES as readonly string[]).includes(value);
}
