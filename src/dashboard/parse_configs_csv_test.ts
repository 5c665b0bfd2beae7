import assert from "node:assert/strict";
import { join } from "node:path";
import { parseConfigsCsv, readConfigsCsv } from "./parse_configs_csv.ts";

// The shape the sweep runner writes: extra columns after is_pareto, a dotted axis name, quoted
// cells with commas, empty metrics for infeasible rows.
const CSV = [
  "index,id,scenario,goal,memory_mb.gpu,status,latency_ms,energy_mj,score,switches,device_path," +
  "mem_cpu_mb,mem_gpu_mb,strategy,optimal,gap,solve_ms,group,is_pareto,lower_bound,reason,error",
  '0,aa,s,latency,2048,infeasible,,,,,,,,exact,true,,13.2,s/x,false,1.33,"the fastest placement takes 25.45 ms, above the 22.00 ms cap",',
  "1,bb,s,balanced,4096,ok,25.9,40.7,1.3345,0,gpu gpu,0,4790,exact,true,0,1.1,s/x,true,1.33,,",
].join("\n") + "\n";

Deno.test("parseConfigsCsv reads the runner's columns and ignores extra ones", () => {
  const { axes, devices, rows } = parseConfigsCsv(CSV);
  assert.deepEqual(axes, ["scenario", "goal", "memory_mb.gpu"]);
  assert.deepEqual(devices, ["cpu", "gpu"]);
  assert.equal(rows[0]!.latency_ms, null);
  assert.equal(rows[0]!.is_pareto, false);
  assert.equal(rows[0]!.reason, "the fastest placement takes 25.45 ms, above the 22.00 ms cap");
  assert.equal(rows[1]!.reason, null);
  assert.deepEqual(rows[1]!.params, { scenario: "s", goal: "balanced", "memory_mb.gpu": "4096" });
  assert.deepEqual(rows[1]!.memory_mb, { cpu: 0, gpu: 4790 });
  assert.equal(rows[1]!.optimal, true);
  assert.equal(rows[1]!.device_path, "gpu gpu");
});

Deno.test("readConfigsCsv gives the same rows as parseConfigsCsv, whatever the chunk size", async () => {
  const dir = await Deno.makeTempDir({ prefix: "dash-csv-" });
  try {
    await Deno.writeTextFile(join(dir, "configs.csv"), CSV);
    for (const chunkSize of [1, 7, 64, 1 << 16]) {
      assert.deepEqual(
        await readConfigsCsv(join(dir, "configs.csv"), { chunkSize }),
        parseConfigsCsv(CSV),
      );
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("configs.csv without its required columns or with a bad index is a SyntaxError", async () => {
  assert.throws(() => parseConfigsCsv("index,id,goal\n0,a,x\n"), SyntaxError);
  assert.throws(() => parseConfigsCsv(CSV.replace("\n1,bb", "\nx,bb")), /line 3 as 'index'/);
  const dir = await Deno.makeTempDir({ prefix: "dash-csv-" });
  try {
    await Deno.writeTextFile(join(dir, "bad.csv"), CSV + '2,"unterminated\n');
    await assert.rejects(readConfigsCsv(join(dir, "bad.csv")), SyntaxError);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
