import { InputError, type Problem, zodProblems } from "../input/mod.ts";
import type { Scenario } from "./model.ts";
import { KNOWN_KEYS, type ScenarioFile, ScenarioSchema } from "./schema.ts";

/**
 * Validates a parsed scenario document and normalises it (defaults filled in, links explicit).
 * Checks the shape with zod, then the cross-references: unknown or duplicate devices and
 * stages, links from a device to itself, stages with no profiles.
 *
 * @param value The parsed JSON/YAML document.
 * @param file Label of the source, used in error messages.
 * @returns The validated scenario.
 * @throws {InputError} Listing every problem with its field path.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseScenario } from "./parse_scenario.ts";
 * const scenario = parseScenario({
 *   name: "tiny",
 *   devices: [{ name: "cpu", memory_mb: 512 }],
 *   stages: [{ name: "s", profiles: { cpu: { latency_ms: 1, energy_mj: 1, memory_mb: 8 } } }],
 * }, "tiny.json");
 * assert(scenario.devices[0]!.label === "cpu");
 * ```
 */
export function parseScenario(value: unknown, file: string): Scenario {
  const parsed = ScenarioSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) {
    throw new InputError(file, zodProblems(parsed.error.issues, knownKeysAt));
  }
  const problems = crossReferenceProblems(parsed.data);
  if (problems.length > 0) throw new InputError(file, problems);
  return normalise(parsed.data);
}

function knownKeysAt(path: readonly PropertyKey[]): readonly string[] | undefined {
  const [head, , third] = path;
  if (path.length === 0) return KNOWN_KEYS.scenario;
  if (head === "devices" && path.length === 2) return KNOWN_KEYS.device;
  if (head === "links" && path.length === 2) return KNOWN_KEYS.link;
  if (head === "stages" && path.length === 2) return KNOWN_KEYS.stage;
  if (head === "stages" && third === "profiles" && path.length === 4) return KNOWN_KEYS.profile;
  if (head === "constraints" && path.length === 1) return KNOWN_KEYS.constraints;
  return undefined;
}

function crossReferenceProblems(file: ScenarioFile): Problem[] {
  const problems: Problem[] = [];
  const devices = new Set<string>();
  file.devices.forEach((device, i) => {
    if (devices.has(device.name)) {
      problems.push({
        path: `devices[${i}].name`,
        message: `duplicate device name "${device.name}"`,
      });
    }
    devices.add(device.name);
  });
  const known = [...devices].map((d) => `"${d}"`).join(", ");
  const unknownDevice = (name: string) => `unknown device "${name}" (devices are ${known})`;
  (file.links ?? []).forEach((link, i) => {
    if (!devices.has(link.source)) {
      problems.push({ path: `links[${i}].source`, message: unknownDevice(link.source) });
    }
    if (!devices.has(link.target)) {
      problems.push({ path: `links[${i}].target`, message: unknownDevice(link.target) });
    }
    if (link.source === link.target) {
      problems.push({
        path: `links[${i}]`,
        message: `a link from device "${link.source}" to itself is not allowed`,
      });
    }
  });
  const stages = new Set<string>();
  file.stages.forEach((stage, i) => {
    if (stages.has(stage.name)) {
      problems.push({ path: `stages[${i}].name`, message: `duplicate stage name "${stage.name}"` });
    }
    stages.add(stage.name);
    const names = Object.keys(stage.profiles);
    if (names.length === 0) {
      problems.push({
        path: `stages[${i}].profiles`,
        message: "must give a profile for at least one device",
      });
    }
    for (const name of names) {
      if (!devices.has(name)) {
        problems.push({ path: `stages[${i}].profiles.${name}`, message: unknownDevice(name) });
      }
    }
  });
  return problems;
}

function normalise(file: ScenarioFile): Scenario {
  return {
    name: file.name,
    description: file.description ?? "",
    devices: file.devices.map((d) => ({
      name: d.name,
      label: d.label ?? d.name,
      memory_mb: d.memory_mb,
    })),
    links: (file.links ?? []).map((l) => ({
      source: l.source,
      target: l.target,
      latency_ms_per_mb: l.latency_ms_per_mb,
      energy_mj_per_mb: l.energy_mj_per_mb,
      bidirectional: l.bidirectional ?? true,
    })),
    stages: file.stages.map((s) => ({
      name: s.name,
      description: s.description ?? "",
      output_mb: s.output_mb ?? 0,
      profiles: Object.fromEntries(
        Object.entries(s.profiles).map(([device, p]) => [device, { ...p }]),
      ),
    })),
    constraints: {
      max_total_latency_ms: file.constraints?.max_total_latency_ms ?? null,
      max_total_energy_mj: file.constraints?.max_total_energy_mj ?? null,
    },
  };
}
