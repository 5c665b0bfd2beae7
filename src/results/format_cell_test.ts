import assert from "node:assert/strict";
import { formatCell } from "./format_cell.ts";

Deno.test("formatCell() writes plain numbers without float noise or exponents", () => {
  assert.equal(formatCell(31.599999999999998), "31.6");
  assert.equal(formatCell(27.97), "27.97");
  assert.equal(formatCell(1.8478652138486), "1.84786521385");
  assert.equal(formatCell(0), "0");
  assert.equal(formatCell(-2.5), "-2.5");
  assert.equal(formatCell(1e21), "1000000000000000000000");
  assert.equal(formatCell(1.5e-7), "0.00000015");
  assert.equal(formatCell(5_000_000), "5000000");
  assert.equal(formatCell(Infinity), "");
  assert.equal(formatCell(NaN), "");
});

Deno.test("formatCell() writes empty cells, booleans, names and weights", () => {
  assert.equal(formatCell(null), "");
  assert.equal(formatCell(undefined), "");
  assert.equal(formatCell(false), "false");
  assert.equal(formatCell("as_measured"), "as_measured");
  assert.equal(formatCell({ name: "frugal", latency: 0.2, energy: 1, switches: 0 }), "frugal");
  assert.equal(formatCell({ latency: 0.2, energy: 1, switches: 0.08 }), "0.2/1/0.08");
});
