import assert from "node:assert/strict";
import { SMALL_SWEEP, withoutTiming, writeSweepFile } from "../sweep/_fixtures.ts";
import { runCli, spawnCli } from "./_run_cli.ts";

const DERIVED = ["configs.csv", "plans.csv", "pareto.csv"];

async function derived(dir: string): Promise<string[]> {
  return await Promise.all(
    DERIVED.map(async (name) => withoutTiming(await Deno.readTextFile(`${dir}/${name}`))),
  );
}

async function size(path: string): Promise<number> {
  try {
    return (await Deno.stat(path)).size;
  } catch {
    return 0;
  }
}

/** A sweep of 1,476 configurations: long enough to be killed in the middle. */
const KILL_SWEEP = {
  ...SMALL_SWEEP,
  name: "kill",
  grid: {
    goal: ["latency", "balanced", "efficiency"],
    max_total_latency_ms: { from: 20, to: 40, step: 0.5 },
    max_total_energy_mj: [30, 36, 44, null],
  },
};

Deno.test("sweep CLI: killed with SIGKILL at several moments, then resumed, equals a clean run", async () => {
  const { dir, file } = await writeSweepFile(KILL_SWEEP);
  const common = [file, "--workers", "2", "--batch-size", "3", "--quiet"];
  const clean = await runCli(["sweep", ...common, "--out", `${dir}/clean`]);
  assert.equal(clean.code, 0, clean.stderr);

  const out = `${dir}/killed`;
  const runs = `${out}/runs.jsonl`;
  let kills = 0;
  for (const threshold of [1, 150_000, 600_000, 1_500_000]) {
    const child = spawnCli(["sweep", ...common, "--out", out]);
    const start = await size(runs);
    let exited = false;
    const status = child.status.then((s) => {
      exited = true;
      return s;
    });
    // Wait until this run has appended something past the threshold (or finished on its own).
    while (!exited && (await size(runs)) < Math.max(start + 1, threshold)) {
      await new Promise((r) => setTimeout(r, 5));
    }
    if (!exited) {
      child.kill("SIGKILL");
      kills++;
    }
    await status;
  }
  assert.ok(kills >= 2, `expected to kill the sweep at least twice, killed it ${kills} times`);
  const resumed = await runCli(["sweep", ...common, "--out", out]);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.deepEqual(await derived(out), await derived(`${dir}/clean`));
  const lines = (await Deno.readTextFile(runs)).trim().split("\n");
  assert.equal(new Set(lines.map((l) => JSON.parse(l).index)).size, lines.length);
  assert.equal(lines.length, 1476);
  const manifest = JSON.parse(await Deno.readTextFile(`${out}/manifest.json`));
  assert.equal(manifest.status, "complete");
  assert.deepEqual(
    manifest.counts,
    JSON.parse(await Deno.readTextFile(`${dir}/clean/manifest.json`)).counts,
  );
});

Deno.test("sweep CLI: bad sweep files exit 2 naming file, field and problem, no stack", async () => {
  const { file } = await writeSweepFile({
    name: "bad",
    grid: { goal: ["fastest"], max_total_latency_ms: [] },
  });
  const result = await runCli(["sweep", file]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /test\.yaml: 2 problems/);
  assert.match(
    result.stderr,
    /grid\.max_total_latency_ms: is empty: an axis needs at least one value/,
  );
  assert.match(result.stderr, /grid\.goal\[0\]: unknown goal "fastest"/);
  assert.doesNotMatch(result.stderr, /^\s+at /m);
  const usage = await runCli(["sweep", file, "--workers", "0"]);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /--workers must be a whole number from 1 to 256: got 0/);
  const shard = await runCli(["sweep", file, "--shard", "4/4"]);
  assert.equal(shard.code, 2);
  assert.match(shard.stderr, /shard index 4 is not below the shard count 4/);
});

Deno.test("sweep CLI: --dry-run prints the count, the axes and examples, and solves nothing", async () => {
  const { dir, file } = await writeSweepFile({
    ...SMALL_SWEEP,
    exclude: [{ device_profile: "no_npu", goal: "latency" }],
  });
  const result = await runCli(["sweep", file, "--dry-run", "--out", `${dir}/out`]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /: 192 configurations \(216 combinations, 1 exclude rules\)/);
  assert.match(result.stdout, /device_profile: 3 values \(as_measured, no_npu, hot_gpu\)/);
  assert.match(result.stdout, /max_total_energy_mj: 4 values \(30, 36, 44, null\)/);
  assert.match(result.stdout, /#0 \{"scenario":"mobile_vision_stack"/);
  assert.equal(await size(`${dir}/out/runs.jsonl`), 0);
  const over = await runCli(["sweep", file, "--max-configs", "100"]);
  assert.equal(over.code, 2);
  assert.match(over.stderr, /more than 100 configurations/);
});

Deno.test("sweep CLI: --fronts writes fronts.csv, and a later run without it removes it", async () => {
  const { dir, file } = await writeSweepFile({
    name: "fronts",
    device_profiles: { as_measured: {}, no_npu: { remove_devices: ["npu"] } },
    grid: { goal: ["latency", "efficiency"], latency_cap_factor: [0.8, 1, null] },
  });
  const out = `${dir}/out`;
  const dry = await runCli(["sweep", file, "--out", out, "--fronts", "--dry-run"]);
  assert.match(
    dry.stdout,
    /\nfronts\.csv: 2 scenario x device profile fronts \(at most 2000000 labels and 60000 ms each\)\n/,
  );
  const first = await runCli(["sweep", file, "--out", out, "--workers", "1", "--fronts"]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stderr, /pareto\.csv, fronts\.csv\)/);
  const text = await Deno.readTextFile(`${out}/fronts.csv`);
  const points = text.trim().split("\n").length - 1;
  assert.match(
    first.stderr,
    new RegExp(`fronts: ${points} points over 2 scenario x profile pairs, all proven`),
  );
  assert.ok(points > 2);
  const again = await runCli(["sweep", file, "--out", out, "--quiet"]);
  assert.equal(again.code, 0, again.stderr);
  await assert.rejects(Deno.stat(`${out}/fronts.csv`), Deno.errors.NotFound);
});
