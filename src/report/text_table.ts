/**
 * Renders rows as the original tool's plain-text table: left-aligned cells separated by ` | `,
 * a `-+-` rule under the header.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { textTable } from "./text_table.ts";
 * assert(textTable(["a", "bb"], [["1", "2"]]) === "a | bb\n--+---\n1 | 2 ");
 * ```
 */
export function textTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ");
  return [line(headers), widths.map((w) => "-".repeat(w)).join("-+-"), ...rows.map(line)].join(
    "\n",
  );
}
