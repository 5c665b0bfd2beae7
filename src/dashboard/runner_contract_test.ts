/**
 * The dashboard against the real sweep runner (src/sweep): a sweep interrupted after its first
 * batch, then resumed to completion, read by one app instance throughout.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { loadSweep, runSweep } from "../sweep/mod.ts";
import { createApp } from "./app.tsx";
import { parseFrontsCsv } from "./parse_fronts_csv.ts";
import { FRONTS_DEFAULTS } from "../sweep/fronts_defaults.ts";

const SWEEP = new URL("../sweep/testdata/slurm_small.yaml", import.meta.url).pathname;

Deno.test("the dashboard reads the sweep runner's output while interrupted and once complete", async () => {
  const root = await Deno.makeTempDir({ prefix: "dash-runner-" });
  try {
    const spec = await loadSweep(SWEEP);
    const out = join(root, spec.name);
    const app = createApp({ results: root });
    const json = async (path: string) => {
      const res = await app.request(path);
      assert.equal(res.status, 200, path);
      return await res.json();
    };

    // One configuration per batch: the pool hands out at most a few batches ahead, so stopping
    // after the first result always leaves most of the 30 unsolved.
    const stop = new AbortController();
    const first = await runSweep(spec, {
      out,
      workers: 1,
      batchSize: 1,
      signal: stop.signal,
      onProgress: () => stop.abort(),
    });
    assert.equal(first.status, "interrupted");
    const partial = await json(`/api/sweeps/${spec.name}`);
    assert.equal(partial.status, "interrupted");
    assert.equal(partial.done, first.progress.done);
    const rows = await json(`/api/sweeps/${spec.name}/configs?size=100`);
    assert.equal(rows.source, "runs.jsonl");
    assert.equal(rows.total, first.progress.done);
    assert((await app.request(`/sweeps/${spec.name}`)).ok);

    const done = await runSweep(spec, { out, workers: 1 });
    assert.equal(done.status, "complete");
    const summary = await json(`/api/sweeps/${spec.name}`);
    assert.equal(summary.status, "complete");
    assert.equal(summary.done, 30);
    const table = await json(`/api/sweeps/${spec.name}/configs?size=100&sort=latency_ms`);
    assert.equal(table.source, "configs.csv");
    assert.equal(table.total, 30);
    const ok = table.rows.filter((r: { status: string }) => r.status === "ok");
    assert(ok.length > 0 && ok.length < 30, "feasible and infeasible configurations");
    const latencies = ok.map((r: { latency_ms: number }) => r.latency_ms);
    assert.deepEqual(latencies, [...latencies].sort((a, b) => a - b));

    const runs = (await Deno.readTextFile(join(out, "runs.jsonl"))).trim().split("\n");
    const line = JSON.parse(runs.find((l) => JSON.parse(l).id === ok[0].id)!);
    assert.deepEqual(await json(`/api/sweeps/${spec.name}/configs/${ok[0].id}`), line);
    const page = await (await app.request(`/sweeps/${spec.name}/configs/${ok[0].id}`)).text();
    assert.match(page, /<table id="stages">/);
    for (const stage of line.plans[0].stages) assert(page.includes(`<td>${stage.stage_name}</td>`));
    assert(line.memory_budget_by_device, "the runner records memory budgets");
    assert.match(page, /\d+ \/ \d+ MB \(\d+%\)/, "memory use against the recorded budgets");
    assert.doesNotMatch(page, /do not record memory budgets/);
    const sweepPage = await (await app.request(`/sweeps/${spec.name}?color=device_profile`)).text();
    assert.match(sweepPage, /<a href="\/sweeps\/slurm_small\/configs\/[0-9a-f]+"[^>]*><circle/);
    for (const f of ["configs.csv", "plans.csv", "pareto.csv"]) {
      const res = await app.request(`/sweeps/${spec.name}/files/${f}`);
      assert.equal(await res.text(), await Deno.readTextFile(join(out, f)), f);
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("the dashboard reads the runner's real fronts.csv and no configuration beats its front", async () => {
  const root = await Deno.makeTempDir({ prefix: "dash-runner-fronts-" });
  try {
    const loaded = await loadSweep(SWEEP);
    const spec = { ...loaded, fronts: { ...FRONTS_DEFAULTS } };
    const out = join(root, spec.name);
    const done = await runSweep(spec, { out, workers: 1 });
    assert.equal(done.status, "complete");
    const app = createApp({ results: root });
    const res = await app.request(`/api/sweeps/${spec.name}/fronts`);
    assert.equal(res.status, 200);
    const { fronts } = await res.json() as {
      fronts: {
        group: string;
        proven: boolean;
        points: { latency_ms: number; energy_mj: number }[];
      }[];
    };
    assert.deepEqual(fronts, parseFrontsCsv(await Deno.readTextFile(join(out, "fronts.csv"))));
    assert(fronts.length > 0 && fronts.every((f) => f.proven && f.points.length > 0));
    // A configuration's rank-1 plan is a feasible placement of its group: no front point can be
    // strictly beaten on both latency and energy by it.
    const table = await (await app.request(`/api/sweeps/${spec.name}/configs?size=100&status=ok`))
      .json();
    assert(table.rows.length > 0, "feasible configurations to compare");
    for (const row of table.rows as { group: string; latency_ms: number; energy_mj: number }[]) {
      const front = fronts.find((f) => f.group === row.group);
      assert(front, `a front for ${row.group}`);
      assert(
        front.points.some((p) => p.latency_ms <= row.latency_ms && p.energy_mj <= row.energy_mj),
        `${row.group}: (${row.latency_ms}, ${row.energy_mj}) is on or above the front`,
      );
    }
    const page = await (await app.request(`/sweeps/${spec.name}`)).text();
    assert.match(page, /fronts\.csv/);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
