import { stringify } from "csv-stringify/sync";

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Formats rows as RFC 4180 CSV text with `\n` line ends, exactly as csv-stringify does
 * (`record_delimiter: "unix"`), but fast: rows with no cell that needs quotes (a comma, a double
 * quote, a line break) are joined directly, the others are handed to csv-stringify.
 *
 * @param rows Rows of cells, already formatted as text.
 * @returns The CSV text, one line per row, each ending with `\n`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatCsv } from "./format_csv.ts";
 * assert(formatCsv([["a", "1"], ["b, c", 'say "hi"']]) === 'a,1\n"b, c","say ""hi"""\n');
 * ```
 */
export function formatCsv(rows: readonly (readonly string[])[]): string {
  let out = "";
  for (const row of rows) {
    let plain = true;
    for (const cell of row) {
      if (NEEDS_QUOTES.test(cell)) {
        plain = false;
        break;
      }
    }
    if (plain && !(row.length === 1 && row[0] === "")) out += row.join(",") + "\n";
    else out += stringify([row as string[]], { record_delimiter: "unix" });
  }
  return out;
}
