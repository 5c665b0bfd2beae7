/**
 * Writes a file atomically: the text goes to a temporary file beside it, which is then renamed
 * over the target, so readers see the old or the new content, never a part.
 *
 * @param path The file to write.
 * @param text Its new content.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { writeAtomic } from "./write_atomic.ts";
 * const dir = await Deno.makeTempDir();
 * await writeAtomic(`${dir}/a.json`, "{}\n");
 * assert(Deno.readTextFileSync(`${dir}/a.json`) === "{}\n");
 * ```
 */
export async function writeAtomic(path: string, text: string): Promise<void> {
  const temp = `${path}.tmp-${Deno.pid}`;
  await Deno.writeTextFile(temp, text);
  await Deno.rename(temp, path);
}
