/**
 * Formats a value as a CSV cell: plain numbers rounded to 12 significant digits (`31.6`, not
 * `31.599999999999998`, and never exponent notation), `true`/`false`, an empty cell for `null`
 * and `undefined`, custom weights by `name` or as `latency/energy/switches`.
 *
 * @param value The value.
 * @returns The cell text (csv-stringify adds the quotes a cell needs).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatCell } from "./format_cell.ts";
 * assert(formatCell(0.1 + 0.2) === "0.3");
 * assert(formatCell(1e-7) === "0.0000001");
 * assert(formatCell(null) === "" && formatCell(true) === "true");
 * assert(formatCell({ latency: 1, energy: 0.5, switches: 0 }) === "1/0.5/0");
 * ```
 */
export function formatCell(value: unknown): string {
  switch (typeof value) {
    case "number":
      return formatNumber(value);
    case "string":
      return value;
    case "boolean":
      return value ? "true" : "false";
    case "undefined":
      return "";
    case "object": {
      if (value === null) return "";
      const w = value as { name?: string; latency?: number; energy?: number; switches?: number };
      if (typeof w.name === "string") return w.name;
      if (typeof w.latency === "number") {
        return `${formatNumber(w.latency)}/${formatNumber(w.energy!)}/${formatNumber(w.switches!)}`;
      }
      return JSON.stringify(value);
    }
    default:
      return String(value);
  }
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return "";
  // Fast path: at most 11 significant digits and no exponent are already what rounding gives.
  const plain = String(value);
  if (plain.length <= 12 && !plain.includes("e")) return plain;
  const text = String(Number(value.toPrecision(12)));
  if (!text.includes("e")) return text;
  return Number(value.toPrecision(12)).toLocaleString("en-US", {
    useGrouping: false,
    maximumFractionDigits: 20,
  });
}
