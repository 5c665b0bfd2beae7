/**
 * Test fixtures: sweep files around the sample scenario, written to temporary folders.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { stringify } from "yaml";
import { parseScenario } from "../scenario/mod.ts";
import type { SweepSpec } from "./model.ts";
import { buildSweepSpec, validateSweepFile } from "./parse_sweep.ts";

/** Absolute path of the shipped sample scenario. */
export const SAMPLE_SCENARIO: string = fileURLToPath(
  new URL("../../scenarios/mobile_vision_pipeline.json", import.meta.url),
);

/** Builds a spec from a sweep document (as an object) over the sample scenario, in memory. */
export function specOf(doc: Record<string, unknown>): SweepSpec {
  const sweep = validateSweepFile({ scenarios: [SAMPLE_SCENARIO], ...doc }, "test.yaml");
  const text = Deno.readTextFileSync(SAMPLE_SCENARIO);
  const scenario = parseScenario(JSON.parse(text), SAMPLE_SCENARIO);
  return buildSweepSpec(sweep, {
    file: "test.yaml",
    hash: "0".repeat(64),
    scenarios: sweep.scenarios.map(() => ({
      path: SAMPLE_SCENARIO,
      name: scenario.name,
      hash: "1".repeat(64),
      scenario,
    })),
  });
}

/** Writes a sweep file (YAML) over the sample scenario into a new temporary folder. */
export async function writeSweepFile(
  doc: Record<string, unknown>,
): Promise<{ dir: string; file: string }> {
  const dir = await Deno.makeTempDir({ prefix: "sweep_test_" });
  const file = `${dir}/test.yaml`;
  await Deno.writeTextFile(file, stringify({ scenarios: [SAMPLE_SCENARIO], ...doc }));
  return { dir, file };
}

/** A small sweep over budgets, goals and profiles (216 configurations). */
export const SMALL_SWEEP: Record<string, unknown> = {
  name: "small",
  device_profiles: {
    as_measured: {},
    no_npu: { remove_devices: ["npu"] },
    hot_gpu: { scale: { gpu: { latency: 1.6, energy: 1.2 } } },
  },
  grid: {
    goal: ["latency", "balanced", "efficiency"],
    max_total_latency_ms: { from: 24, to: 34, step: 2 },
    max_total_energy_mj: [30, 36, 44, null],
  },
};

/**
 * Blanks the timing columns of a CSV text (`solve_ms`), so that runs can be compared byte for
 * byte. Relies on `solve_ms` cells being plain numbers.
 */
export function withoutTiming(csv: string): string {
  const [header = "", ...rows] = csv.split("\n");
  const at = header.split(",").indexOf("solve_ms");
  if (at < 0) return csv;
  // Only columns before solve_ms are free text at the end (reason, error): count from the start.
  return [header, ...rows.map((row) => blankField(row, at))].join("\n");
}

function blankField(row: string, at: number): string {
  let field = 0;
  let start = 0;
  let quoted = false;
  for (let i = 0; i <= row.length; i++) {
    const c = row[i];
    if (c === '"') quoted = !quoted;
    if ((c === "," && !quoted) || i === row.length) {
      if (field === at) return row.slice(0, start) + row.slice(i);
      field++;
      start = i + 1;
    }
  }
  return row;
}

/** Asserts that `fn` throws an instance of `type` whose message contains `text`. */
export function throwsWith(
  fn: () => unknown,
  type: new (...args: never[]) => Error,
  text: string,
): void {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof type)) throw new Error(`expected ${type.name}, got ${error}`);
    if (!error.message.includes(text)) {
      throw new Error(`expected a message with "${text}", got "${error.message}"`);
    }
    return;
  }
  throw new Error(`expected ${type.name} with "${text}", nothing was thrown`);
}
