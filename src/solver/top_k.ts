/**
 * The k best complete placements seen so far, kept sorted by the project's total order: score,
 * then latency, then energy, then switches, then the option indices stage by stage (the
 * scenario's profile order). Fixed storage, no allocation per offer. Plain arrays rather than
 * typed ones: for the small k used here they are several times cheaper to allocate.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { TopK } from "./top_k.ts";
 * const top = new TopK(2, 1);
 * top.offer(2, 1, 1, 0, [0]);
 * top.offer(1, 1, 1, 0, [1]);
 * top.offer(1, 1, 1, 0, [2]);
 * assert(top.path(0)[0] === 1 && top.path(1)[0] === 2 && top.threshold() === 1);
 * ```
 */
export class TopK {
  readonly k: number;
  readonly n: number;
  size = 0;
  readonly score: number[];
  readonly latency: number[];
  readonly energy: number[];
  readonly switches: number[];
  /** Paths, `n` option indices per entry. */
  readonly paths: number[];

  /** Makes an empty collector for `k` placements of `n` stages. */
  constructor(k: number, n: number) {
    this.k = k;
    this.n = n;
    this.score = new Array<number>(k).fill(0);
    this.latency = new Array<number>(k).fill(0);
    this.energy = new Array<number>(k).fill(0);
    this.switches = new Array<number>(k).fill(0);
    this.paths = new Array<number>(k * n).fill(0);
  }

  /** Score of the worst kept entry, or `Infinity` while fewer than k are kept. */
  threshold(): number {
    return this.size < this.k ? Infinity : this.score[this.k - 1]!;
  }

  /**
   * Offers a placement; keeps it if it ranks among the k best and is not already kept.
   * @returns Whether it was kept.
   */
  offer(
    score: number,
    latency: number,
    energy: number,
    switches: number,
    path: ArrayLike<number>,
  ): boolean {
    let pos = this.size;
    while (pos > 0) {
      const c = this.compare(pos - 1, score, latency, energy, switches, path);
      if (c < 0) break;
      if (c === 0) return false;
      pos--;
    }
    if (pos >= this.k) return false;
    const last = Math.min(this.size, this.k - 1);
    const n = this.n;
    for (let j = last; j > pos; j--) {
      this.score[j] = this.score[j - 1]!;
      this.latency[j] = this.latency[j - 1]!;
      this.energy[j] = this.energy[j - 1]!;
      this.switches[j] = this.switches[j - 1]!;
      for (let i = 0; i < n; i++) this.paths[j * n + i] = this.paths[(j - 1) * n + i]!;
    }
    this.score[pos] = score;
    this.latency[pos] = latency;
    this.energy[pos] = energy;
    this.switches[pos] = switches;
    for (let i = 0; i < n; i++) this.paths[pos * n + i] = path[i]!;
    if (this.size < this.k) this.size++;
    return true;
  }

  /** The path of entry `j` as a plain array. */
  path(j: number): number[] {
    return this.paths.slice(j * this.n, (j + 1) * this.n);
  }

  private compare(
    j: number,
    score: number,
    latency: number,
    energy: number,
    switches: number,
    path: ArrayLike<number>,
  ): number {
    if (this.score[j] !== score) return this.score[j]! < score ? -1 : 1;
    if (this.latency[j] !== latency) return this.latency[j]! < latency ? -1 : 1;
    if (this.energy[j] !== energy) return this.energy[j]! < energy ? -1 : 1;
    if (this.switches[j] !== switches) return this.switches[j]! < switches ? -1 : 1;
    const base = j * this.n;
    for (let i = 0; i < this.n; i++) {
      const a = this.paths[base + i]!;
      const b = path[i]!;
      if (a !== b) return a < b ? -1 : 1;
    }
    return 0;
  }
}
