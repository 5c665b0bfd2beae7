import { z } from "zod";
import type { TableQuery } from "./config_table.ts";

const empty = (value: unknown) => (value === "" ? undefined : value);

/** Zod schema of the table's query parameters (sweep page and configurations API). */
export const tableQuerySchema = z.strictObject({
  page: z.preprocess(empty, z.coerce.number().int().min(1).max(10_000_000).default(1)),
  size: z.preprocess(empty, z.coerce.number().int().min(1).max(500).default(50)),
  sort: z.preprocess(empty, z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/).default("index")),
  dir: z.preprocess(empty, z.enum(["asc", "desc"]).default("asc")),
  status: z.preprocess(empty, z.enum(["ok", "infeasible", "error"]).optional()),
  pareto: z.preprocess(empty, z.enum(["1", "true", "0", "false"]).optional()),
  q: z.preprocess(empty, z.string().max(100).optional()),
  color: z.preprocess(empty, z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/).optional()),
  group: z.preprocess(empty, z.string().max(300).optional()),
});

/** A validated table query plus the chart's colour and group (sweep page only). */
export interface ParsedTableQuery
  extends Required<Pick<TableQuery, "sort" | "dir" | "page" | "size">> {
  /** Status filter. */
  status: string | undefined;
  /** Pareto-only filter. */
  pareto: boolean;
  /** Text filter. */
  q: string | undefined;
  /** Axis filters from `p.<axis>=value`. */
  where: Record<string, string>;
  /** Chart colour column. */
  color: string | undefined;
  /** Chart group (sweep page only): one group's configurations and exact front. */
  group: string | undefined;
}

/**
 * Validates the query string of a table request. Axis filters are `p.<axis>=<value>` (empty
 * values mean "any"); every other key must be one of the schema's.
 *
 * @param query The query parameters, each with all its values.
 * @returns The typed query.
 * @throws {RangeError} Naming the parameter and the value when something is invalid.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseTableQuery } from "./table_query.ts";
 * const q = parseTableQuery({ page: ["2"], "p.goal": ["latency"], status: [""] });
 * assert.equal(q.page, 2);
 * assert.deepEqual(q.where, { goal: "latency" });
 * assert.equal(q.status, undefined);
 * assert.throws(() => parseTableQuery({ size: ["0"] }), RangeError);
 * ```
 */
export function parseTableQuery(query: Record<string, string[]>): ParsedTableQuery {
  const plain: Record<string, string> = {};
  const where: Record<string, string> = {};
  for (const [key, values] of Object.entries(query)) {
    if (values.length !== 1) {
      throw new RangeError(
        `Query parameter "${key}" must be given once: got ${values.length} values`,
      );
    }
    const value = values[0]!;
    if (key.startsWith("p.")) {
      const axis = key.slice(2);
      if (!/^[A-Za-z0-9_.-]{1,64}$/.test(axis) || value.length > 200) {
        throw new RangeError(`Query parameter "${key}" is not a valid axis filter`);
      }
      if (value !== "") where[axis] = value;
    } else {
      plain[key] = value;
    }
  }
  const result = tableQuerySchema.safeParse(plain);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const key = issue.code === "unrecognized_keys" ? issue.keys.join(", ") : issue.path.join(".");
    const seen = issue.code === "unrecognized_keys" ? "" : `: got "${plain[key] ?? ""}"`;
    throw new RangeError(`Invalid query parameter "${key}": ${issue.message}${seen}`);
  }
  const { page, size, sort, dir, status, pareto, q, color, group } = result.data;
  return {
    page,
    size,
    sort,
    dir,
    status,
    q,
    color,
    group,
    pareto: pareto === "1" || pareto === "true",
    where,
  };
}
