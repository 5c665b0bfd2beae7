import assert from "node:assert/strict";
import { parse } from "csv-parse/sync";
import { configColumns, PLANS_COLUMNS } from "../results/write_derived.ts";
import { compileProblem, GOAL_PRESETS, solve } from "../solver/mod.ts";
import { ConfigGrid } from "./config_grid.ts";
import { applyProfile } from "./apply_profile.ts";
import { runSweep } from "./run_sweep.ts";
import { SMALL_SWEEP, specOf, withoutTiming } from "./_fixtures.ts";

const DERIVED = ["configs.csv", "plans.csv", "pareto.csv"];

async function derived(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of DERIVED) out[name] = withoutTiming(await Deno.readTextFile(`${dir}/${name}`));
  return out;
}

Deno.test("runSweep() gives byte-identical CSVs with 1, 2 and 4 workers", async () => {
  const spec = specOf(SMALL_SWEEP);
  const base = await Deno.makeTempDir();
  const results: Record<string, string>[] = [];
  for (const workers of [1, 2, 4]) {
    const outcome = await runSweep(spec, { out: `${base}/w${workers}`, workers, batchSize: 7 });
    assert.equal(outcome.status, "complete");
    assert.equal(outcome.progress.done, 216);
    results.push(await derived(`${base}/w${workers}`));
  }
  assert.deepEqual(results[1], results[0]);
  assert.deepEqual(results[2], results[0]);
  // The timing column really was the only difference that was blanked.
  assert.match(await Deno.readTextFile(`${base}/w1/configs.csv`), /solve_ms/);
});

Deno.test("runSweep() writes the caps that cap factors resolve to", async () => {
  const spec = specOf({
    name: "factors",
    grid: { latency_cap_factor: [0.9, 1, null], energy_cap_factor: [1.1] },
  });
  const out = await Deno.makeTempDir();
  await runSweep(spec, { out, workers: 1 });
  const configs = parse(await Deno.readTextFile(`${out}/configs.csv`), { columns: true }) as Record<
    string,
    string
  >[];
  // The sample scenario's caps are 32 ms and 35 mJ.
  assert.deepEqual(
    configs.map((r) => [r.latency_cap_factor, r.latency_cap_ms, r.energy_cap_mj]),
    [["0.9", "28.8", "38.5"], ["1", "32", "38.5"], ["", "", "38.5"]],
  );
});

Deno.test("runSweep() results read back as RFC 4180 CSV with the contract's columns", async () => {
  const spec = specOf(SMALL_SWEEP);
  const out = await Deno.makeTempDir();
  const outcome = await runSweep(spec, { out, workers: 2 });
  const configs = parse(await Deno.readTextFile(`${out}/configs.csv`), { columns: true }) as Record<
    string,
    string
  >[];
  assert.deepEqual(Object.keys(configs[0]!), configColumns(spec));
  assert.equal(configs.length, 216);
  assert.deepEqual(configs.map((r) => Number(r.index)), [...new ConfigGrid(spec).indices()]);
  const counts = outcome.progress.counts;
  assert.equal(configs.filter((r) => r.status === "ok").length, counts.ok);
  assert.equal(configs.filter((r) => r.status === "infeasible").length, counts.infeasible);
  assert.ok(counts.ok > 0 && counts.infeasible > 0);
  for (const row of configs) {
    // The caps each configuration was solved under: the axis values here.
    assert.equal(row.latency_cap_ms, row.max_total_latency_ms);
    assert.equal(row.energy_cap_mj, row.max_total_energy_mj);
    if (row.status === "infeasible") {
      assert.equal(row.latency_ms, "");
      assert.ok(row.reason!.length > 0);
    } else {
      assert.ok(Number(row.latency_ms) > 0);
      assert.doesNotMatch(row.latency_ms!, /e/i);
      assert.equal(row.device_path!.split(" ").length, 7);
    }
  }
  const plans = parse(await Deno.readTextFile(`${out}/plans.csv`), { columns: true }) as Record<
    string,
    string
  >[];
  assert.deepEqual(Object.keys(plans[0]!), PLANS_COLUMNS);
  const runs = (await Deno.readTextFile(`${out}/runs.jsonl`)).trim().split("\n").map((l) =>
    JSON.parse(l) as { plans: { stages: unknown[] }[] }
  );
  assert.equal(
    plans.length,
    runs.reduce((n, r) => n + r.plans.reduce((m, p) => m + p.stages.length, 0), 0),
  );
  assert.ok(plans.length > counts.ok * 7);
  const pareto = parse(await Deno.readTextFile(`${out}/pareto.csv`), { columns: true }) as Record<
    string,
    string
  >[];
  assert.deepEqual(
    pareto.map((r) => r.index),
    configs.filter((r) => r.is_pareto === "true").map((r) => r.index).sort((a, b) => {
      const ra = configs.find((r) => r.index === a)!;
      const rb = configs.find((r) => r.index === b)!;
      return ra.group! < rb.group! ? -1 : ra.group! > rb.group! ? 1 : 0 ||
        Number(ra.latency_ms) - Number(rb.latency_ms) ||
        Number(ra.energy_mj) - Number(rb.energy_mj) || Number(a) - Number(b);
    }),
  );
  // Python's csv module (what pandas builds on) reads every file with the same header width.
  const python = new Deno.Command("python3", {
    args: [
      "-c",
      "import csv,sys\nfor f in sys.argv[1:]:\n rows=list(csv.reader(open(f,newline='')))\n assert len(rows)>1 and all(len(r)==len(rows[0]) for r in rows), f\n print(f.split('/')[-1], len(rows)-1)",
      ...DERIVED.map((name) => `${out}/${name}`),
    ],
  });
  const result = await python.output();
  assert.equal(result.code, 0, new TextDecoder().decode(result.stderr));
  assert.equal(
    new TextDecoder().decode(result.stdout),
    `configs.csv 216\nplans.csv ${plans.length}\npareto.csv ${pareto.length}\n`,
  );
});

Deno.test("runSweep() matches solving each configuration directly", async () => {
  const spec = specOf(SMALL_SWEEP);
  const out = await Deno.makeTempDir();
  await runSweep(spec, { out, workers: 2 });
  const configs = parse(await Deno.readTextFile(`${out}/configs.csv`), { columns: true }) as Record<
    string,
    string
  >[];
  const grid = new ConfigGrid(spec);
  for (const row of configs.filter((_, k) => k % 7 === 0)) {
    const p = grid.paramsAt(Number(row.index));
    const outcome = applyProfile(
      spec.scenarios[0]!.scenario,
      spec.profiles[p.device_profile as string]!,
    );
    assert.ok("scenario" in outcome);
    const problem = compileProblem({
      ...outcome.scenario,
      constraints: {
        max_total_latency_ms: p.max_total_latency_ms as number | null,
        max_total_energy_mj: p.max_total_energy_mj as number | null,
      },
    });
    const result = solve(problem, GOAL_PRESETS[p.goal as "balanced"], { topK: 3 });
    assert.equal(row.status, result.status);
    assert.equal(row.device_path, result.plans[0]?.devices.join(" ") ?? "");
  }
});

Deno.test("runSweep() records a configuration that throws as an error and goes on", async () => {
  const spec = specOf(SMALL_SWEEP);
  const out = await Deno.makeTempDir();
  const outcome = await runSweep(spec, { out, workers: 2, hooks: { throwAt: [5, 100] } });
  assert.equal(outcome.status, "complete");
  assert.equal(outcome.progress.counts.error, 2);
  assert.equal(outcome.progress.done, 216);
  const configs = parse(await Deno.readTextFile(`${out}/configs.csv`), { columns: true }) as Record<
    string,
    string
  >[];
  const errors = configs.filter((r) => r.status === "error");
  assert.deepEqual(errors.map((r) => r.index), ["5", "100"]);
  assert.equal(errors[0]!.error, "test hook: configuration 5 throws");
  assert.match(errors[0]!.id!, /^[0-9a-f]{16}$/);
  // --retry-errors solves them again (the hook is gone) and only them.
  const retry = await runSweep(spec, { out, workers: 1, retryErrors: true });
  assert.equal(retry.progress.solvedNow, 2);
  assert.equal(retry.progress.counts.error, 0);
  const clean = await Deno.makeTempDir();
  await runSweep(spec, { out: clean, workers: 1 });
  assert.deepEqual(await derived(out), await derived(clean));
});

Deno.test("runSweep() replaces a worker that dies and retries its batch once", async () => {
  const spec = specOf(SMALL_SWEEP);
  const out = await Deno.makeTempDir();
  const outcome = await runSweep(spec, {
    out,
    workers: 2,
    batchSize: 10,
    hooks: { crashAt: [33] },
  });
  assert.equal(outcome.status, "complete");
  assert.equal(outcome.progress.counts.error, 0);
  const clean = await Deno.makeTempDir();
  await runSweep(spec, { out: clean, workers: 2 });
  assert.deepEqual(await derived(out), await derived(clean));
  const lines = (await Deno.readTextFile(`${out}/runs.jsonl`)).trim().split("\n");
  assert.equal(lines.length, 216);
});

Deno.test("runSweep() resumes: skips what is on disk, drops a torn line, stops on abort", async () => {
  const spec = specOf(SMALL_SWEEP);
  const out = await Deno.makeTempDir();
  const controller = new AbortController();
  const first = await runSweep(spec, {
    out,
    workers: 1,
    batchSize: 10,
    signal: controller.signal,
    onProgress: (p) => {
      if (p.done >= 50) controller.abort();
    },
  });
  assert.equal(first.status, "interrupted");
  assert.ok(first.progress.done >= 50 && first.progress.done < 216);
  const manifest = JSON.parse(await Deno.readTextFile(`${out}/manifest.json`));
  assert.equal(manifest.status, "interrupted");
  assert.equal(manifest.counts.pending, 216 - first.progress.done);
  // Tear the last line, as a kill in the middle of a write would.
  const text = await Deno.readTextFile(`${out}/runs.jsonl`);
  await Deno.writeTextFile(`${out}/runs.jsonl`, text.slice(0, text.length - 40));
  const second = await runSweep(spec, { out, workers: 2 });
  assert.equal(second.status, "complete");
  assert.ok(second.tornBytes > 0);
  assert.equal(second.skipped, first.progress.done - 1);
  assert.equal(second.progress.solvedNow, 216 - second.skipped);
  const lines = (await Deno.readTextFile(`${out}/runs.jsonl`)).trim().split("\n");
  assert.equal(lines.length, 216);
  assert.equal(new Set(lines.map((l) => JSON.parse(l).index)).size, 216);
  const clean = await Deno.makeTempDir();
  await runSweep(spec, { out: clean, workers: 1 });
  assert.deepEqual(await derived(out), await derived(clean));
});

Deno.test("runSweep() refuses sweeps over maxConfigs and results of another sweep", async () => {
  const spec = specOf(SMALL_SWEEP);
  const out = await Deno.makeTempDir();
  await assert.rejects(
    runSweep(spec, { out, maxConfigs: 100 }),
    /Cannot run sweep "small" as it has more than 100 configurations/,
  );
  await runSweep(spec, { out, workers: 1 });
  await assert.rejects(
    runSweep({ ...spec, hash: "f".repeat(64) }, { out }),
    /different version of the sweep file/,
  );
  const fresh = await runSweep({ ...spec, hash: "f".repeat(64) }, { out, fresh: true, workers: 1 });
  assert.equal(fresh.progress.solvedNow, 216);
});

Deno.test("runSweep() fails (and says so) when workers cannot start", async () => {
  const spec = specOf(SMALL_SWEEP);
  const out = await Deno.makeTempDir();
  await assert.rejects(
    runSweep(spec, { out, workers: 2, hooks: { initError: "no solver here" } }),
    /a sweep worker failed to start: no solver here/,
  );
  const manifest = JSON.parse(await Deno.readTextFile(`${out}/manifest.json`));
  assert.equal(manifest.status, "interrupted");
});

Deno.test("runSweep() clears files left by a run killed while writing its CSVs", async () => {
  const spec = specOf(SMALL_SWEEP);
  const out = await Deno.makeTempDir();
  const leftovers = [
    "configs.csv.tmp-4242-ab12cd",
    ".plans.csv.part-3",
    ".configs.csv.part-0.tmp-4242-zz9",
    "manifest.json.tmp-4242",
  ];
  for (const name of [...leftovers, "notes.txt"]) await Deno.writeTextFile(`${out}/${name}`, "x");
  await runSweep(spec, { out, workers: 1 });
  const names = [];
  for await (const entry of Deno.readDir(out)) names.push(entry.name);
  assert.deepEqual(names.sort(), [
    "configs.csv",
    "manifest.json",
    "notes.txt",
    "pareto.csv",
    "plans.csv",
    "runs.jsonl",
  ]);
});

Deno.test("runSweep() solves duplicates in their leader's batch, with identical results", async () => {
  const spec = specOf({
    ...SMALL_SWEEP,
    device_profiles: {
      as_measured: {},
      no_npu: { remove_devices: ["npu"] },
      unchanged: { scale: { gpu: { latency: 1 } } },
    },
  });
  const base = await Deno.makeTempDir();
  await runSweep(spec, { out: `${base}/a`, workers: 1, batchSize: 5 });
  await runSweep(spec, { out: `${base}/b`, workers: 2, batchSize: 64 });
  assert.deepEqual(await derived(`${base}/a`), await derived(`${base}/b`));
  const configs = parse(await Deno.readTextFile(`${base}/a/configs.csv`), {
    columns: true,
  }) as Record<
    string,
    string
  >[];
  assert.equal(configs.length, 216);
  const byKey = new Map<string, string>();
  for (const row of configs) {
    const key = `${row.goal}|${row.max_total_latency_ms}|${row.max_total_energy_mj}`;
    if (row.device_profile === "as_measured") byKey.set(key, row.id!);
  }
  for (const row of configs.filter((r) => r.device_profile === "unchanged")) {
    const key = `${row.goal}|${row.max_total_latency_ms}|${row.max_total_energy_mj}`;
    assert.equal(row.id, byKey.get(key));
  }
});
