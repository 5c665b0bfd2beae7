import assert from "node:assert/strict";
import { join } from "node:path";
import { RunsIndex } from "./runs_index.ts";

const line = (id: string, index: number) =>
  JSON.stringify({
    id,
    index,
    params: { goal: "latency" },
    status: "infeasible",
    plans: [],
    reason: "cap",
  });

async function withFile(fn: (path: string) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "dash-runs-" });
  try {
    await fn(join(dir, "runs.jsonl"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("RunsIndex finds records by id across chunk boundaries", async () => {
  await withFile(async (path) => {
    const ids = Array.from({ length: 200 }, (_, i) => `id${i}`);
    await Deno.writeTextFile(path, ids.map((id, i) => line(id, i)).join("\n") + "\n");
    const index = new RunsIndex(path, { chunkSize: 37 });
    for (const i of [0, 1, 57, 199]) assert.equal((await index.get(`id${i}`))?.index, i);
    assert.equal(index.lines, 200);
    assert.equal(await index.get("missing"), undefined);
  });
});

Deno.test("RunsIndex reads only appended bytes and waits for a torn line's newline", async () => {
  await withFile(async (path) => {
    await Deno.writeTextFile(path, line("a", 0) + "\n");
    const seen: string[] = [];
    const index = new RunsIndex(path, { onLine: (text) => seen.push(JSON.parse(text).id) });
    await index.refresh();
    const full = line("b", 1);
    await Deno.writeTextFile(path, full.slice(0, 20), { append: true });
    assert.equal(await index.get("b"), undefined);
    await Deno.writeTextFile(path, full.slice(20) + "\n", { append: true });
    assert.equal((await index.get("b"))?.index, 1);
    assert.deepEqual(seen, ["a", "b"], "each line is seen once");
  });
});

Deno.test("RunsIndex starts over when the file shrinks or is rewritten in place", async () => {
  await withFile(async (path) => {
    await Deno.writeTextFile(path, [line("a", 0), line("b", 1), line("c", 2)].join("\n") + "\n");
    const index = new RunsIndex(path);
    assert.equal((await index.get("c"))?.index, 2);
    await Deno.writeTextFile(path, line("x", 0) + "\n");
    assert.equal(await index.get("c"), undefined);
    assert.equal((await index.get("x"))?.index, 0);
    assert.equal(index.generation, 1);
    // Same length, same inode, different order: a stale offset must not return the wrong record.
    using file = await Deno.open(path, { write: true, truncate: true });
    await file.write(new TextEncoder().encode([line("q", 7)].join("\n") + "\n"));
    assert.equal(await index.get("x"), undefined);
    assert.equal((await index.get("q"))?.index, 7);
  });
});

Deno.test("RunsIndex indexes records whose id is not the first key", async () => {
  await withFile(async (path) => {
    const record = { index: 4, id: "late", params: {}, status: "error", plans: [], error: "boom" };
    await Deno.writeTextFile(path, JSON.stringify(record) + "\n");
    assert.equal((await new RunsIndex(path).get("late"))?.error, "boom");
  });
});

Deno.test("RunsIndex: a later line for an id wins, unless it is an error and the earlier is not", async () => {
  await withFile(async (path) => {
    const record = (id: string, index: number, status: string) =>
      JSON.stringify({
        id,
        index,
        status,
        params: {},
        plans: [],
        error: status === "error" ? "boom" : null,
      });
    await Deno.writeTextFile(
      path,
      [
        record("a", 0, "error"),
        record("a", 0, "infeasible"),
        record("a", 0, "error"),
        record("b", 1, "infeasible"),
        record("b", 1, "ok"),
      ].join("\n") + "\n",
    );
    const index = new RunsIndex(path);
    assert.equal((await index.get("a"))?.status, "infeasible");
    assert.equal((await index.get("b"))?.status, "ok");
  });
});
