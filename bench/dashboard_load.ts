// deno-lint-ignore-file no-console -- a benchmark script: it prints its measurements.
/**
 * Dashboard load benchmark: writes a 100,000-configuration results folder (fixture), starts
 * `deno task serve` on a free loopback port as a separate process, and measures
 *   1. the sweep page: first (cold: parses configs.csv, draws the chart) and warm render times,
 *      sequential requests, for a few sort/filter/page variants;
 *   2. the JSON API under 50 concurrent connections with wrk (p50/p99), for a sorted page,
 *      a filtered page, one configuration by id and the live-progress summary.
 * Usage: deno run -A bench/dashboard_load.ts [--configs N] [--duration S] [--fresh]
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
  throw new RangeError(`--configs must be >= 1: got ${values.configs}`);
}
if (!(duration > 0)) throw new RangeError(`--duration must be > 0: got ${values.duration}`);

const out = new URL("./out/", import.meta.url).pathname;
const root = join(out, `results-${configs}`);
const name = "big";
const manifestPath = join(root, name, "manifest.json");
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
const manifest = JSON.parse(await Deno.readTextFile(manifestPath));
console.log(`fixture: ${join(root, name)}, ${manifest.config_count} configurations`);

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

const port = freePort();
const base = `http://127.0.0.1:${port}`;
const server = new Deno.Command(Deno.execPath(), {
  args: [
    "run",
    "--allow-read",
    "--allow-net",
    "src/main.ts",
    "serve",
    "--results",
    root,
    "--port",
    String(port),
    "--no-preload",
  ],
  cwd: new URL("..", import.meta.url).pathname,
  stdout: "null",
  stderr: "inherit",
}).spawn();

async function timed(path: string): Promise<number> {
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

try {
  for (let i = 0;; i++) {
    try {
      await (await fetch(`${base}/api/sweeps`)).body?.cancel();
      break;
    } catch {
      if (i > 100) throw new Error("server did not start");
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const cpu = (await Deno.readTextFile("/proc/cpuinfo")).match(/model name\s*:\s*(.+)/)?.[1] ??
    "unknown";
  console.log(
    `machine: ${navigator.hardwareConcurrency} CPUs, ${cpu}, load average ${
      Deno.loadavg().map((x) => x.toFixed(2)).join(" ")
    }`,
  );
  console.log(`server: ${base} (deno task serve --no-preload), Deno ${Deno.version.deno}`);

  const page = `/sweeps/${name}`;
  const cold = await timed(page);
  console.log(
    `\nsweep page, first request (cold: parse configs.csv + draw chart): ${cold.toFixed(0)} ms`,
  );
  const variants = [
    page,
    `${page}?sort=latency_ms&dir=desc&page=37`,
    `${page}?status=ok&p.goal=efficiency&sort=energy_mj`,
    `${page}?color=max_total_latency_ms&page=1999`,
  ];
  for (const v of variants.slice(1)) await timed(v); // first sort/filter/colour of each variant
  console.log("sweep page, warm (sequential, 30 requests each):");
  for (const v of variants) {
    const times: number[] = [];
    for (let i = 0; i < 30; i++) times.push(await timed(v));
    console.log(
      `  ${v.padEnd(56)} median ${quantile(times, 0.5).toFixed(1)} ms  p95 ${
        quantile(times, 0.95).toFixed(1)
      } ms  max ${Math.max(...times).toFixed(1)} ms`,
    );
  }

  const sample =
    await (await fetch(`${base}/api/sweeps/${name}/configs?status=ok&size=1&page=1234`)).json();
  const id = sample.rows[0].id as string;
  const targets = [
    `/api/sweeps/${name}/configs?sort=latency_ms&dir=desc&page=37`,
    `/api/sweeps/${name}/configs?status=ok&p.goal=latency&sort=score&page=3`,
    `/api/sweeps/${name}/configs/${id}`,
    `/api/sweeps/${name}`,
  ];
  const wrk = await new Deno.Command("wrk", { args: ["--version"], stdout: "null", stderr: "null" })
    .output().then(
      () => true,
      () => false,
    );
  console.log(
    `\nAPI under load: ${connections} connections, ${duration} s each, ${
      wrk ? "wrk -t2 --latency" : "built-in fetch loop (wrk not found)"
    }`,
  );
  for (const target of targets) {
    await timed(target); // warm the sort/filter cache once, as a user's first request would
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
        while (performance.now() < end) times.push(await timed(target));
      }));
      console.log(
        `  ${target.padEnd(66)} p50 ${quantile(times, 0.5).toFixed(2)}ms  p99 ${
          quantile(times, 0.99).toFixed(2)
        }ms  ${(times.length / duration).toFixed(0)} req/s`,
      );
    }
  }
} finally {
  server.kill("SIGTERM");
  await server.status;
}
