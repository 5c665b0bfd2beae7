import type { RangeSpec } from "./schema.ts";

/** Most values a single range may produce. */
export const MAX_RANGE_VALUES = 1_000_000;

/**
 * Expands an inclusive numeric range: linear with `step` (`from + i * step`) or geometric with
 * `factor` (`from * factor ** i`). Values are rounded to 12 significant digits so that
 * `0.1` steps give `0.3`, not `0.30000000000000004`.
 *
 * @param range The range as written in a sweep file.
 * @returns The values, in order, ending at or just before `to`.
 * @throws {RangeError} When the range never reaches its end (step zero or pointing away from
 *   `to`, factor at most 1 or below zero), gives both or neither of `step` and `factor`, or would
 *   give more than {@linkcode MAX_RANGE_VALUES} values.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { expandRange } from "./expand_range.ts";
 * assert(expandRange({ from: 20, to: 26, step: 2 }).join() === "20,22,24,26");
 * assert(expandRange({ from: 1, to: 8, factor: 2 }).join() === "1,2,4,8");
 * ```
 */
export function expandRange(range: RangeSpec): number[] {
  const { from, to, step, factor } = range;
  if ((step === undefined) === (factor === undefined)) {
    throw new RangeError(
      `Cannot expand range as it needs exactly one of 'step' or 'factor': ${describe(range)}`,
    );
  }
  const values: number[] = [];
  const tolerance = 1e-9 * Math.max(1, Math.abs(from), Math.abs(to));
  if (step !== undefined) {
    if (step === 0 || (to - from) * step < 0) {
      throw new RangeError(
        `Cannot expand range as it never reaches its end: step ${step} from ${from} to ${to}`,
      );
    }
    if ((to - from) / step + 1 > MAX_RANGE_VALUES + 1) push(values, NaN, range, true);
    for (let i = 0;; i++) {
      const value = round(from + i * step);
      if (step > 0 ? value > to + tolerance : value < to - tolerance) break;
      push(values, value, range);
    }
  } else {
    const f = factor!;
    const grows = to >= from;
    if (from !== to && from * to <= 0) {
      throw new RangeError(
        `Cannot expand range as it never reaches its end: factor ${f} from ${from} to ${to}`,
      );
    }
    if (from !== to && (f <= 0 || f === 1 || (grows === from > 0 ? f < 1 : f > 1))) {
      throw new RangeError(
        `Cannot expand range as it never reaches its end: factor ${f} from ${from} to ${to}`,
      );
    }
    for (let i = 0;; i++) {
      const value = round(from * f ** i);
      if (grows ? value > to + tolerance : value < to - tolerance) break;
      push(values, value, range);
      if (from === to) break;
    }
  }
  return values;
}

function push(values: number[], value: number, range: RangeSpec, tooMany = false): void {
  if (tooMany || values.length >= MAX_RANGE_VALUES) {
    throw new RangeError(
      `Cannot expand range as it gives more than ${MAX_RANGE_VALUES} values: ${describe(range)}`,
    );
  }
  values.push(value);
}

function round(value: number): number {
  return Number(value.toPrecision(12));
}

function describe(range: RangeSpec): string {
  return JSON.stringify(range);
}
