import { InputError } from "../input/mod.ts";
import type { Manifest } from "./manifest.ts";

/**
 * Reads a manifest, or returns `undefined` when the file does not exist.
 *
 * @param path Path of `manifest.json`.
 * @returns The manifest.
 * @throws {InputError} When the file is not a manifest this tool can read.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readManifest } from "./read_manifest.ts";
 * const dir = await Deno.makeTempDir();
 * assert(await readManifest(`${dir}/manifest.json`) === undefined);
 * ```
 */
export async function readManifest(path: string): Promise<Manifest | undefined> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(path, [{ path: "", message: "is not valid JSON" }], { cause: error });
  }
  const manifest = value as Partial<Manifest>;
  if (manifest?.format !== 1 || typeof manifest.sweep_hash !== "string") {
    throw new InputError(path, [{
      path: "format",
      message: `is not a results manifest of format 1, got ${JSON.stringify(manifest?.format)}`,
    }]);
  }
  return manifest as Manifest;
}
