import type { FrontsSettings } from "./model.ts";

/**
 * The limits of `fronts: true` in a sweep file (and of `--fronts`): two million kept labels (a
 * deterministic work limit) and a minute per scenario x device profile (a safety net; a front
 * that reaches it is written unproven, and only then can two runs differ).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { FRONTS_DEFAULTS } from "./fronts_defaults.ts";
 * assert.deepEqual(FRONTS_DEFAULTS, { label_limit: 2_000_000, time_limit_ms: 60_000 });
 * ```
 */
export const FRONTS_DEFAULTS: Readonly<FrontsSettings> = {
  label_limit: 2_000_000,
  time_limit_ms: 60_000,
};
