import assert from "node:assert/strict";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { PLAN_CSV_COLUMNS } from "../report/mod.ts";
import { scenarioJsonSchemaText } from "./schema.ts";

const root = new URL("../../", import.meta.url).pathname;
const sample = join(root, "scenarios/mobile_vision_pipeline.json");

/** Runs the real CLI in a subprocess, as a user would. */
async function cli(...args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read",
      "--allow-write",
      "--allow-env",
      join(root, "src/main.ts"),
      ...args,
    ],
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}

Deno.test("plan prints the original's text report for the sample", async () => {
  const { code, stdout } = await cli("plan", sample, "--goal", "balanced", "--top-k", "3");
  assert.equal(code, 0);
  const lines = stdout.split("\n");
  assert.deepEqual(lines.slice(0, 3), [
    "Pipeline: mobile_vision_stack",
    "Goal: balanced | Strategy: exact | Score: 1.85",
    "Latency: 27.97 ms | Energy: 32.18 mJ | Switches: 2",
  ]);
  assert.equal(lines[3], "Memory: cpu 0/4096 MB, gpu 1030/6144 MB, npu 2576/3072 MB");
  assert.match(stdout, /backbone_embedding \| npu {4}\| 7\.40 {4}\| 1\.08 {4}\| 8\.48/);
  assert.match(stdout, /The energy cap \(35\.00 mJ\) binds/);
  assert.match(stdout, /2 {4}\| 1\.85 {2}\| 28\.65 {6}\| 31\.60 {5}\| 2 {8}\| gpu -> npu/);
});

Deno.test("plan --format json keeps the original tool's field names", async () => {
  const { code, stdout } = await cli("plan", sample, "--format", "json", "--goal", "efficiency");
  assert.equal(code, 0);
  const plans = JSON.parse(stdout);
  assert.equal(plans.length, 3);
  for (
    const key of [
      "pipeline_name",
      "goal",
      "strategy",
      "total_latency_ms",
      "total_energy_mj",
      "total_score",
      "switches",
      "memory_by_device",
      "explanation",
      "assignments",
    ]
  ) assert(key in plans[0], key);
  assert.deepEqual(Object.keys(plans[0].assignments[0]), [
    "stage_name",
    "device_name",
    "execution_latency_ms",
    "transfer_latency_ms",
    "total_latency_ms",
    "execution_energy_mj",
    "transfer_energy_mj",
    "total_energy_mj",
    "memory_mb",
  ]);
  assert.equal(plans[0].total_score.toFixed(6), "1.643375");
  assert.deepEqual(plans[0].device_path, ["cpu", "npu", "npu", "npu", "npu", "npu", "gpu"]);
  assert.equal(plans[0].optimal, true);
});

Deno.test("plan --format csv --output writes a CSV that parses back, creating folders", async () => {
  const dir = await Deno.makeTempDir();
  const file = join(dir, "nested/reports/sample.csv");
  const { code, stderr } = await cli("plan", sample, "--format", "csv", "--output", file);
  assert.equal(code, 0);
  assert.match(stderr, /Wrote csv report to .*sample\.csv/);
  const rows: Record<string, string>[] = parse(await Deno.readTextFile(file), { columns: true });
  assert.equal(rows.length, 3 * 7);
  assert.deepEqual(Object.keys(rows[0]!), [...PLAN_CSV_COLUMNS]);
  assert.equal(rows[2]!.stage_name, "backbone_embedding");
  assert.equal(rows[2]!.device_name, "npu");
  assert.equal(Number(rows[2]!.transfer_latency_ms).toFixed(2), "1.08");
  assert.equal(rows[7]!.rank, "2");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("plan --format html is one self-contained page with every value escaped", async () => {
  const dir = await Deno.makeTempDir();
  const scenario = JSON.parse(await Deno.readTextFile(sample));
  scenario.name = "<script>alert(1)</script>";
  scenario.stages[0].name = '<img src=x onerror="alert(2)">';
  const file = join(dir, "evil.json");
  await Deno.writeTextFile(file, JSON.stringify(scenario));
  const { code, stdout } = await cli("plan", file, "--format", "html");
  assert.equal(code, 0);
  assert(stdout.startsWith("<!doctype html>"));
  assert(!stdout.includes("<script>"), "no raw script tag");
  assert(!stdout.includes("<img"), "no raw img tag");
  assert(stdout.includes("&lt;script&gt;alert(1)&lt;/script&gt;"));
  assert(!/(src|href)=["']?https?:/.test(stdout), "no external assets");
  assert.match(stdout, /<div class="bar" role="img" aria-label="84% of budget">/);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("plan --weights sets custom weights and labels the goal custom", async () => {
  const { code, stdout } = await cli(
    "plan",
    sample,
    "--weights",
    "latency=1,energy=0,switches=0",
    "--format",
    "json",
    "--top-k",
    "1",
  );
  assert.equal(code, 0);
  const [best] = JSON.parse(stdout);
  assert.equal(best.goal, "custom");
  assert.equal(best.total_latency_ms.toFixed(2), "27.97"); // fastest within the 35 mJ cap
});

Deno.test("no feasible placement exits 1 and names the reason", async () => {
  const dir = await Deno.makeTempDir();
  const scenario = JSON.parse(await Deno.readTextFile(sample));
  scenario.constraints.max_total_latency_ms = 20;
  const file = join(dir, "tight.json");
  await Deno.writeTextFile(file, JSON.stringify(scenario));
  const { code, stdout, stderr } = await cli("plan", file);
  assert.equal(code, 1);
  assert.equal(stdout, "");
  assert.equal(
    stderr.trim(),
    'No feasible placement for "mobile_vision_stack": the fastest possible placement takes 25.45 ms, above the 20.00 ms cap.',
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("bad input exits 2 with file, field and problem, and no stack trace", async () => {
  const dir = await Deno.makeTempDir();
  const file = join(dir, "bad.yaml");
  await Deno.writeTextFile(
    file,
    "name: x\ndevices: [{name: cpu, memory_mb: 1}]\nstages:\n  - name: s\n    profiles: {npu: {latency_ms: 1, energy_mj: 1, memory_mb: 1}}\n",
  );
  const cases: [string[], string][] = [
    [
      ["plan", file],
      `error: ${file}: stages[0].profiles.npu: unknown device "npu" (devices are "cpu")`,
    ],
    [["plan", join(dir, "missing.json")], `error: ${join(dir, "missing.json")}: file not found`],
    [
      ["plan", sample, "--top-k", "0"],
      "error: --top-k must be a whole number from 1 to 10000: got 0",
    ],
    [
      ["plan", sample, "--goal", "fast"],
      'error: --goal must be one of latency, efficiency, balanced: got "fast"',
    ],
    [
      ["plan", sample, "--format", "pdf"],
      'error: --format must be one of text, json, csv, html: got "pdf"',
    ],
    [
      ["plan", sample, "--weights", "speed=1"],
      'error: --weights takes key=value pairs with keys latency, energy, switches: got "speed=1"',
    ],
  ];
  for (const [args, message] of cases) {
    const { code, stderr } = await cli(...args);
    assert.equal(code, 2, args.join(" "));
    assert.equal(stderr.trim(), message);
    assert(!/\bat .*\.ts:\d+/.test(stderr), "no stack trace");
  }
  await Deno.remove(dir, { recursive: true });
});

Deno.test("an existing report is kept when a later run fails", async () => {
  const dir = await Deno.makeTempDir();
  const file = join(dir, "report.txt");
  assert.equal((await cli("plan", sample, "--output", file)).code, 0);
  const before = await Deno.readTextFile(file);
  assert.equal((await cli("plan", join(dir, "missing.json"), "--output", file)).code, 2);
  assert.equal(await Deno.readTextFile(file), before);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("the committed scenario JSON Schema is up to date with the zod schema", async () => {
  const committed = await Deno.readTextFile(join(root, "docs/scenario.schema.json"));
  assert.equal(committed, scenarioJsonSchemaText(), "run `deno task schema`");
});

Deno.test("plan --pareto prints the front as a table and an ASCII plot", async () => {
  const { code, stdout } = await cli("plan", sample, "--pareto");
  assert.equal(code, 0);
  const lines = stdout.split("\n");
  assert.equal(
    lines[1],
    "Latency/energy Pareto front: 3 placements (proven complete); B = best for goal balanced",
  );
  assert.match(stdout, /1 B \| 27\.97 +\| 32\.18 +\| 2 +\| 1\.8479 \| gpu gpu npu npu npu npu gpu/);
  assert.match(stdout, /3 +\| 30\.91 +\| 30\.16 +\| 2 +\| 1\.8851 \| cpu npu npu npu npu npu gpu/);
  assert.match(stdout, /^32\.18 \|B$/m);
  assert.match(stdout, /^30\.16 \| {55}\*$/m);
});

Deno.test("plan --pareto --format json|csv|html writes the same front", async () => {
  const json = JSON.parse((await cli("plan", sample, "--pareto", "--format", "json")).stdout);
  assert.equal(json.complete, true);
  assert.deepEqual(
    json.points.map((
      p: { total_latency_ms: number; best: boolean },
    ) => [p.total_latency_ms, p.best]),
    [[27.97, true], [28.65, false], [30.91, false]],
  );
  const csv = parse((await cli("plan", sample, "--pareto", "--format", "csv")).stdout, {
    columns: true,
  }) as Record<string, string>[];
  assert.deepEqual(csv.map((r) => r.device_path), [
    "gpu gpu npu npu npu npu gpu",
    "gpu npu npu npu npu npu gpu",
    "cpu npu npu npu npu npu gpu",
  ]);
  const html = (await cli("plan", sample, "--pareto", "--format", "html")).stdout;
  assert.equal((html.match(/<circle /g) ?? []).length, 3);
  assert.match(html, /<tr class="best"><td>1<\/td><td>27\.97<\/td>/);
});

Deno.test("plan --strategy milp gives the exact search's plans through HiGHS", async () => {
  const { code, stdout } = await cli("plan", sample, "--strategy", "milp", "--format", "json");
  assert.equal(code, 0);
  const plans = JSON.parse(stdout) as { strategy: string; total_score: number }[];
  assert.deepEqual(plans.map((p) => p.strategy), ["milp", "milp", "milp"]);
  assert.deepEqual(plans.map((p) => Math.round(p.total_score * 1e6) / 1e6), [
    1.847865,
    1.853545,
    1.885077,
  ]);
});

Deno.test("plan --time-limit 0 reports an unproven plan with its gap; bad limits are usage errors", async () => {
  const { code, stdout } = await cli("plan", sample, "--time-limit", "0", "--strategy", "exact");
  assert.equal(code, 1); // stopped before any placement was found
  assert.equal(stdout, "");
  const auto = await cli("plan", sample, "--time-limit", "0", "--format", "json");
  assert.equal(auto.code, 0);
  const plans = JSON.parse(auto.stdout) as { strategy: string; optimal: boolean }[];
  assert.ok(plans.every((p) => p.strategy === "beam" && p.optimal === false));
  const bad = await cli("plan", sample, "--time-limit=-5");
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--time-limit/);
});
