import { type ConfigRow, NUMERIC_COLUMNS } from "./config_row.ts";

/** A table query: filters, sort and page, already validated. */
export interface TableQuery {
  /** Column to sort by. @default "index" */
  sort?: string;
  /** Sort direction. @default "asc" */
  dir?: "asc" | "desc";
  /** 1-based page number. @default 1 */
  page?: number;
  /** Rows per page. @default 50 */
  size?: number;
  /** Keep only this status. */
  status?: string | undefined;
  /** Keep only Pareto-front rows. @default false */
  pareto?: boolean;
  /** Keep rows whose id or device path contains this text. */
  q?: string | undefined;
  /** Keep rows whose axis equals the value, per axis. @default {} */
  where?: Record<string, string>;
}

/** One page of a table query. */
export interface TablePage {
  /** Rows matching the filters. */
  total: number;
  /** The page returned (clamped to the last page). */
  page: number;
  /** Rows per page. */
  size: number;
  /** Number of pages (at least 1). */
  pages: number;
  /** The page's rows. */
  rows: ConfigRow[];
}

const MAX_CACHED_QUERIES = 64;

/**
 * The configurations of one sweep at one data version, with cached sort orders and filter
 * results so that paging through 100,000 rows costs a slice, not a sort.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ConfigTable } from "./config_table.ts";
 * import type { ConfigRow } from "./config_row.ts";
 * const row = (index: number, latency_ms: number) =>
 *   ({ index, id: `c${index}`, params: {}, status: "ok", latency_ms, memory_mb: {} }) as unknown as ConfigRow;
 * const table = new ConfigTable([row(0, 5), row(1, 2)], { axes: [], devices: [] });
 * const page = table.query({ sort: "latency_ms" });
 * assert(page.rows[0]!.id === "c1" && page.total === 2);
 * ```
 */
export class ConfigTable {
  /** Rows in index order. */
  readonly rows: readonly ConfigRow[];
  /** Axis names, in axis order. */
  readonly axes: readonly string[];
  /** Device names that have memory columns. */
  readonly devices: readonly string[];
  /** Every sortable column name. */
  readonly columns: readonly string[];
  readonly #byId = new Map<string, number>();
  readonly #orders = new Map<string, Uint32Array>();
  readonly #filtered = new Map<string, Uint32Array>();
  readonly #memo = new Map<string, unknown>();

  /** Builds the table; rows are taken as given (index order). */
  constructor(
    rows: readonly ConfigRow[],
    layout: { axes: readonly string[]; devices: readonly string[] },
  ) {
    this.rows = rows;
    this.axes = layout.axes;
    this.devices = layout.devices;
    this.columns = [
      "index",
      "id",
      ...layout.axes,
      "status",
      "latency_ms",
      "energy_mj",
      "score",
      "switches",
      "device_path",
      ...layout.devices.map((d) => `mem_${d}_mb`),
      "strategy",
      "optimal",
      "gap",
      "solve_ms",
      "group",
      "is_pareto",
    ];
    rows.forEach((row, i) => this.#byId.set(row.id, i));
  }

  /** The row with this id, if any. */
  byId(id: string): ConfigRow | undefined {
    const i = this.#byId.get(id);
    return i === undefined ? undefined : this.rows[i];
  }

  /** Distinct values of a column, sorted (numbers numerically). */
  distinct(column: string): string[] {
    return this.memo(`distinct:${column}`, () => {
      const values = new Set<string>();
      const cellAt = this.#accessor(column);
      for (const row of this.rows) {
        const v = cellAt(row);
        values.add(v === null ? "" : String(v));
      }
      const list = [...values];
      const numeric = list.every((v) => v === "" || Number.isFinite(Number(v)));
      return numeric
        ? list.sort((a, b) => (a === "" ? 1 : b === "" ? -1 : Number(a) - Number(b)))
        : list.sort();
    });
  }

  /** Whether every non-empty value of the column is a number. */
  isNumeric(column: string): boolean {
    if (NUMERIC_COLUMNS.has(column) || /^mem_.+_mb$/.test(column)) return true;
    return this.memo(`numeric:${column}`, () => {
      const values = this.distinct(column).filter((v) => v !== "");
      return values.length > 0 && values.every((v) => Number.isFinite(Number(v)));
    });
  }

  /**
   * Memoises a value derived from this table (charts, counts); it lives as long as the table,
   * that is, as long as this data version.
   */
  memo<T>(key: string, make: () => T): T {
    if (!this.#memo.has(key)) this.#memo.set(key, make());
    return this.#memo.get(key) as T;
  }

  /**
   * Computes the sort orders of every column but `id`, both directions, yielding to the event
   * loop between sorts, so that users' first sorts are already cached. Stops early when
   * `signal` aborts.
   *
   * @param signal Aborts the preparation (the table was replaced by a newer version).
   */
  async prepareOrders(signal?: AbortSignal): Promise<void> {
    for (const column of this.columns) {
      if (column === "id") continue;
      for (const dir of ["asc", "desc"] as const) {
        if (signal?.aborted) return;
        await new Promise((resolve) => setTimeout(resolve, 0));
        this.#order(column, dir);
      }
    }
  }

  /**
   * Filters, sorts and pages the rows.
   *
   * @param query The validated query.
   * @returns The page.
   * @throws {RangeError} When the sort column or a filtered axis does not exist.
   */
  query(query: TableQuery): TablePage {
    const { sort = "index", dir = "asc", page = 1, size = 50, where = {} } = query;
    if (!this.columns.includes(sort)) {
      throw new RangeError(`Cannot sort by "${sort}": the columns are ${this.columns.join(", ")}`);
    }
    for (const axis of Object.keys(where)) {
      if (!this.axes.includes(axis)) {
        throw new RangeError(`Cannot filter on "${axis}": the axes are ${this.axes.join(", ")}`);
      }
    }
    const indices = this.#select({ ...query, sort, dir, where });
    const pages = Math.max(1, Math.ceil(indices.length / size));
    const current = Math.min(page, pages);
    const start = (current - 1) * size;
    const rows: ConfigRow[] = [];
    for (let i = start; i < Math.min(start + size, indices.length); i++) {
      rows.push(this.rows[indices[i]!]!);
    }
    return { total: indices.length, page: current, size, pages, rows };
  }

  #select(
    query: TableQuery & { sort: string; dir: "asc" | "desc"; where: Record<string, string> },
  ) {
    const { sort, dir, status, pareto = false, q, where } = query;
    const order = this.#order(sort, dir);
    const filters = Object.entries(where).sort(([a], [b]) => a.localeCompare(b));
    if (status === undefined && !pareto && !q && filters.length === 0) return order;
    const key = JSON.stringify([sort, dir, status, pareto, q, filters]);
    const cached = this.#filtered.get(key);
    if (cached) {
      this.#filtered.delete(key);
      this.#filtered.set(key, cached);
      return cached;
    }
    const needle = q?.toLowerCase();
    const axes = filters.map(([axis]) => axis);
    const wanted = filters.map(([, value]) => value);
    const out: number[] = [];
    rows: for (const i of order) {
      const row = this.rows[i]!;
      if (status !== undefined && row.status !== status) continue;
      if (pareto && !row.is_pareto) continue;
      if (needle && !row.id.includes(needle) && !row.device_path.toLowerCase().includes(needle)) {
        continue;
      }
      for (let k = 0; k < axes.length; k++) {
        if (row.params[axes[k]!] !== wanted[k]) continue rows;
      }
      out.push(i);
    }
    const result = Uint32Array.from(out);
    this.#filtered.set(key, result);
    if (this.#filtered.size > MAX_CACHED_QUERIES) {
      this.#filtered.delete(this.#filtered.keys().next().value!);
    }
    return result;
  }

  /** A fast cell reader for one column (what `cellOf` does, decided once per column). */
  #accessor(column: string): (row: ConfigRow) => string | number | boolean | null {
    if (this.axes.includes(column)) return (row) => row.params[column] ?? null;
    const mem = /^mem_(.+)_mb$/.exec(column);
    if (mem) {
      const device = mem[1]!;
      return (row) => row.memory_mb[device] ?? null;
    }
    return (row) => {
      const value = (row as unknown as Record<string, unknown>)[column];
      return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
        ? value
        : null;
    };
  }

  /**
   * Row indices sorted by a column: distinct values are sorted (usually few), then rows are
   * placed by a stable counting sort on their value's rank, so ties keep index order and a new
   * sort costs two passes over the rows rather than a comparison sort. Missing values (null or
   * empty) come last in both directions.
   */
  #order(column: string, dir: "asc" | "desc"): Uint32Array {
    const key = `${column}:${dir}`;
    const cached = this.#orders.get(key);
    if (cached) return cached;
    const n = this.rows.length;
    const numeric = this.isNumeric(column);
    const bucketOf = new Map<string | number, number>();
    const distinct: (string | number)[] = [];
    const buckets = new Uint32Array(n);
    const MISSING = 0xffffffff;
    const cellAt = this.#accessor(column);
    for (let i = 0; i < n; i++) {
      const cell = cellAt(this.rows[i]!);
      const value = cell === null || cell === "" ? null : numeric ? Number(cell) : String(cell);
      if (value === null || (typeof value === "number" && Number.isNaN(value))) {
        buckets[i] = MISSING;
        continue;
      }
      let bucket = bucketOf.get(value);
      if (bucket === undefined) {
        bucket = distinct.length;
        distinct.push(value);
        bucketOf.set(value, bucket);
      }
      buckets[i] = bucket;
    }
    // Native sorts (typed-array numeric, default string order) are much faster than comparators.
    const sorted: (string | number)[] = numeric
      ? Array.from(Float64Array.from(distinct as number[]).sort())
      : (distinct as string[]).slice().sort();
    const rank = new Uint32Array(distinct.length);
    const last = sorted.length - 1;
    sorted.forEach((value, k) => (rank[bucketOf.get(value)!] = dir === "asc" ? k : last - k));
    const starts = new Uint32Array(distinct.length + 2);
    for (let i = 0; i < n; i++) {
      const b = buckets[i]!;
      starts[(b === MISSING ? distinct.length : rank[b]!) + 1]!++;
    }
    for (let r = 1; r < starts.length; r++) starts[r]! += starts[r - 1]!;
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const b = buckets[i]!;
      order[starts[b === MISSING ? distinct.length : rank[b]!]!++] = i;
    }
    this.#orders.set(key, order);
    return order;
  }
}
