/**
 * Formats a memory amount in MB as the original tool did (whole MB) unless that would hide a
 * small non-integer amount (microcontroller budgets are fractions of a MB): then 3 significant
 * digits.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatMb } from "./format_mb.ts";
 * assert.equal(formatMb(1030), "1030");
 * assert.equal(formatMb(0.1875), "0.188");
 * assert.equal(formatMb(140.6), "141");
 * ```
 */
export function formatMb(mb: number): string {
  if (Number.isInteger(mb) || Math.abs(mb) >= 100) return mb.toFixed(0);
  return String(Number(mb.toPrecision(3)));
}
