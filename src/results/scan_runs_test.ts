import assert from "node:assert/strict";
import { scanRuns } from "./scan_runs.ts";

function line(index: number, status: string, latency: number | null, group = "g"): string {
  return JSON.stringify({
    id: index.toString(16).padStart(16, "0"),
    index,
    status,
    group,
    latency_ms: latency,
    energy_mj: latency === null ? null : latency * 2,
    params: {},
  });
}

Deno.test("scanRuns() indexes complete lines and leaves out a torn last line", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/runs.jsonl`;
  const good = line(2, "ok", 1.5) + "\n" + line(0, "infeasible", null, 'a "quoted"/group') + "\n";
  await Deno.writeTextFile(path, good + line(1, "ok", 3).slice(0, 30));
  const scan = await scanRuns([path], 3);
  assert.equal(scan.count, 2);
  assert.deepEqual([...scan.status], [2, 0, 1]);
  assert.equal(scan.latency[2], 1.5);
  assert.equal(scan.energy[2], 3);
  assert.ok(Number.isNaN(scan.latency[0]!));
  assert.equal(scan.groups[scan.group[0]!], 'a "quoted"/group');
  assert.equal(scan.validBytes[0], new TextEncoder().encode(good).length);
  assert.equal(scan.offset[0], line(2, "ok", 1.5).length + 1);
});

Deno.test("scanRuns() keeps one line per index: a success over an error, else the later", async () => {
  const dir = await Deno.makeTempDir();
  const a = `${dir}/a.jsonl`;
  const b = `${dir}/b.jsonl`;
  await Deno.writeTextFile(
    a,
    [line(0, "error", null), line(1, "ok", 1), line(2, "ok", 1)].join("\n") + "\n",
  );
  await Deno.writeTextFile(
    b,
    [line(0, "ok", 4), line(1, "error", null), line(2, "ok", 5)].join("\n") + "\n",
  );
  const scan = await scanRuns([a, b, `${dir}/missing.jsonl`], 3);
  assert.equal(scan.count, 3);
  assert.equal(scan.duplicates, 3);
  assert.deepEqual([...scan.status], [1, 1, 1]);
  assert.deepEqual([...scan.latency], [4, 1, 5]);
  assert.deepEqual([...scan.file], [1, 0, 1]);
});

Deno.test("scanRuns() rejects lines that are not run records of the grid", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(`${dir}/x.jsonl`, '{"hello":1}\n');
  await assert.rejects(scanRuns([`${dir}/x.jsonl`], 3), /is not a run record/);
  await Deno.writeTextFile(`${dir}/y.jsonl`, line(7, "ok", 1) + "\n");
  await assert.rejects(scanRuns([`${dir}/y.jsonl`], 3), /has configuration 7 but the grid has 3/);
});
