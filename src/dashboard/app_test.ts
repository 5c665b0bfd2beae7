import assert from "node:assert/strict";
import { join } from "node:path";
import { createApp } from "./app.tsx";
import { HOSTILE_NAME, writeFixture } from "./_fixture.ts";

const root = await Deno.makeTempDir({ prefix: "dash-app-test-" });
await writeFixture(root, "small", { configs: 288 });
await writeFixture(root, "live", { configs: 288, written: 40, status: "running" });
await Deno.mkdir(join(root, "broken"));
await Deno.writeTextFile(join(root, "broken", "manifest.json"), '{"format":1,"name":"broken"}');
await Deno.mkdir(join(root, "not-a-sweep"));
await writeFixture(root, "badcsv", { configs: 12 });
await writeFixture(root, "nobudget", { configs: 288, budgets: false });
await Deno.writeTextFile(join(root, "badcsv", "configs.csv"), "index,id,goal\n0,a,latency\n");
globalThis.addEventListener("unload", () => Deno.removeSync(root, { recursive: true }));

const logged: unknown[] = [];
const app = createApp({
  results: root,
  log: (error) => logged.push(error),
  now: () => new Date("2026-11-26T12:00:10Z"),
});

interface Row {
  index: number;
  id: string;
  params: Record<string, string>;
  status: string;
  latency_ms: number | null;
  is_pareto: boolean;
}
interface ConfigsPage {
  total: number;
  page: number;
  pages: number;
  size: number;
  rows: Row[];
  source: string;
}

async function get(path: string) {
  const res = await app.request(path);
  return {
    status: res.status,
    type: res.headers.get("content-type") ?? "",
    text: await res.text(),
    res,
  };
}

async function api(path: string): Promise<ConfigsPage> {
  const { status, text } = await get(path);
  assert.equal(status, 200, text);
  return JSON.parse(text);
}

const ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";

function assertNoInjectedScript(html: string) {
  assert(!html.includes(HOSTILE_NAME), "the hostile name appears unescaped");
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  for (const tag of scripts) assert.equal(tag, '<script src="/static/live.js" defer>');
}

Deno.test("GET / lists every sweep folder with its status and counts", async () => {
  const { status, text, type } = await get("/");
  assert.equal(status, 200);
  assert.match(type, /text\/html/);
  assert.match(text, /^<!DOCTYPE html>/);
  assert.match(text, /href="\/sweeps\/small"/);
  assert.match(text, /href="\/sweeps\/live"/);
  assert.doesNotMatch(text, /not-a-sweep/);
  assert.match(text, /class="badge running"/);
  assert.match(text, /<progress max="288" value="40"/);
  assert.match(text, /Cannot read broken\/manifest.json/);
  assert.match(text, /<script src="\/static\/live.js" defer>/, "a running sweep loads the poller");
});

Deno.test("GET /api/sweeps gives summaries with counts and running state", async () => {
  const { sweeps } = JSON.parse((await get("/api/sweeps")).text) as {
    sweeps: { name: string; running: boolean; done: number; counts: Record<string, number> }[];
  };
  assert.deepEqual(sweeps.map((s) => s.name), ["badcsv", "broken", "live", "nobudget", "small"]);
  const live = sweeps.find((s) => s.name === "live")!;
  assert.equal(live.running, true);
  assert.equal(live.done, 40);
  assert.equal(live.counts.pending, 248);
  const small = sweeps.find((s) => s.name === "small")!;
  assert.equal(small.running, false);
  assert.equal(small.counts.ok! + small.counts.infeasible! + small.counts.error!, 288);
});

Deno.test("sweep page shows summary, chart with tooltips and links, table page and downloads", async () => {
  const { status, text } = await get("/sweeps/small");
  assert.equal(status, 200);
  assert.match(text, /<h1>small<\/h1>/);
  assert.match(text, /<svg[^>]*class="scatter"/);
  assert.doesNotMatch(text, /<style|style="/, "no inline styles: the CSP allows none");
  assert.match(text, /<a href="\/sweeps\/small\/configs\/[0-9a-f]{16}" fill="inherit"><circle/);
  assert.match(text, /<title>latency [\d.]+ ms, energy [\d.]+ mJ\nscenario: /);
  const rows = text.match(/<tr><td class="n">\d+<\/td>/g) ?? [];
  assert.equal(rows.length, 50);
  assert.match(text, /rows 1\u201350 of 288/);
  assert.match(
    text,
    /<td title="no placement meets max_total_latency_ms=20 and max_total_energy_mj=28 \(fastest: [\d.]+ ms\)"><span class="badge infeasible">/,
    "an infeasible row says why on hover",
  );
  for (const f of ["configs.csv", "plans.csv", "pareto.csv"]) {
    assert(text.includes(`href="/sweeps/small/files/${f}"`), f);
  }
  assertNoInjectedScript(text);
  assert(text.includes(ESCAPED), "the hostile scenario name is shown, escaped");
});

Deno.test("chart colour follows ?color= and rejects unknown columns", async () => {
  const byProfile = await get("/sweeps/small?color=device_profile");
  assert.equal(byProfile.status, 200);
  assert.match(byProfile.text, /<option value="device_profile" selected>/);
  assert.match(byProfile.text, /hot_gpu<\/span>/, "legend swatch for a device profile");
  const bad = await get("/sweeps/small?color=nope");
  assert.equal(bad.status, 400);
  assert.match(bad.text, /Cannot colour by &quot;nope&quot;/);
});

Deno.test("placement page shows stages, memory against budgets, rationale, runner-ups, JSON link", async () => {
  const { rows } = await api("/api/sweeps/small/configs?status=ok&size=500");
  const hostile = rows.find((r) => r.params.scenario === HOSTILE_NAME)!;
  assert(hostile, "the fixture has a feasible hostile-scenario configuration");
  const { status, text } = await get(`/sweeps/small/configs/${hostile.id}`);
  assert.equal(status, 200);
  assert.match(text, /<table id="stages">/);
  for (const stage of ["frame_decode", "backbone_embedding", "fusion_block"]) {
    assert(text.includes(stage));
  }
  assert.match(
    text,
    /<th class="n">Exec ms<\/th><th class="n">Xfer ms<\/th><th class="n">Total ms<\/th>/,
  );
  assert.match(text, /\d+ \/ 4096 MB \(\d+%\)/, "cpu memory against its budget");
  assert.match(text, /<ul class="why" id="rationale"><li>Rank 1 scores/);
  assert.match(text, /<table id="runner-ups">/);
  assert(text.includes(`href="/api/sweeps/small/configs/${hostile.id}"`));
  assertNoInjectedScript(text);
  assert(text.includes(ESCAPED));
});

Deno.test("without recorded budgets the placement shows memory use only, and says so", async () => {
  const { rows } = await api("/api/sweeps/nobudget/configs?status=ok&size=1");
  const { status, text } = await get(`/sweeps/nobudget/configs/${rows[0]!.id}`);
  assert.equal(status, 200);
  assert.match(text, /do not record memory budgets/);
  assert.match(text, /\d+ MB used/);
  assert.doesNotMatch(text, /Tightest memory/);
});

Deno.test("placement of an infeasible configuration shows its reason", async () => {
  const { rows } = await api("/api/sweeps/small/configs?status=infeasible&size=1");
  const { status, text } = await get(`/sweeps/small/configs/${rows[0]!.id}`);
  assert.equal(status, 200);
  assert.match(text, /Infeasible: no placement meets max_total_latency_ms=/);
  assert.doesNotMatch(text, /<table id="stages">/);
});

Deno.test("API record equals the runs.jsonl line", async () => {
  const line = (await Deno.readTextFile(join(root, "small", "runs.jsonl"))).split("\n")[123]!;
  const expected = JSON.parse(line);
  const { status, text } = await get(`/api/sweeps/small/configs/${expected.id}`);
  assert.equal(status, 200);
  assert.deepEqual(JSON.parse(text), expected);
});

Deno.test("API sorts, pages and filters on the server", async () => {
  const asc = await api("/api/sweeps/small/configs?sort=latency_ms&size=300");
  const values = asc.rows.map((r) => r.latency_ms);
  const present = values.filter((v): v is number => v !== null);
  assert.deepEqual(present, [...present].sort((a, b) => a - b));
  assert.equal(values.indexOf(null), present.length, "missing values sort last");

  const desc = await api("/api/sweeps/small/configs?sort=latency_ms&dir=desc&size=5");
  assert.equal(desc.rows[0]!.latency_ms, Math.max(...present));

  const p1 = await api("/api/sweeps/small/configs?size=10");
  const p2 = await api("/api/sweeps/small/configs?size=10&page=2");
  assert.deepEqual(p1.rows.map((r) => r.index), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.deepEqual(p2.rows.map((r) => r.index), [10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  assert.equal(p2.pages, 29);
  const beyond = await api("/api/sweeps/small/configs?size=10&page=999");
  assert.equal(beyond.page, 29);
  assert.equal(beyond.rows.length, 8);

  const ok = await api("/api/sweeps/small/configs?status=ok&p.goal=latency&size=500");
  assert(ok.total > 0);
  assert(ok.rows.every((r) => r.status === "ok" && r.params.goal === "latency"));
  const pareto = await api("/api/sweeps/small/configs?pareto=1&size=500");
  assert(pareto.total > 0 && pareto.rows.every((r) => r.is_pareto));
  const byId = await api(`/api/sweeps/small/configs?q=${p1.rows[3]!.id}`);
  assert.deepEqual(byId.rows.map((r) => r.index), [3]);
});

Deno.test("sweep page table sorts and pages through links", async () => {
  const { text } = await get("/sweeps/small?sort=score&dir=desc&page=2&size=20");
  assert.match(
    text,
    /aria-sort="descending"><a href="\/sweeps\/small\?sort=score&amp;size=20#table"/,
  );
  assert.match(text, /rows 21\u201340 of 288/);
  assert.match(
    text,
    /href="\/sweeps\/small\?sort=score&amp;dir=desc&amp;size=20&amp;page=3#table" rel="next"/,
  );
});

Deno.test("bad query values give 400 with a message, as HTML or JSON", async () => {
  const cases = [
    "size=0",
    "size=501",
    "page=0",
    "page=abc",
    "dir=up",
    "sort=nope",
    "sort=..%2Fetc",
    "status=maybe",
    "p.nope=1",
    "foo=1",
    "page=1&page=2",
  ];
  for (const query of cases) {
    const html = await get(`/sweeps/small?${query}`);
    assert.equal(html.status, 400, query);
    assert.match(html.type, /text\/html/, query);
    const json = await get(`/api/sweeps/small/configs?${query}`);
    assert.equal(json.status, 400, query);
    const body = JSON.parse(json.text) as { error: { status: number; message: string } };
    assert.equal(body.error.status, 400);
    assert(body.error.message.length > 0);
  }
});

Deno.test("traversal attempts and unknown names give 404, never a file", async () => {
  const paths = [
    "/sweeps/..%2F..%2Fetc",
    "/sweeps/%2Fetc%2Fpasswd",
    "/sweeps/not-a-sweep",
    "/sweeps/small%2F..%2Fbroken",
    "/sweeps/small/configs/..%2F..%2F..%2Fetc%2Fpasswd",
    "/sweeps/small/configs/ffffffffffffffff",
    "/sweeps/small/files/..%2Fmanifest.json",
    "/sweeps/small/files/runs.jsonl",
    "/sweeps/small/files/%2Fetc%2Fpasswd",
    "/api/sweeps/..%2F..%2Fetc",
    "/api/sweeps/%2Fetc%2Fpasswd/configs",
    "/api/sweeps/small/configs/..%2Fmanifest.json",
    "/etc/passwd",
  ];
  for (const path of paths) {
    const { status, text } = await get(path);
    assert.equal(status, 404, path);
    assert.doesNotMatch(text, /root:x:0:0/, path);
  }
  // Dot segments, even percent-encoded, are resolved by URL parsing: they land on the index.
  for (const path of ["/sweeps/..", "/sweeps/%2e%2e", "/sweeps/%2E%2E/"]) {
    const { status, text } = await get(path);
    assert.equal(status, 200, path);
    assert.match(text, /<h1>Sweeps<\/h1>/, path);
  }
});

Deno.test("CSV downloads stream the sweep's files as attachments", async () => {
  const { status, text, res } = await get("/sweeps/small/files/configs.csv");
  assert.equal(status, 200);
  assert.match(res.headers.get("content-type")!, /text\/csv/);
  assert.match(
    res.headers.get("content-disposition")!,
    /^attachment; filename="small-configs.csv"/,
  );
  assert.equal(text, await Deno.readTextFile(join(root, "small", "configs.csv")));
  const head = await app.request("/sweeps/small/files/configs.csv", { method: "HEAD" });
  assert.equal(head.status, 200);
  assert.equal(head.headers.get("content-length"), String(new TextEncoder().encode(text).length));
  assert.equal(await head.text(), "");
  const live = await get("/sweeps/live/files/pareto.csv");
  assert.equal(live.status, 404, "not written yet while running");
});

Deno.test("an unreadable manifest gives a 500 page naming the file, without a stack trace", async () => {
  logged.length = 0;
  for (const path of ["/sweeps/broken", "/api/sweeps/broken"]) {
    const { status, text } = await get(path);
    assert.equal(status, 500, path);
    assert.match(text, /Cannot read broken\/manifest.json/);
    assert.doesNotMatch(text, /\.tsx?:\d+|at [A-Za-z]+ \(/, "no stack trace");
  }
  assert.equal(logged.length, 2, "the error is logged for the operator");
  const csv = await get("/sweeps/badcsv");
  assert.equal(csv.status, 500);
  assert.match(
    csv.text,
    /Cannot read badcsv\/configs.csv: Cannot read configs.csv as the header lacks/,
  );
  const record = await get(
    `/api/sweeps/badcsv/configs/${
      JSON.parse((await Deno.readTextFile(join(root, "badcsv", "runs.jsonl"))).split("\n")[0]!).id
    }`,
  );
  assert.equal(record.status, 200, "records still come from runs.jsonl");
});

Deno.test("pages send a content security policy", async () => {
  const { res } = await get("/sweeps/small");
  const csp = res.headers.get("content-security-policy") ?? "";
  assert.match(csp, /script-src 'self'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(csp, /style-src 'self';/);
  assert.doesNotMatch(csp, /unsafe/);
});

Deno.test("a running sweep is followed as runs.jsonl grows and CSVs appear, without a new app", async () => {
  const dir = join(root, "live");
  const first = await api("/api/sweeps/live/configs?size=500");
  assert.equal(first.source, "runs.jsonl");
  assert.equal(first.total, 40);
  const page = await get("/sweeps/live");
  assert.match(page.text, /data-live-sweep="live" data-field="done">40</);
  assert.match(page.text, /<script src="\/static\/live.js" defer>/);

  // The runner appends 60 more records (the last one torn mid-write) and refreshes the manifest.
  const more = await Deno.makeTempDir({ prefix: "dash-live-" });
  await writeFixture(more, "live", { configs: 288, written: 100, status: "running" });
  const lines = (await Deno.readTextFile(join(more, "live", "runs.jsonl"))).split("\n");
  const appended = lines.slice(40, 99).join("\n") + "\n" + lines[99]!.slice(0, 50);
  await Deno.writeTextFile(join(dir, "runs.jsonl"), appended, { append: true });
  await Deno.copyFile(join(more, "live", "manifest.json"), join(dir, "manifest.json"));
  const grown = await api("/api/sweeps/live/configs?size=500");
  assert.equal(grown.total, 99, "the torn line waits for its newline");
  const summary = JSON.parse((await get("/api/sweeps/live")).text) as { done: number };
  assert.equal(summary.done, 100);

  await Deno.writeTextFile(join(dir, "runs.jsonl"), lines[99]!.slice(50) + "\n", { append: true });
  assert.equal((await api("/api/sweeps/live/configs?size=500")).total, 100);
  const record = await get(`/api/sweeps/live/configs/${JSON.parse(lines[99]!).id}`);
  assert.equal(record.status, 200);

  // It completes: configs.csv is written after runs.jsonl and becomes the table's source.
  await writeFixture(more, "done", { configs: 288 });
  for (const f of ["runs.jsonl", "configs.csv", "plans.csv", "pareto.csv", "manifest.json"]) {
    await Deno.copyFile(join(more, "done", f), join(dir, f));
  }
  const done = await api("/api/sweeps/live/configs?size=1");
  assert.equal(done.source, "configs.csv");
  assert.equal(done.total, 288);
  await Deno.remove(more, { recursive: true });
});

Deno.test("a running manifest not updated for 10 minutes is shown as stale, without the poller", async () => {
  const dir = await Deno.makeTempDir({ prefix: "dash-stale-" });
  try {
    await writeFixture(dir, "halted", { configs: 50, written: 20, status: "running" });
    const at = (iso: string) => createApp({ results: dir, now: () => new Date(iso) });
    const summary = async (iso: string) =>
      (await (await at(iso).request("/api/sweeps/halted")).json()) as {
        running: boolean;
        stale: boolean;
      };
    assert.deepEqual(
      await summary("2026-11-26T12:05:00Z").then(({ running, stale }) => ({ running, stale })),
      { running: true, stale: false },
    );
    assert.deepEqual(
      await summary("2026-11-26T12:30:00Z").then(({ running, stale }) => ({ running, stale })),
      { running: false, stale: true },
    );
    const text = await (await at("2026-11-26T12:30:00Z").request("/")).text();
    assert.match(text, /class="badge stale"/);
    assert.match(text, /running, but no update since 2026-11-26 12:00:00 UTC/);
    assert.doesNotMatch(text, /live\.js/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a sweep folder removed or replaced by a symlink stops being served", async () => {
  const dir = await Deno.makeTempDir({ prefix: "dash-gone-" });
  try {
    await writeFixture(dir, "gone", { configs: 10 });
    await writeFixture(dir, "elsewhere", { configs: 10 });
    const local = createApp({ results: dir });
    assert.equal((await local.request("/sweeps/gone")).status, 200);
    await Deno.remove(join(dir, "gone"), { recursive: true });
    await Deno.symlink(join(dir, "elsewhere"), join(dir, "gone"));
    const res = await local.request("/sweeps/gone");
    await res.body?.cancel();
    assert.equal(res.status, 404);
    const list = await (await local.request("/api/sweeps")).json() as {
      sweeps: { name: string }[];
    };
    assert.deepEqual(list.sweeps.map((s) => s.name), ["elsewhere"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("while running, the table has one row per index: shared ids kept, retries resolved", async () => {
  const dir = await Deno.makeTempDir({ prefix: "dash-retry-" });
  try {
    await writeFixture(dir, "retry", { configs: 8, written: 0, status: "running" });
    const line = (id: string, index: number, status: string) =>
      JSON.stringify({
        id,
        index,
        status,
        params: { goal: "latency" },
        plans: [],
        reason: status === "infeasible" ? "cap" : null,
        error: status === "error" ? "worker died" : null,
      });
    await Deno.writeTextFile(
      join(dir, "retry", "runs.jsonl"),
      [
        line("x", 1, "infeasible"),
        line("x", 0, "infeasible"), // an identical configuration: same id, another index
        line("y", 2, "error"),
        line("y", 2, "infeasible"), // retried: the later line wins
        line("z", 3, "infeasible"),
        line("z", 3, "error"), // a later error does not replace a result
      ].join("\n") + "\n",
    );
    const local = createApp({ results: dir });
    const page = await (await local.request("/api/sweeps/retry/configs")).json() as ConfigsPage;
    assert.equal(page.source, "runs.jsonl");
    assert.deepEqual(page.rows.map((r) => [r.index, r.id, r.status]), [
      [0, "x", "infeasible"],
      [1, "x", "infeasible"],
      [2, "y", "infeasible"],
      [3, "z", "infeasible"],
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
