/**
 * End-to-end test in a real browser: Debian's chromium driven by playwright-core (never
 * Playwright's own browser download) against the dashboard served in-process on 127.0.0.1.
 * Without chromium the test is skipped with instructions, unless CI is set: then it fails.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { createApp } from "./app.tsx";
import { writeFixture } from "./_fixture.ts";

const CHROMIUM = Deno.env.get("CHROMIUM_PATH") ?? "/usr/bin/chromium";
const HOW = "apt-get install -y chromium";
const inCi = !["", "0", "false"].includes((Deno.env.get("CI") ?? "").toLowerCase());
const hasChromium = await Deno.stat(CHROMIUM).then((s) => s.isFile, () => false);
const SHOTS = new URL("../../bench/out/", import.meta.url).pathname;

if (!hasChromium && !inCi) {
  // deno-lint-ignore no-console -- tell the developer why the browser test did not run.
  console.warn(
    `browser test SKIPPED: ${CHROMIUM} not found. To run it: ${HOW} (or sh .ci/deps/chromium.sh); ` +
      "with CI=true a missing chromium fails the test.",
  );
}

Deno.test({
  name: hasChromium || inCi
    ? "browser: sort the table, hover a point and an exact front point, open its placement, no console errors"
    : `SKIPPED: install chromium (${HOW}) to run the browser test`,
  ignore: !hasChromium && !inCi,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    assert(hasChromium, `CI is set but ${CHROMIUM} is missing: install it with ${HOW}`);
    const root = await Deno.makeTempDir({ prefix: "dash-e2e-" });
    const profile = await Deno.makeTempDir({ prefix: "dash-e2e-profile-" });
    await writeFixture(root, "small", {
      configs: 288,
      fronts: true,
      unprovenFronts: ["mobile_vision_stack/hot_gpu"],
    });
    await writeFixture(root, "live", {
      configs: 288,
      written: 40,
      status: "running",
      startedAt: new Date(),
    });
    const app = createApp({ results: root });
    const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, app.fetch);
    const base = `http://127.0.0.1:${server.addr.port}`;
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1366, height: 900 },
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    try {
      const page = context.pages()[0] ?? await context.newPage();
      const problems: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") problems.push(`console: ${message.text()}`);
      });
      page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
      page.on("response", (response) => {
        if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${response.url()}`);
      });

      await page.goto(`${base}/`);
      await page.click('a[href="/sweeps/small"]');
      await page.waitForURL(`${base}/sweeps/small`);
      assert.equal(await page.textContent("h1"), "small");

      const latencies = async () => {
        const cells = await page.$$eval(
          "#configs tbody tr",
          (rows) => rows.map((r) => r.querySelectorAll("td")[8]?.textContent ?? ""),
        );
        return cells.filter((c) => c !== "\u2013").map(Number);
      };
      await page.click('#configs th a[data-sort="latency_ms"]');
      await page.waitForURL(/sort=latency_ms/);
      const asc = await latencies();
      assert(asc.length > 10, "feasible rows come first when sorted by latency");
      assert.deepEqual(asc, [...asc].sort((a, b) => a - b));
      await page.click('#configs th a[data-sort="latency_ms"]');
      await page.waitForURL(/dir=desc/);
      const desc = await latencies();
      assert.deepEqual(desc, [...desc].sort((a, b) => b - a));
      assert.equal(await page.getAttribute("#configs th[aria-sort]", "aria-sort"), "descending");

      // Hover a point that no other point covers (several may share a spot).
      await page.locator("#scatter").scrollIntoViewIfNeeded();
      const top = await page.$$eval("#scatter svg a circle", (circles) =>
        circles.findIndex((c) => {
          const r = c.getBoundingClientRect();
          return c.ownerDocument.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === c;
        }));
      assert(top >= 0, "some point is on top");
      const point = page.locator("#scatter svg a circle").nth(top);
      await point.hover();
      const tooltips = await page.$$eval(
        "circle:hover > title",
        (titles) => titles.map((t) => t.textContent ?? ""),
      );
      assert.equal(tooltips.length, 1, "the hovered point has a <title> tooltip");
      const tooltip = tooltips[0];
      assert.match(
        tooltip ?? "",
        /^latency [\d.]+ ms, energy [\d.]+ mJ\nscenario: .+\ndevice_profile: /,
      );
      // The exact fronts (fronts.csv) are drawn under the configurations: hover a diamond that
      // no configuration covers and read its tooltip.
      const diamonds = "#scatter svg .exact-front-points path";
      const free = await page.$$eval(diamonds, (paths) =>
        paths.findIndex((p) => {
          const r = p.getBoundingClientRect();
          return p.ownerDocument.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === p;
        }));
      assert(free >= 0, "some exact front point is not covered by a configuration");
      await page.locator(diamonds).nth(free).hover();
      const frontTips = await page.$$eval(
        "path:hover > title",
        (titles) => titles.map((t) => t.textContent ?? ""),
      );
      assert.equal(frontTips.length, 1, "the hovered front point has a <title> tooltip");
      assert.match(
        frontTips[0] ?? "",
        /^exact front of .+, point \d+ of \d+\nlatency [\d.]+ ms, energy [\d.]+ mJ, switches \d+\ndevices: [a-z ]+\n(proven|not proven: .+)$/,
      );
      assert(await page.isVisible("#fronts"), "the key explains the exact fronts");
      await page.screenshot({ path: join(SHOTS, "dashboard-sweep.png"), fullPage: true });

      await point.click();
      await page.waitForURL(/\/sweeps\/small\/configs\/[0-9a-f]{16}$/);
      await page.waitForSelector("#stages");
      const stages = await page.$$eval(
        "#stages tbody tr",
        (rows) => rows.map((r) => r.querySelectorAll("td")[1]?.textContent ?? ""),
      );
      assert.equal(stages.length, 8, "7 stages and a total row");
      assert.equal(stages[0], "frame_decode");
      assert.equal(stages.at(-1), "Total");
      assert(await page.isVisible("#memory .bar-row"));
      await page.screenshot({ path: join(SHOTS, "dashboard-placement.png"), fullPage: true });

      // A running sweep: the counts follow the manifest without a reload.
      await page.goto(`${base}/sweeps/live`);
      await page.evaluate(() => Object.assign(globalThis, { notReloaded: true }));
      const pending = '[data-live-sweep="live"][data-field="counts.pending"]';
      assert.equal(await page.textContent(pending), "248");
      const path = join(root, "live", "manifest.json");
      const manifest = JSON.parse(await Deno.readTextFile(path));
      manifest.counts = { ...manifest.counts, ok: manifest.counts.ok + 30, pending: 218 };
      manifest.updated_at = new Date().toISOString();
      await Deno.writeTextFile(`${path}.tmp`, JSON.stringify(manifest));
      await Deno.rename(`${path}.tmp`, path);
      await page.locator(pending, { hasText: /^218$/ }).waitFor({ timeout: 15_000 });
      const updated = await page.textContent('[data-live-sweep="live"][data-field="updated_at"]');
      assert.equal(updated, `${manifest.updated_at.slice(0, 19).replace("T", " ")} UTC`);
      assert.equal(
        await page.evaluate(() => "notReloaded" in globalThis),
        true,
        "updated in place",
      );
      assert.equal(
        await page.$eval(
          'progress[data-live-sweep="live"]',
          (p) => (p as unknown as { value: number }).value,
        ),
        70,
      );
      await page.screenshot({ path: join(SHOTS, "dashboard-live.png") });

      assert.deepEqual(problems, [], "no console errors, page errors or failed requests");
    } finally {
      await context.close();
      await server.shutdown();
      await Deno.remove(root, { recursive: true });
      await Deno.remove(profile, { recursive: true }).catch(() => {});
    }
  },
});
