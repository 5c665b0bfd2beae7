import { formatCell } from "../results/format_cell.ts";
import type { AxisValue } from "./model.ts";

/**
 * The text of an axis value in CSV files, group keys and messages: names and numbers as they
 * are, `null` as an empty string, custom weights by name or as `latency/energy/switches`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { valueLabel } from "./value_label.ts";
 * assert(valueLabel({ latency: 1, energy: 0.5, switches: 0 }) === "1/0.5/0");
 * assert(valueLabel(null) === "");
 * ```
 */
export function valueLabel(value: AxisValue): string {
  return formatCell(value);
}
