/**
 * Columns of `fronts.csv`, in order: written by the sweep runner (`sweepFronts`), read by the
 * dashboard (`parseFrontsCsv`). See docs/RESULTS_FORMAT.md.
 */
export const FRONTS_COLUMNS = [
  "group",
  "scenario",
  "device_profile",
  "point",
  "latency_ms",
  "energy_mj",
  "switches",
  "device_path",
  "proven",
] as const;
