import assert from "node:assert/strict";
import { InputError, parseDocumentText } from "../input/mod.ts";
import { parseScenario } from "./parse_scenario.ts";

const base = () => ({
  name: "t",
  devices: [{ name: "cpu", memory_mb: 1024 }, { name: "npu", memory_mb: 512 }],
  links: [{ source: "cpu", target: "npu", latency_ms_per_mb: 0.1, energy_mj_per_mb: 0.1 }],
  stages: [
    {
      name: "a",
      output_mb: 2,
      profiles: {
        cpu: { latency_ms: 3, energy_mj: 2, memory_mb: 100 },
        npu: { latency_ms: 1, energy_mj: 1, memory_mb: 100 },
      },
    },
    { name: "b", profiles: { cpu: { latency_ms: 1, energy_mj: 1, memory_mb: 10 } } },
  ],
});

type Doc = ReturnType<typeof base> & Record<string, unknown>;

/** Parses a mutated document and returns the error's problems as `path: message` lines. */
function problems(mutate: (doc: Doc) => void): string[] {
  const doc = base() as Doc;
  mutate(doc);
  try {
    parseScenario(doc, "s.json");
  } catch (error) {
    assert(error instanceof InputError, "an InputError");
    assert.equal(error.file, "s.json");
    return error.problems.map((p) => `${p.path}: ${p.message}`);
  }
  throw new assert.AssertionError({ message: "expected the scenario to be rejected" });
}

Deno.test("a valid scenario loads with defaults filled in", () => {
  const s = parseScenario(base(), "s.json");
  assert.equal(s.devices[0]!.label, "cpu");
  assert.equal(s.links[0]!.bidirectional, true);
  assert.equal(s.stages[1]!.output_mb, 0);
  assert.deepEqual(s.constraints, { max_total_latency_ms: null, max_total_energy_mj: null });
  assert.deepEqual(Object.keys(s.stages[0]!.profiles), ["cpu", "npu"]);
});

Deno.test("unknown device in a profile is named with its path", () => {
  assert.deepEqual(
    problems((d) => {
      d.stages[1]!.profiles = { gpu: { latency_ms: 1, energy_mj: 1, memory_mb: 1 } } as never;
    }),
    ['stages[1].profiles.gpu: unknown device "gpu" (devices are "cpu", "npu")'],
  );
});

Deno.test("unknown devices in a link and a link to itself are rejected", () => {
  assert.deepEqual(
    problems((d) => {
      d.links[0]!.target = "dsp";
    }),
    ['links[0].target: unknown device "dsp" (devices are "cpu", "npu")'],
  );
  assert.deepEqual(
    problems((d) => {
      d.links[0]!.target = "cpu";
    }),
    ['links[0]: a link from device "cpu" to itself is not allowed'],
  );
});

Deno.test("duplicate device and stage names are rejected", () => {
  assert.deepEqual(
    problems((d) => {
      d.devices.push({ name: "cpu", memory_mb: 1 });
      d.stages[1]!.name = "a";
    }),
    ['devices[2].name: duplicate device name "cpu"', 'stages[1].name: duplicate stage name "a"'],
  );
});

Deno.test("negative, NaN and infinite numbers are rejected with the value seen", () => {
  assert.deepEqual(
    problems((d) => {
      d.stages[0]!.profiles.npu!.latency_ms = -1;
      d.stages[0]!.profiles.cpu!.energy_mj = NaN;
      d.devices[1]!.memory_mb = Infinity;
    }),
    [
      "devices[1].memory_mb: must be a finite number (memory budget in MB), got Infinity",
      "stages[0].profiles.cpu.energy_mj: must be a finite number (millijoules per run), got NaN",
      "stages[0].profiles.npu.latency_ms: must be zero or more (milliseconds per run), got -1",
    ],
  );
});

Deno.test("YAML .nan and .inf are rejected like any non-finite number", () => {
  const yaml = `name: t
devices: [{name: cpu, memory_mb: .inf}]
stages:
  - name: a
    profiles: {cpu: {latency_ms: .nan, energy_mj: 1, memory_mb: 1}}
`;
  assert.throws(() => parseScenario(parseDocumentText(yaml, "s.yaml"), "s.yaml"), {
    name: "InputError",
    message: [
      "s.yaml: 2 problems",
      "  devices[0].memory_mb: must be a finite number (memory budget in MB), got Infinity",
      "  stages[0].profiles.cpu.latency_ms: must be a finite number (milliseconds per run), got NaN",
    ].join("\n"),
  });
});

Deno.test("a stage with no profiles is rejected", () => {
  assert.deepEqual(
    problems((d) => {
      d.stages[1]!.profiles = {} as never;
    }),
    ["stages[1].profiles: must give a profile for at least one device"],
  );
});

Deno.test("unknown keys are rejected with the nearest valid key", () => {
  assert.deepEqual(
    problems((d) => {
      (d.devices[0] as Record<string, unknown>).memroy_mb = 3;
      (d.stages[0]!.profiles.cpu as Record<string, unknown>).latncy_ms = 3;
      d.constraint = {};
      d.zzz = 1;
    }),
    [
      'devices[0].memroy_mb: unknown key (did you mean "memory_mb"?)',
      'stages[0].profiles.cpu.latncy_ms: unknown key (did you mean "latency_ms"?)',
      'constraint: unknown key (did you mean "constraints"?)',
      "zzz: unknown key (expected one of: name, description, devices, links, stages, constraints)",
    ],
  );
});

Deno.test("missing required fields and wrong types are reported", () => {
  assert.deepEqual(
    problems((d) => {
      delete (d as Partial<Doc>).name;
      (d.devices[0] as Record<string, unknown>).memory_mb = "lots";
      d.stages = [];
    }),
    [
      "name: is required",
      'devices[0].memory_mb: must be a finite number (memory budget in MB), got "lots"',
      "stages: must list at least one stage, got a list of 0",
    ],
  );
});

Deno.test("malformed JSON is reported with line and column", () => {
  assert.throws(() => parseDocumentText('{\n  "name": "x",\n  "devices": [\n}', "bad.json"), {
    name: "InputError",
    message: /^bad\.json: invalid JSON at line 4, column 1: /,
  });
});

Deno.test("malformed YAML is reported with line and column", () => {
  assert.throws(() => parseDocumentText("name: x\ndevices: [\n  - a\n", "bad.yaml"), {
    name: "InputError",
    message: /^bad\.yaml: invalid YAML at line \d+, column \d+: /,
  });
});
