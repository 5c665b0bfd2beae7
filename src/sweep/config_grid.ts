import type { AxisValue, SweepSpec } from "./model.ts";

/** A deterministic interleaved share of a sweep: the configurations whose index % count is index. */
export interface Shard {
  /** This shard's number, from 0. */
  index: number;
  /** How many shards share the sweep. */
  count: number;
}

/**
 * Random access to a sweep's grid. A configuration's index is its position in the cartesian
 * product of the dimensions (slowest first, like `itertools.product`), counted before
 * exclusions, so indices are stable and excluded positions leave gaps.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ConfigGrid } from "./config_grid.ts";
 * import type { SweepSpec } from "./model.ts";
 * const spec = {
 *   axes: [{ name: "scenario", values: ["s"] }, { name: "goal", values: ["latency", "balanced"] }],
 *   dimensions: [[0], [1]], exclude: [],
 * } as unknown as SweepSpec;
 * const grid = new ConfigGrid(spec);
 * assert(grid.size === 2 && grid.paramsAt(1).goal === "balanced");
 * ```
 */
export class ConfigGrid {
  /** The sweep this grid expands. */
  readonly spec: SweepSpec;
  /** Number of positions in the product, excluded ones included. */
  readonly size: number;
  /** Number of values of each dimension. */
  readonly dimensionSizes: readonly number[];
  readonly #dims: number[][];

  /**
   * Builds the grid of a sweep.
   *
   * @throws {RangeError} When the product has more positions than can be indexed exactly.
   */
  constructor(spec: SweepSpec) {
    this.spec = spec;
    this.#dims = spec.dimensions;
    this.dimensionSizes = spec.dimensions.map((d) => spec.axes[d[0]!]!.values.length);
    this.size = this.dimensionSizes.reduce((a, b) => a * b, 1);
    if (!Number.isSafeInteger(this.size)) {
      throw new RangeError(
        `Cannot index sweep "${spec.name}" as its grid is too large: ${this.size} combinations`,
      );
    }
  }

  /**
   * Writes the position of each axis's value at a grid index into `out`.
   *
   * @param index A grid index from 0 to `size - 1`.
   * @param out Receives one value position per axis.
   * @returns `out`.
   */
  positionsAt(index: number, out: Int32Array = new Int32Array(this.spec.axes.length)): Int32Array {
    let rest = index;
    for (let d = this.#dims.length - 1; d >= 0; d--) {
      const size = this.dimensionSizes[d]!;
      const digit = rest % size;
      rest = (rest - digit) / size;
      for (const axis of this.#dims[d]!) out[axis] = digit;
    }
    return out;
  }

  /**
   * The grid index of a combination of axis value positions (the inverse of
   * {@linkcode ConfigGrid.positionsAt}; zipped axes are read from their group's first axis).
   */
  indexOf(positions: Int32Array): number {
    let index = 0;
    for (let d = 0; d < this.#dims.length; d++) {
      index = index * this.dimensionSizes[d]! + positions[this.#dims[d]![0]!]!;
    }
    return index;
  }

  /** Whether an exclude rule drops the combination with these axis value positions. */
  isExcluded(positions: Int32Array): boolean {
    for (const rule of this.spec.exclude) {
      let all = true;
      for (const { axis, values } of rule) {
        if (!values.includes(positions[axis]!)) {
          all = false;
          break;
        }
      }
      if (all) return true;
    }
    return false;
  }

  /** The parameters (axis name to value, in axis order) of a grid index. */
  paramsAt(index: number): Record<string, AxisValue> {
    const positions = this.positionsAt(index);
    const params: Record<string, AxisValue> = {};
    this.spec.axes.forEach((axis, a) => params[axis.name] = axis.values[positions[a]!]!);
    return params;
  }

  /**
   * Yields, lazily and in order, the indices of the configurations that are not excluded,
   * optionally only those of one shard.
   *
   * @param shard Restrict to `index % shard.count === shard.index`.
   */
  *indices(shard: Shard = { index: 0, count: 1 }): Generator<number> {
    const positions = new Int32Array(this.spec.axes.length);
    const filter = this.spec.exclude.length > 0;
    for (let i = shard.index; i < this.size; i += shard.count) {
      if (filter && this.isExcluded(this.positionsAt(i, positions))) continue;
      yield i;
    }
  }

  /**
   * Counts the configurations (of a shard), stopping early past `limit`.
   *
   * @returns The count, or a number above `limit` when there are more.
   */
  count(shard: Shard = { index: 0, count: 1 }, limit = Infinity): number {
    if (this.spec.exclude.length === 0) {
      return Math.max(0, Math.ceil((this.size - shard.index) / shard.count));
    }
    let n = 0;
    for (const _ of this.indices(shard)) if (++n > limit) break;
    return n;
  }
}
