import { dirname, isAbsolute, join, relative } from "node:path";
import { parseDocumentText } from "../input/mod.ts";
import { loadScenario, readInputFile } from "../scenario/mod.ts";
import type { SweepScenario, SweepSpec } from "./model.ts";
import { sha256Hex } from "./sha256_hex.ts";
import { buildSweepSpec, validateSweepFile } from "./parse_sweep.ts";

/**
 * Reads a sweep file (YAML or JSON), validates it, loads the scenarios it names (paths relative
 * to the sweep file) and builds the sweep model.
 *
 * @param path Path of the sweep file.
 * @returns The validated sweep.
 * @throws {InputError} When the sweep file or one of its scenarios cannot be read or is invalid.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadSweep } from "./load_sweep.ts";
 * const spec = await loadSweep("sweeps/budgets.yaml");
 * assert(spec.axes[0]!.name === "scenario");
 * ```
 */
export async function loadSweep(path: string): Promise<SweepSpec> {
  const text = await readInputFile(path);
  const sweep = validateSweepFile(parseDocumentText(text, path), path);
  const scenarios: SweepScenario[] = [];
  for (const entry of sweep.scenarios) {
    const file = isAbsolute(entry) ? entry : join(dirname(path), entry);
    const loaded = await loadScenario(file);
    scenarios.push({
      path: relative(Deno.cwd(), file) || file,
      name: loaded.scenario.name,
      hash: sha256Hex(loaded.text),
      scenario: loaded.scenario,
    });
  }
  return buildSweepSpec(sweep, { file: path, hash: sha256Hex(text), scenarios });
}
