import type { ConfigGrid } from "./config_grid.ts";
import { applyProfile } from "./apply_profile.ts";
import { sha256Hex } from "./sha256_hex.ts";

/** Most combinations of scenario, profile and memory values examined for duplicates. */
const MAX_BASES = 20_000;

/**
 * Finds combinations of the scenario-shaping axes (scenario, device profile, memory axes)
 * that resolve to the same scenario, e.g. a profile that removes a device a scenario does not
 * have. Configurations that differ only there are identical (same id): the runner puts each
 * "follower" in the batch of its "leader", where the worker's cache by id solves them once.
 * Grouping only changes which batch a configuration is in, never its result.
 */
export class DuplicateBases {
  readonly #grid: ConfigGrid;
  readonly #baseAxes: number[];
  /** Base key of a follower to the base positions of its leader. */
  readonly #leader = new Map<string, Int32Array>();
  /** Base key of a leader to the base positions of its followers. */
  readonly #followers = new Map<string, Int32Array[]>();
  readonly #positions: Int32Array;

  private constructor(grid: ConfigGrid, baseAxes: number[]) {
    this.#grid = grid;
    this.#baseAxes = baseAxes;
    this.#positions = new Int32Array(grid.spec.axes.length);
  }

  /**
   * Groups the base combinations of a grid, or returns `undefined` when none repeats (or when the
   * grid's shape does not allow it: a scenario-shaping axis zipped with another kind of axis, or
   * too many combinations).
   */
  static of(grid: ConfigGrid): DuplicateBases | undefined {
    const { spec } = grid;
    const baseAxes = spec.axes.flatMap((a, i) =>
      i === 0 || i === 1 || a.name.startsWith("memory_mb.") || a.name === "memory_factor" ? [i] : []
    );
    const baseDims: number[][] = [];
    for (const dim of spec.dimensions) {
      const shaping = dim.filter((a) => baseAxes.includes(a)).length;
      if (shaping === 0) continue;
      if (shaping !== dim.length) return undefined;
      baseDims.push(dim);
    }
    const sizes = baseDims.map((d) => spec.axes[d[0]!]!.values.length);
    const total = sizes.reduce((a, b) => a * b, 1);
    if (total > MAX_BASES) return undefined;
    const groups = new Map<string, Int32Array[]>();
    const digits = new Array<number>(baseDims.length).fill(0);
    for (let k = 0; k < total; k++) {
      let rest = k;
      for (let d = baseDims.length - 1; d >= 0; d--) {
        digits[d] = rest % sizes[d]!;
        rest = Math.floor(rest / sizes[d]!);
      }
      const positions = new Int32Array(spec.axes.length);
      baseDims.forEach((dim, d) => dim.forEach((a) => positions[a] = digits[d]!));
      const scenario = spec.scenarios[positions[0]!]!.scenario;
      const profile = spec.profiles[spec.axes[1]!.values[positions[1]!] as string]!;
      const memory: Record<string, number> = {};
      let memoryFactor = 1;
      for (const a of baseAxes.slice(2)) {
        const value = spec.axes[a]!.values[positions[a]!] as number;
        if (spec.axes[a]!.name === "memory_factor") memoryFactor = value;
        else memory[spec.axes[a]!.name.slice("memory_mb.".length)] = value;
      }
      const key = sha256Hex(
        JSON.stringify(applyProfile(scenario, profile, { memory, memoryFactor })),
      );
      const list = groups.get(key);
      if (list) list.push(positions);
      else groups.set(key, [positions]);
    }
    const found = new DuplicateBases(grid, baseAxes);
    for (const list of groups.values()) {
      if (list.length < 2) continue;
      const [leader, ...followers] = list;
      found.#followers.set(found.#key(leader!), followers);
      for (const f of followers) found.#leader.set(found.#key(f), leader!);
    }
    return found.#leader.size > 0 ? found : undefined;
  }

  /** The index of the configuration this one duplicates and follows, if any. */
  leaderOf(index: number): number | undefined {
    const positions = this.#grid.positionsAt(index, this.#positions);
    const leader = this.#leader.get(this.#key(positions));
    return leader ? this.#replaced(positions, leader) : undefined;
  }

  /** The indices of the configurations that duplicate this one and follow it. */
  followersOf(index: number): number[] {
    const positions = this.#grid.positionsAt(index, this.#positions);
    const followers = this.#followers.get(this.#key(positions));
    if (!followers) return [];
    const base = Int32Array.from(positions);
    return followers.map((f) => this.#replaced(Int32Array.from(base), f));
  }

  #key(positions: Int32Array): string {
    let key = "";
    for (const a of this.#baseAxes) key += positions[a] + ",";
    return key;
  }

  #replaced(positions: Int32Array, base: Int32Array): number {
    for (const a of this.#baseAxes) positions[a] = base[a]!;
    return this.#grid.indexOf(positions);
  }
}
