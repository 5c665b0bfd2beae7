import type { ParsedTableQuery } from "../table_query.ts";

/**
 * Builds a sweep page link that keeps the current table state, with some values changed;
 * default values are left out so links stay short.
 *
 * @param base The page path.
 * @param query The current query.
 * @param change Values to change (`undefined` removes a filter).
 * @returns The path and query string.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tableHref } from "./table_href.ts";
 * const q = { page: 3, size: 50, sort: "score", dir: "asc", status: undefined, pareto: false,
 *   q: undefined, where: { goal: "latency" }, color: undefined, group: undefined } as const;
 * assert.equal(tableHref("/sweeps/a", { ...q, where: { ...q.where } }, { page: 1 }),
 *   "/sweeps/a?sort=score&p.goal=latency");
 * assert.equal(tableHref("/sweeps/a", { ...q, where: {}, group: "s/p" }, { page: 2 }),
 *   "/sweeps/a?group=s%2Fp&sort=score&page=2");
 * ```
 */
export function tableHref(
  base: string,
  query: ParsedTableQuery,
  change: Partial<ParsedTableQuery> = {},
): string {
  const q = { ...query, ...change };
  const params = new URLSearchParams();
  if (q.color) params.set("color", q.color);
  if (q.group) params.set("group", q.group);
  if (q.sort !== "index") params.set("sort", q.sort);
  if (q.dir !== "asc") params.set("dir", q.dir);
  if (q.status) params.set("status", q.status);
  if (q.pareto) params.set("pareto", "1");
  if (q.q) params.set("q", q.q);
  for (const [axis, value] of Object.entries(q.where)) params.set(`p.${axis}`, value);
  if (q.size !== 50) params.set("size", String(q.size));
  if (q.page !== 1) params.set("page", String(q.page));
  const text = params.toString();
  return text ? `${base}?${text}` : base;
}
