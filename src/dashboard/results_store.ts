import { join, resolve } from "node:path";
import { Sweep } from "./sweep.ts";

/**
 * The results root: finds sweep folders (directories holding a manifest.json, symlinks ignored)
 * and hands out one {@linkcode Sweep} per folder. Names from URLs are only ever compared with
 * the folder listing, never joined into a path.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ResultsStore } from "./results_store.ts";
 * import { writeFixture } from "./_fixture.ts";
 * const root = await Deno.makeTempDir();
 * await writeFixture(root, "demo", { configs: 5 });
 * const store = new ResultsStore(root);
 * assert((await store.names()).join() === "demo");
 * assert((await store.get("../demo")) === undefined);
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export class ResultsStore {
  /** Absolute path of the results root. */
  readonly root: string;
  readonly #sweeps = new Map<string, Sweep>();

  /** Opens the results root at `root` (it may not exist yet). */
  constructor(root: string) {
    this.root = resolve(root);
  }

  /** Names of the sweep folders, sorted. */
  async names(): Promise<string[]> {
    const names: string[] = [];
    try {
      for await (const entry of Deno.readDir(this.root)) {
        if (!entry.isDirectory || entry.name.startsWith(".")) continue;
        if (await isSweepFolder(join(this.root, entry.name))) names.push(entry.name);
      }
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return [];
      throw error;
    }
    return names.sort();
  }

  /**
   * Looks up a sweep by the name found in a URL.
   *
   * @param name Untrusted name.
   * @returns The sweep, or undefined when no folder has exactly this name.
   */
  async get(name: string): Promise<Sweep | undefined> {
    const known = this.#sweeps.get(name);
    if (known) {
      // The name came from an earlier listing; one lstat says whether the folder is still a sweep.
      if (await isSweepFolder(known.dir)) return known;
      this.#sweeps.delete(name);
      return undefined;
    }
    if (!(await this.names()).includes(name)) return undefined;
    let sweep = this.#sweeps.get(name);
    if (!sweep) {
      sweep = new Sweep(name, join(this.root, name));
      this.#sweeps.set(name, sweep);
    }
    return sweep;
  }
}

/** Whether a folder holds a manifest.json that is a regular file (not a symlink). */
async function isSweepFolder(dir: string): Promise<boolean> {
  try {
    const [folder, manifest] = await Promise.all([
      Deno.lstat(dir),
      Deno.lstat(join(dir, "manifest.json")),
    ]);
    return folder.isDirectory && manifest.isFile;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory) {
      return false;
    }
    throw error;
  }
}
