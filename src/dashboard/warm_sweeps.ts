/** The part of a Hono app that {@linkcode warmSweeps} uses. */
export interface Requester {
  /** Answers a request in-process, as `Hono#request` does. */
  request: (path: string) => Response | Promise<Response>;
}

/**
 * Renders every sweep's page once, in-process, so that each sweep's table is parsed and its
 * default chart drawn before a user asks (and again after its files change). Pages whose data
 * did not change cost a few file stats. Unreadable sweeps are skipped; their page shows the error
 * when asked.
 *
 * @param app The dashboard app.
 * @returns The names of the sweeps whose page rendered.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createApp } from "./app.tsx";
 * import { warmSweeps } from "./warm_sweeps.ts";
 * import { writeFixture } from "./_fixture.ts";
 * const root = await Deno.makeTempDir();
 * await writeFixture(root, "demo", { configs: 10 });
 * assert.deepEqual(await warmSweeps(createApp({ results: root })), ["demo"]);
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export async function warmSweeps(app: Requester): Promise<string[]> {
  const res = await app.request("/api/sweeps");
  if (!res.ok) {
    await res.body?.cancel();
    return [];
  }
  const { sweeps } = (await res.json()) as { sweeps: { name: string }[] };
  const warmed: string[] = [];
  for (const { name } of sweeps) {
    const page = await app.request(`/sweeps/${encodeURIComponent(name)}`);
    await page.body?.cancel();
    if (page.ok) warmed.push(name);
  }
  return warmed;
}
