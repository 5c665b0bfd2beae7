import assert from "node:assert/strict";
import { SMALL_SWEEP, withoutTiming, writeSweepFile } from "../sweep/_fixtures.ts";
import { runCli } from "./_run_cli.ts";

const DERIVED = ["configs.csv", "plans.csv", "pareto.csv"];

async function derived(dir: string): Promise<string[]> {
  return await Promise.all(
    DERIVED.map(async (name) => withoutTiming(await Deno.readTextFile(`${dir}/${name}`))),
  );
}

function stable(manifest: Record<string, unknown>): Record<string, unknown> {
  const { started_at: _s, updated_at: _u, finished_at: _f, command: _c, shards: _h, ...rest } =
    manifest;
  return rest;
}

Deno.test("merge CLI: 4 local shards + merge equal a single-process run", async () => {
  const { dir, file } = await writeSweepFile({ ...SMALL_SWEEP, fronts: true });
  const single = await runCli(["sweep", file, "--out", `${dir}/single`, "--quiet"]);
  assert.equal(single.code, 0, single.stderr);
  const out = `${dir}/sharded`;
  for (const i of [0, 1, 2]) {
    const r = await runCli(["sweep", file, "--shard", `${i}/4`, "--out", out, "--workers", "1"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`shard ${i}/4 \\(from --shard\\)`));
  }
  // The last shard as a Slurm array task would run it (a rerun of task 3 alone: count 1).
  const slurm = await runCli(["sweep", file, "--out", out, "--shard-count", "4"], {
    env: { SLURM_ARRAY_TASK_ID: "3", SLURM_ARRAY_TASK_MIN: "3", SLURM_ARRAY_TASK_COUNT: "1" },
  });
  assert.equal(slurm.code, 0, slurm.stderr);
  assert.match(slurm.stderr, /shard 3\/4 \(from SLURM_ARRAY_TASK_ID=3, --shard-count=4\)/);
  // A retried shard appends duplicates of lines it already had: they count once.
  const runs3 = `${out}/shards/3-of-4/runs.jsonl`;
  const text = await Deno.readTextFile(runs3);
  await Deno.writeTextFile(runs3, text + text.split("\n").slice(0, 5).join("\n") + "\n");

  const merged = await runCli(["merge", out]);
  assert.equal(merged.code, 0, merged.stderr);
  assert.match(merged.stderr, /merged 4 shards: 216 configurations/);
  assert.match(merged.stderr, /5 duplicate lines ignored/);
  assert.deepEqual(await derived(out), await derived(`${dir}/single`));
  // fronts.csv: computed by shard 0 alone, copied by merge, byte for byte the single run's.
  const fronts = await Deno.readTextFile(`${out}/fronts.csv`);
  assert.equal(fronts, await Deno.readTextFile(`${dir}/single/fronts.csv`));
  assert.equal(fronts, await Deno.readTextFile(`${out}/shards/0-of-4/fronts.csv`));
  for (const i of [1, 2, 3]) {
    await assert.rejects(Deno.stat(`${out}/shards/${i}-of-4/fronts.csv`), Deno.errors.NotFound);
  }
  assert.match(merged.stderr, /pareto\.csv, fronts\.csv, manifest\.json/);
  // One header, then points of the three device profiles of the sample scenario.
  const groups = new Set(fronts.trim().split("\n").slice(1).map((line) => line.split(",")[0]));
  assert.deepEqual([...groups], [
    "mobile_vision_stack/as_measured",
    "mobile_vision_stack/no_npu",
    "mobile_vision_stack/hot_gpu",
  ]);
  const a = JSON.parse(await Deno.readTextFile(`${out}/manifest.json`));
  const b = JSON.parse(await Deno.readTextFile(`${dir}/single/manifest.json`));
  assert.deepEqual(stable(a), stable(b));
  assert.deepEqual(a.shards, { count: 4 });
});

Deno.test("merge CLI: refuses missing, incomplete or foreign shards, naming them", async () => {
  const { dir, file } = await writeSweepFile(SMALL_SWEEP);
  const out = `${dir}/sharded`;
  for (const i of [0, 1, 3]) {
    const r = await runCli(["sweep", file, "--shard", `${i}/4`, "--out", out, "--quiet"]);
    assert.equal(r.code, 0, r.stderr);
  }
  const missing = await runCli(["merge", out]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /shards\/2-of-4 is missing/);
  assert.match(missing.stderr, /--allow-partial/);

  // An incomplete shard: a line lost.
  const runs1 = `${out}/shards/1-of-4/runs.jsonl`;
  const lines = (await Deno.readTextFile(runs1)).trim().split("\n");
  await Deno.writeTextFile(runs1, lines.slice(1).join("\n") + "\n");
  const incomplete = await runCli(["merge", out]);
  assert.equal(incomplete.code, 2);
  assert.match(incomplete.stderr, /shards\/1-of-4 is incomplete: 53 of 54 configurations/);

  const partial = await runCli(["merge", out, "--allow-partial"]);
  assert.equal(partial.code, 0, partial.stderr);
  assert.match(partial.stderr, /partial merge, missing:\n {2}shards\/2-of-4 is missing/);
  const manifest = JSON.parse(await Deno.readTextFile(`${out}/manifest.json`));
  assert.equal(manifest.status, "interrupted");
  assert.equal(manifest.counts.pending, 216 - 161);
  const configs = (await Deno.readTextFile(`${out}/configs.csv`)).trim().split("\n");
  assert.equal(configs.length, 1 + 161);

  // A shard from another version of the sweep file.
  const other = await writeSweepFile({ ...SMALL_SWEEP, description: "changed" });
  const r = await runCli(["sweep", other.file, "--shard", "2/4", "--out", out, "--quiet"]);
  assert.equal(r.code, 0, r.stderr);
  const foreign = await runCli(["merge", out]);
  assert.equal(foreign.code, 2);
  assert.match(foreign.stderr, /shards\/2-of-4: comes from a different sweep file/);
});
