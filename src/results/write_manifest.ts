import type { Manifest } from "./manifest.ts";
import { writeAtomic } from "./write_atomic.ts";

/**
 * Writes a manifest atomically, pretty-printed.
 *
 * @param path Path of `manifest.json`.
 * @param manifest The content.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readManifest } from "./read_manifest.ts";
 * import { writeManifest } from "./write_manifest.ts";
 * import type { Manifest } from "./manifest.ts";
 * const dir = await Deno.makeTempDir();
 * const manifest = { format: 1, name: "s", sweep_hash: "ab" } as Manifest;
 * await writeManifest(`${dir}/manifest.json`, manifest);
 * assert((await readManifest(`${dir}/manifest.json`))?.name === "s");
 * ```
 */
export async function writeManifest(path: string, manifest: Manifest): Promise<void> {
  await writeAtomic(path, JSON.stringify(manifest, null, 2) + "\n");
}
