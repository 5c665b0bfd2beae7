import { dirname } from "node:path";

/**
 * Writes a report to a file, creating its folder, through a temporary file renamed into place
 * so that a failure never leaves a half-written report where an older one stood.
 *
 * @param path Destination file.
 * @param text Content.
 */
export async function writeOutput(path: string, text: string): Promise<void> {
  await Deno.mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.tmp-${Deno.pid}`;
  await Deno.writeTextFile(temporary, text);
  await Deno.rename(temporary, path);
}
