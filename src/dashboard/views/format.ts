/**
 * Formats a number for tables: fixed decimals, or a dash for missing values.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { num } from "./format.ts";
 * assert.equal(num(27.968, 2), "27.97");
 * assert.equal(num(null), "\u2013");
 * ```
 */
export function num(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined || !Number.isFinite(value)
    ? "\u2013"
    : value.toFixed(digits);
}

/**
 * Formats a byte count with a binary unit.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bytes } from "./format.ts";
 * assert.equal(bytes(2048), "2.0 KiB");
 * ```
 */
export function bytes(n: number): string {
  const units = ["B", "KiB", "MiB", "GiB"];
  let value = n, unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${n} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/**
 * Formats an ISO-8601 time as `YYYY-MM-DD HH:MM UTC`, or a dash.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { time } from "./format.ts";
 * assert.equal(time("2026-11-26T12:00:30Z"), "2026-11-26 12:00:30 UTC");
 * assert.equal(time(null), "\u2013");
 * ```
 */
export function time(iso: string | null | undefined): string {
  if (!iso) return "\u2013";
  const ms = Date.parse(iso);
  return Number.isFinite(ms)
    ? new Date(ms).toISOString().slice(0, 19).replace("T", " ") + " UTC"
    : iso;
}
