import assert from "node:assert/strict";
import { stringify } from "csv-stringify/sync";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { formatCsv } from "./format_csv.ts";

const cell = fc.oneof(
  fc.string({
    unit: fc.constantFrom("a", "Z", "0", " ", ",", '"', "\n", "\r", ".", "-", "\u00e9", "/"),
  }),
  fc.string(),
  fc.double({ noNaN: true }).map(String),
  fc.constant(""),
);

Deno.test("formatCsv() writes exactly what csv-stringify writes", () => {
  fc.assert(
    fc.property(
      fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { maxLength: 8 }),
      (rows) => {
        assert.equal(formatCsv(rows), stringify(rows, { record_delimiter: "unix" }));
      },
    ),
    { numRuns: 2000 },
  );
});

Deno.test("formatCsv() output reads back with csv-parse", () => {
  const rows = [["index", "reason"], ["1", 'cap "latency", 20 ms\nand more'], ["2", ""]];
  assert.deepEqual(parse(formatCsv(rows)), rows);
});
