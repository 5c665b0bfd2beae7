import assert from "node:assert/strict";
import { ConfigTable } from "./config_table.ts";
import type { ConfigRow } from "./config_row.ts";

function row(index: number, latency: number | null, goal: string, cap: string): ConfigRow {
  return {
    index,
    id: `c${index}`,
    params: { goal, cap },
    status: latency === null ? "infeasible" : "ok",
    latency_ms: latency,
    energy_mj: latency === null ? null : 10 - latency,
    score: latency,
    switches: latency === null ? null : index % 3,
    device_path: latency === null ? "" : index % 2 ? "gpu npu" : "cpu cpu",
    memory_mb: { gpu: index * 10 },
    strategy: "exact",
    optimal: true,
    gap: 0,
    solve_ms: 0.1,
    group: "g",
    is_pareto: index === 2,
    reason: latency === null ? "cap too low" : null,
  };
}

const table = new ConfigTable(
  [
    row(0, 5, "latency", "20"),
    row(1, null, "balanced", "4"),
    row(2, 1, "latency", ""),
    row(3, 3, "balanced", "100"),
  ],
  { axes: ["goal", "cap"], devices: ["gpu"] },
);

Deno.test("ConfigTable sorts numbers numerically with missing values last, both directions", () => {
  assert.deepEqual(table.query({ sort: "latency_ms" }).rows.map((r) => r.index), [2, 3, 0, 1]);
  assert.deepEqual(table.query({ sort: "latency_ms", dir: "desc" }).rows.map((r) => r.index), [
    0,
    3,
    2,
    1,
  ]);
  assert.deepEqual(
    table.query({ sort: "cap" }).rows.map((r) => r.index),
    [1, 0, 3, 2],
    "numeric axis",
  );
  assert.deepEqual(
    table.query({ sort: "goal" }).rows.map((r) => r.index),
    [1, 3, 0, 2],
    "stable ties",
  );
  assert.deepEqual(table.query({ sort: "mem_gpu_mb", dir: "desc" }).rows.map((r) => r.index), [
    3,
    2,
    1,
    0,
  ]);
});

Deno.test("ConfigTable filters by status, axis, Pareto flag and text, then pages", () => {
  assert.deepEqual(
    table.query({ status: "ok", where: { goal: "latency" } }).rows.map((r) => r.id),
    ["c0", "c2"],
  );
  assert.deepEqual(table.query({ pareto: true }).rows.map((r) => r.id), ["c2"]);
  assert.deepEqual(table.query({ q: "npu" }).rows.map((r) => r.id), ["c3"]);
  const page = table.query({ size: 3, page: 2 });
  assert.deepEqual([page.total, page.pages, page.page, page.rows.length], [4, 2, 2, 1]);
  const empty = table.query({ where: { goal: "none" } });
  assert.deepEqual([empty.total, empty.pages, empty.page, empty.rows.length], [0, 1, 1, 0]);
});

Deno.test("ConfigTable rejects unknown sort columns and axes with RangeError", () => {
  assert.throws(() => table.query({ sort: "nope" }), RangeError);
  assert.throws(() => table.query({ where: { nope: "1" } }), RangeError);
});

Deno.test("ConfigTable lists distinct values, numbers in numeric order", () => {
  assert.deepEqual(table.distinct("cap"), ["4", "20", "100", ""]);
  assert.equal(table.isNumeric("cap"), true);
  assert.equal(table.isNumeric("goal"), false);
});

Deno.test("ConfigTable.prepareOrders computes every sort order without changing results", async () => {
  const fresh = new ConfigTable(table.rows, { axes: table.axes, devices: table.devices });
  await fresh.prepareOrders();
  for (const sort of fresh.columns) {
    for (const dir of ["asc", "desc"] as const) {
      assert.deepEqual(
        fresh.query({ sort, dir }).rows,
        table.query({ sort, dir }).rows,
        `${sort} ${dir}`,
      );
    }
  }
});
