import assert from "node:assert/strict";
import { join } from "node:path";
import { createApp } from "./app.tsx";
import { HOSTILE_NAME, writeFixture } from "./_fixture.ts";
import { parseFrontsCsv } from "./parse_fronts_csv.ts";

// The same sweep with and without fronts.csv, one with a front that is not proven, and one whose
// fronts.csv is broken.
const root = await Deno.makeTempDir({ prefix: "dash-fronts-test-" });
const HOT = "mobile_vision_stack/hot_gpu";
await writeFixture(root, "plain", { configs: 288 });
await writeFixture(root, "exact", { configs: 288, fronts: true, unprovenFronts: [HOT] });
await writeFixture(root, "badfronts", { configs: 288, fronts: true });
globalThis.addEventListener("unload", () => Deno.removeSync(root, { recursive: true }));
const frontsText = await Deno.readTextFile(join(root, "exact", "fronts.csv"));
const fronts = parseFrontsCsv(frontsText);

const logged: unknown[] = [];
const app = createApp({ results: root, log: (error) => logged.push(error) });

async function get(path: string) {
  const res = await app.request(path);
  return { status: res.status, text: await res.text(), res };
}

const ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";

/** The `<title>` texts of the exact fronts' points in a page. */
function frontTitles(html: string): string[] {
  return [...html.matchAll(/<title>(exact front of [^<]*, point \d+ of \d+\n[^<]*)<\/title>/g)]
    .map((m) => m[1]!);
}

Deno.test("fixture fronts are exact: every configuration is on or above its pair's front", async () => {
  assert.equal(fronts.length, 8, "2 scenarios x 4 profiles");
  assert(fronts.every((f) => f.points.length >= 2));
  assert.deepEqual(fronts.filter((f) => !f.proven).map((f) => f.group), [HOT]);
  const { rows } = JSON.parse((await get("/api/sweeps/exact/configs?status=ok&size=500")).text) as {
    rows: { params: Record<string, string>; latency_ms: number; energy_mj: number }[];
  };
  assert(rows.length > 50);
  for (const row of rows) {
    const front = fronts.find((f) =>
      f.group === `${row.params.scenario}/${row.params.device_profile}`
    )!;
    assert(
      front.points.some((p) => p.latency_ms <= row.latency_ms && p.energy_mj <= row.energy_mj),
      `${row.latency_ms} ms, ${row.energy_mj} mJ is below the front of ${front.group}`,
    );
  }
});

Deno.test("with fronts.csv the chart draws every group's exact front with tooltips and a key", async () => {
  const { status, text } = await get("/sweeps/exact");
  assert.equal(status, 200);
  const titles = frontTitles(text);
  assert.equal(titles.length, fronts.reduce((n, f) => n + f.points.length, 0));
  const first = fronts[0]!.points[0]!;
  assert(
    titles.includes(
      `exact front of ${fronts[0]!.group}, point 1 of ${fronts[0]!.points.length}\n` +
        `latency ${first.latency_ms} ms, energy ${first.energy_mj} mJ, switches ${first.switches}\n` +
        `devices: ${first.device_path}\nproven`,
    ),
    titles[0],
  );
  const hot = titles.filter((t) => t.startsWith(`exact front of ${HOT},`));
  assert(hot.length > 0 && hot.every((t) => /\nnot proven: /.test(t)), "unproven points say so");
  assert.match(text, /class="exact-front"/);
  assert.match(text, /stroke-dasharray="2,3"/, "the unproven front is dotted");
  assert.match(text, /<div class="fronts-key" id="fronts">/);
  assert.match(text, /Exact fronts drawn: 8 of 8/);
  assert(text.includes(`Not proven (label or time limit reached`), "the key names unproven fronts");
  assert(text.includes(`maybe not the whole front): ${HOT}.`));
  assert.match(text, /<a href="\/sweeps\/exact\/files\/fronts.csv" download="">fronts.csv \(/);
  assert.match(text, /<a href="\/api\/sweeps\/exact\/fronts">fronts JSON<\/a>/);
  assert.match(text, /<select name="group"><option value="">every group<\/option>/);
  assert.doesNotMatch(text, /<style|style="/, "no inline styles: the CSP allows none");
});

Deno.test("a sweep without fronts.csv shows no exact front, key, picker or download", async () => {
  const { status, text } = await get("/sweeps/plain");
  assert.equal(status, 200);
  assert.match(text, /<svg[^>]*class="scatter"/);
  for (const absent of ["exact front", "exact-front", "fronts-key", 'name="group"', "fronts.csv"]) {
    assert(!text.includes(absent), absent);
  }
  const api = await get("/api/sweeps/plain/fronts");
  assert.equal(api.status, 404);
  assert.match(JSON.parse(api.text).error.message, /Sweep "plain" has no fronts.csv/);
  assert.equal((await get("/sweeps/plain/files/fronts.csv")).status, 404);
});

Deno.test("group names are escaped in tooltips, options and the key", async () => {
  const { text } = await get("/sweeps/exact");
  assert(!text.includes(HOSTILE_NAME), "the hostile name appears unescaped");
  assert(text.includes(`<title>exact front of ${ESCAPED}/as_measured, point 1 of `));
  assert(text.includes(`<option value="${ESCAPED}/as_measured" >${ESCAPED}/as_measured</option>`));
  const scripts = text.match(/<script\b[^>]*>/g) ?? [];
  assert.deepEqual(scripts, []);
});

Deno.test("?group= draws one group's configurations and exact front; the table is unchanged", async () => {
  const group = `${HOSTILE_NAME}/no_npu`;
  const all = await get("/sweeps/exact");
  const one = await get(`/sweeps/exact?group=${encodeURIComponent(group)}`);
  assert.equal(one.status, 200);
  const titles = frontTitles(one.text);
  const front = fronts.find((f) => f.group === group)!;
  assert.equal(titles.length, front.points.length);
  assert(titles.every((t) => t.startsWith(`exact front of ${ESCAPED}/no_npu, point`)));
  const configTitles = [...one.text.matchAll(/<title>latency [^<]*\nscenario: ([^\n]*)\n/g)];
  assert(configTitles.length > 0);
  assert(configTitles.every((m) => m[1] === ESCAPED), "only the group's configurations");
  assert(one.text.includes(`<option value="${ESCAPED}/no_npu" selected>`));
  assert.match(one.text, /Exact fronts drawn: 1 of 8/);
  const rows = (html: string) => html.slice(html.indexOf('id="table"')).match(/<tr><td/g)?.length;
  assert.equal(rows(one.text), rows(all.text));
  assert(
    one.text.includes(`<input type="hidden" name="group" value="${ESCAPED}/no_npu">`),
    "the table's filter form keeps the chart's group",
  );
  const bad = await get("/sweeps/exact?group=nope%2Fnone");
  assert.equal(bad.status, 400);
  assert.match(bad.text, /Cannot show group &quot;nope\/none&quot;: choose one of/);
});

Deno.test("GET /api/sweeps/:name/fronts gives the parsed fronts and their version", async () => {
  const { status, text, res } = await get("/api/sweeps/exact/fronts");
  assert.equal(status, 200);
  assert.match(res.headers.get("content-type")!, /application\/json/);
  const body = JSON.parse(text);
  assert.equal(body.sweep, "exact");
  assert.match(body.version, /^fronts:/);
  assert.deepEqual(body.fronts, fronts);
  assert.equal(body.fronts[3].proven, false);
});

Deno.test("fronts.csv downloads as an attachment", async () => {
  const { status, text, res } = await get("/sweeps/exact/files/fronts.csv");
  assert.equal(status, 200);
  assert.match(res.headers.get("content-type")!, /text\/csv/);
  assert.match(res.headers.get("content-disposition")!, /^attachment; filename="exact-fronts.csv"/);
  assert.equal(text, frontsText);
});

Deno.test("a malformed fronts.csv is reported on the page and as a 500 by the API, then re-read", async () => {
  const path = join(root, "badfronts", "fronts.csv");
  const good = await Deno.readTextFile(path);
  const lines = good.split("\n");
  lines[2] = lines[2]!.replace(/,2,([\d.]+),/, ",7,$1,");
  await Deno.writeTextFile(path, lines.join("\n"));
  logged.length = 0;
  const page = await get("/sweeps/badfronts");
  assert.equal(page.status, 200, "the rest of the page is still served");
  assert.match(
    page.text,
    /<p class="fronts-error" role="alert">Cannot read badfronts\/fronts.csv: Cannot read line 3 as &#39;point&#39; must be 2: current value is 7\. The chart is drawn without exact fronts\.<\/p>/,
  );
  assert.match(page.text, /<svg[^>]*class="scatter"/);
  assert.equal(frontTitles(page.text).length, 0);
  assert.match(page.text, /href="\/sweeps\/badfronts\/files\/fronts.csv"/, "still downloadable");
  const api = await get("/api/sweeps/badfronts/fronts");
  assert.equal(api.status, 500);
  assert.match(JSON.parse(api.text).error.message, /^Cannot read badfronts\/fronts.csv: /);
  assert.doesNotMatch(api.text, /\.tsx?:\d+|at [A-Za-z]+ \(/, "no stack trace");
  assert.equal(logged.length, 2, "both errors are logged for the operator");

  await Deno.writeTextFile(path, good);
  const info = await Deno.stat(path);
  await Deno.utime(path, info.atime ?? new Date(), new Date((info.mtime?.getTime() ?? 0) + 2000));
  const fixed = await get("/sweeps/badfronts");
  assert.doesNotMatch(fixed.text, /fronts-error/);
  assert(frontTitles(fixed.text).length > 0, "the corrected file is read again");
});
