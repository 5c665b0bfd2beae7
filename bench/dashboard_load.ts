// deno-lint-ignore-file no-console -- a benchmark script: it prints its measurements.
/**
 * Dashboard load benchmark. Writes a 100,000-configuration results folder (the test fixture,
 * reused from bench/out/ unless --fresh), then starts `src/main.ts serve` as a separate process
 * on a free loopback port and measures:
 *   1. default serve (prepares sweeps in the background): time to prepare, then the first page;
 *   2. serve --no-preload: the first sweep page (cold: parse configs.csv, draw the chart), then
 *      warm sweep pages (sequential) for a few sort/filter/page/colour variants;
 *   3. the JSON API under 50 concurrent connections with wrk (p50, p99, requests/s).
 * Usage: deno task bench:dashboard [--configs N] [--duration S] [--connections C] [--fresh]
 *
 * @module
 */
import { parseArgs } from "node:util";
import { join } from "node:path";
import { writeFixture } from "../src/dashboard/_fixture.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    configs: { type: "string", default: "100000" },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "50" },
    fresh: { type: "boolean", default: false },
  },
});
const configs = Number(values.configs);
const duration = Number(values.duration);
const connections = Number(values.connections);
if (!Number.isInteger(configs) || configs < 1) {
  throw new RangeError(`--configs must be a whole number >= 1: got ${values.configs}`);
}
if (!(duration > 0)) throw new RangeError(`--duration must be > 0: got ${values.duration}`);
if (!Number.isInteger(connections) || connections < 1) {
  throw new RangeError(`--connections must be a whole number >= 1: got ${values.connections}`);
}

const cwd = new URL("..", import.meta.url).pathname;
const root = join(new URL("./out/", import.meta.url).pathname, `results-${configs}`);
const name = "big";
const exists = await Deno.stat(join(root, name, "configs.csv")).then(() => true, () => false);
if (values.fresh || !exists) {
  const t = performance.now();
  await Deno.remove(root, { recursive: true }).catch(() => {});
  await writeFixture(root, name, { configs, topK: 3 });
  console.log(
    `fixture: wrote ${configs} configurations in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
} else {
  console.log(`fixture: reusing ${root} (--fresh to rewrite)`);
}
const manifest = JSON.parse(await Deno.readTextFile(join(root, name, "manifest.json")));
console.log(`fixture: ${join(root, name)}, ${manifest.config_count} configurations`);
const cpu = (await Deno.readTextFile("/proc/cpuinfo")).match(/model name\s*:\s*(.+)/)?.[1] ??
  "unknown";
console.log(
  `machine: ${navigator.hardwareConcurrency} CPUs, ${cpu}, load average ${
    Deno.loadavg().map((x) => x.toFixed(2)).join(" ")
  }, Deno ${Deno.version.deno}`,
);

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** Starts `serve` on a free port; with preload, waits for its "Prepared ... in N ms" line. */
async function startServer(preload: boolean) {
  const port = freePort();
  const args = ["run", "--allow-read", "--allow-net", "src/main.ts", "serve", "--results", root];
  args.push("--port", String(port), ...(preload ? [] : ["--no-preload"]));
  const child = new Deno.Command(Deno.execPath(), { args, cwd, stdout: "piped", stderr: "inherit" })
    .spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  let prepared: number | null = null;
  while (true) {
    const { value, done } = await lines.read();
    if (done) throw new Error(`serve exited early: ${text}`);
    text += value;
    const match = /Prepared \d+ sweep\(s\) in (\d+) ms/.exec(text);
    if (match) prepared = Number(match[1]);
    if (text.includes("Dashboard: http") && (!preload || prepared !== null)) break;
  }
  const drain = async () => {
    while (!(await lines.read()).done) { /* keep the pipe from filling up */ }
  };
  drain();
  return { child, base: `http://127.0.0.1:${port}`, prepared };
}

async function stopServer(child: Deno.ChildProcess) {
  child.kill("SIGTERM");
  await child.status;
}

async function timed(base: string, path: string): Promise<number> {
  const t = performance.now();
  const res = await fetch(base + path);
  const body = await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
  if (body.byteLength === 0) throw new Error(`${path}: empty body`);
  return performance.now() - t;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const page = `/sweeps/${name}`;

{
  const server = await startServer(true);
  try {
    const first = await timed(server.base, page);
    console.log(
      `\nserve (default): prepared the sweep in the background in ${server.prepared} ms; ` +
        `first sweep page afterwards ${first.toFixed(1)} ms`,
    );
  } finally {
    await stopServer(server.child);
  }
}

const server = await startServer(false);
const { base } = server;
try {
  console.log(`\nserve --no-preload at ${base}:`);
  const cold = await timed(base, page);
  console.log(
    `sweep page, first request (cold: parse configs.csv + draw chart): ${cold.toFixed(0)} ms`,
  );
  const variants = [
    page,
    `${page}?sort=latency_ms&dir=desc&page=37`,
    `${page}?status=ok&p.goal=efficiency&sort=energy_mj`,
    `${page}?color=max_total_latency_ms&page=1999`,
  ];
  for (const v of variants.slice(1)) {
    const t = await timed(base, v);
    console.log(`  first ${v}: ${t.toFixed(1)} ms (new sort/filter/colour)`);
  }
  console.log("sweep page, warm (sequential, 30 requests each):");
  for (const v of variants) {
    const times: number[] = [];
    for (let i = 0; i < 30; i++) times.push(await timed(base, v));
    console.log(
      `  ${v.padEnd(56)} median ${quantile(times, 0.5).toFixed(1)} ms  p95 ${
        quantile(times, 0.95).toFixed(1)
      } ms  max ${Math.max(...times).toFixed(1)} ms`,
    );
  }

  const sample =
    await (await fetch(`${base}/api/sweeps/${name}/configs?status=ok&size=1&page=1234`))
      .json();
  const id = sample.rows[0].id as string;
  const targets = [
    `/api/sweeps/${name}/configs?sort=latency_ms&dir=desc&page=37`,
    `/api/sweeps/${name}/configs?status=ok&p.goal=latency&sort=score&page=3`,
    `/api/sweeps/${name}/configs/${id}`,
    `/api/sweeps/${name}`,
  ];
  const wrk = await new Deno.Command("wrk", { args: ["--version"], stdout: "null", stderr: "null" })
    .output().then(() => true, () => false);
  console.log(
    `\nAPI under load: ${connections} connections, ${duration} s each, ${
      wrk ? "wrk -t2 --latency" : "built-in fetch loop (wrk not found: apt-get install -y wrk)"
    }`,
  );
  if (wrk) {
    // A mixed workload: random sort column and direction, status filter and page (48 query
    // shapes, each sorted/filtered on first use), run twice: first cold, then with caches warm.
    const script = join(root, "..", "mixed.lua");
    await Deno.writeTextFile(
      script,
      `math.randomseed(42)
local sorts = {"index", "latency_ms", "energy_mj", "score", "solve_ms", "device_path"}
local dirs = {"asc", "desc"}
local statuses = {"", "&status=ok", "&status=infeasible", "&status=error"}
request = function()
  local path = string.format("/api/sweeps/${name}/configs?sort=%s&dir=%s&page=%d%s",
    sorts[math.random(#sorts)], dirs[math.random(2)], math.random(1, 400),
    statuses[math.random(#statuses)])
  return wrk.format("GET", path)
end
`,
    );
    for (const pass of ["first use of each sort/filter included", "caches warm"]) {
      const { stdout } = await new Deno.Command("wrk", {
        args: ["-t2", `-c${connections}`, `-d${duration}s`, "--latency", "-s", script, base],
        stdout: "piped",
      }).output();
      const text = new TextDecoder().decode(stdout);
      const pick = (label: string) =>
        text.match(new RegExp(`^\\s+${label}\\s+(\\S+)`, "m"))?.[1] ?? "?";
      const rps = text.match(/Requests\/sec:\s+(\S+)/)?.[1] ?? "?";
      console.log(
        `  ${`mixed configs queries (${pass})`.padEnd(66)} p50 ${pick("50%")}  p99 ${
          pick("99%")
        }  ${rps} req/s`,
      );
    }
  }
  for (const target of targets) {
    await timed(base, target); // a user's first request warms this sort/filter once
    if (wrk) {
      const { stdout } = await new Deno.Command("wrk", {
        args: ["-t2", `-c${connections}`, `-d${duration}s`, "--latency", base + target],
        stdout: "piped",
      }).output();
      const text = new TextDecoder().decode(stdout);
      const pick = (label: string) =>
        text.match(new RegExp(`^\\s+${label}\\s+(\\S+)`, "m"))?.[1] ?? "?";
      const rps = text.match(/Requests\/sec:\s+(\S+)/)?.[1] ?? "?";
      const errors = text.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? "0";
      console.log(
        `  ${target.padEnd(66)} p50 ${pick("50%")}  p99 ${
          pick("99%")
        }  ${rps} req/s  non-2xx ${errors}`,
      );
    } else {
      const times: number[] = [];
      const end = performance.now() + duration * 1000;
      await Promise.all(Array.from({ length: connections }, async () => {
        while (performance.now() < end) times.push(await timed(base, target));
      }));
      console.log(
        `  ${target.padEnd(66)} p50 ${quantile(times, 0.5).toFixed(2)}ms  p99 ${
          quantile(times, 0.99).toFixed(2)
        }ms  ${(times.length / duration).toFixed(0)} req/s`,
      );
    }
  }
} finally {
  await stopServer(server.child);
}
