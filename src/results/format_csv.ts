import { stringify } from "csv-stringify/sync";

const NEEDS_QUOTES = /[",\r\n]/;
/** Quoted cells by their text (csv-stringify quotes each cell on its own). */
const quoted = new Map<string, string>();

function quote(cell: string): string {
  let text = quoted.get(cell);
  if (text === undefined) {
    text = stringify([[cell]], { record_delimiter: "unix" }).slice(0, -1);
    if (quoted.size >= 4096) quoted.clear();
    quoted.set(cell, text);
  }
  return text;
}

/**
 * Formats rows as RFC 4180 CSV text with `\n` line ends, exactly as csv-stringify does
 * (`record_delimiter: "unix"`), but fast: rows with no cell that needs quotes (a comma, a double
 * quote, a line break) are joined directly; in the others, each such cell is quoted by csv-stringify
 * on its own (once per distinct text) and the row joined the same way.
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
    if (row.length === 1 && (row[0] === "" || !plain)) {
      out += stringify([row as string[]], { record_delimiter: "unix" });
    } else if (plain) out += row.join(",") + "\n";
    else {
      let line = "";
      for (let c = 0; c < row.length; c++) {
        const cell = row[c]!;
        line += (c > 0 ? "," : "") + (NEEDS_QUOTES.test(cell) ? quote(cell) : cell);
      }
      out += line + "\n";
    }
  }
  return out;
}
