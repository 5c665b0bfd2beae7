/**
 * End-to-end sweep benchmark: runs `sweep` as a user would (a subprocess, results written and
 * CSVs derived) and prints a table of configurations per second with 1 and 2 workers and the
 * parallel efficiency; with `--memory`, runs the ~1,000,000-configuration sweep and samples the
 * process's resident memory (VmRSS, workers included) as it goes, plus the peak (VmHWM).
 *
 *   deno run -A bench/sweep_throughput.ts [--sweeps sweeps/budgets.yaml,sweeps/large.yaml]
 *                                         [--workers 1,2] [--memory]
 *
 * @module
 */
// deno-lint-ignore-file no-console -- a benchmark script prints its table
import { parseArgs } from "node:util";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    sweeps: { type: "string", default: "sweeps/budgets.yaml,sweeps/large.yaml" },
    workers: { type: "string", default: "1,2" },
    memory: { type: "boolean", default: false },
  },
});

const main = new URL("../src/main.ts", import.meta.url).pathname;
const out = await Deno.makeTempDir({ prefix: "sweep_bench_" });

interface Run {
  seconds: number;
  configs: number;
  peakKb: number;
  cpuSeconds: number;
  samples: Array<{ seconds: number; done: number; rssKb: number }>;
}

async function readStatus(pid: number): Promise<{ rss: number; hwm: number; cpu: number }> {
  try {
    const text = await Deno.readTextFile(`/proc/${pid}/status`);
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(text)?.[1] ?? 0);
    const stat = (await Deno.readTextFile(`/proc/${pid}/stat`)).split(") ")[1]!.split(" ");
    const ticks = Number(stat[11]) + Number(stat[12]); // utime + stime, in clock ticks
    return { rss: kb("VmRSS"), hwm: kb("VmHWM"), cpu: ticks / 100 };
  } catch {
    return { rss: 0, hwm: 0, cpu: 0 };
  }
}

async function run(sweep: string, workers: number, sampleEvery = 0): Promise<Run> {
  const dir = `${out}/${sweep.replace(/\W/g, "_")}_${workers}`;
  const start = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", main, "sweep", sweep, "--workers", String(workers), "--out", dir],
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const samples: Run["samples"] = [];
  let peakKb = 0;
  let cpuSeconds = 0;
  let finished = false;
  let lastSample = -Infinity;
  const sampler = (async () => {
    while (!finished) {
      const { rss, hwm, cpu } = await readStatus(child.pid);
      peakKb = Math.max(peakKb, hwm);
      cpuSeconds = Math.max(cpuSeconds, cpu);
      const now = performance.now();
      if (sampleEvery > 0 && now - lastSample >= sampleEvery) {
        lastSample = now;
        let done = 0;
        try {
          const m = JSON.parse(await Deno.readTextFile(`${dir}/manifest.json`));
          done = m.counts.ok + m.counts.infeasible + m.counts.error;
        } catch { /* not written yet */ }
        samples.push({ seconds: (now - start) / 1000, done, rssKb: rss });
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const { code, stderr } = await child.output();
  finished = true;
  await sampler;
  const seconds = (performance.now() - start) / 1000;
  if (code !== 0) throw new Error(`sweep failed: ${new TextDecoder().decode(stderr)}`);
  const manifest = JSON.parse(await Deno.readTextFile(`${dir}/manifest.json`));
  await Deno.remove(dir, { recursive: true });
  return { seconds, configs: manifest.config_count, peakKb, cpuSeconds, samples };
}

const cpu = (await Deno.readTextFile("/proc/cpuinfo")).match(/model name\s*:\s*(.*)/)?.[1];
const load = (await Deno.readTextFile("/proc/loadavg")).split(" ").slice(0, 3).join(" ");
console.log(`machine: ${navigator.hardwareConcurrency} cores, ${cpu}; load average ${load}`);
console.log(`deno ${Deno.version.deno}\n`);

if (values.memory) {
  const r = await run("sweeps/million.yaml", 2, 10_000);
  console.log("| elapsed s | configurations done | RSS MB |");
  console.log("|---:|---:|---:|");
  for (const s of r.samples) {
    console.log(`| ${s.seconds.toFixed(0)} | ${s.done} | ${(s.rssKb / 1024).toFixed(0)} |`);
  }
  console.log(
    `\n${r.configs} configurations in ${r.seconds.toFixed(1)} s (${
      Math.round(r.configs / r.seconds)
    }/s, ${r.cpuSeconds.toFixed(0)} CPU s), peak RSS ${(r.peakKb / 1024).toFixed(0)} MB`,
  );
} else {
  console.log(
    "| sweep | configurations | workers | seconds | configs/s | parallel efficiency | CPU s | peak RSS MB |",
  );
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const sweep of values.sweeps.split(",")) {
    let base = 0;
    for (const workers of values.workers.split(",").map(Number)) {
      const r = await run(sweep, workers);
      const rate = r.configs / r.seconds;
      if (workers === 1) base = rate;
      const efficiency = base > 0 ? `${((100 * rate) / (base * workers)).toFixed(0)}%` : "";
      console.log(
        `| ${sweep} | ${r.configs} | ${workers} | ${r.seconds.toFixed(2)} | ${
          Math.round(rate)
        } | ${efficiency} | ${r.cpuSeconds.toFixed(1)} | ${(r.peakKb / 1024).toFixed(0)} |`,
      );
    }
  }
}
await Deno.remove(out, { recursive: true });
