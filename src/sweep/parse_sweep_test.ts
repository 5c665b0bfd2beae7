import assert from "node:assert/strict";
import { InputError } from "../input/mod.ts";
import { ConfigGrid } from "./config_grid.ts";
import { specOf, throwsWith } from "./_fixtures.ts";

function problems(doc: Record<string, unknown>): string[] {
  try {
    specOf(doc);
  } catch (error) {
    if (error instanceof InputError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  throw new Error("expected an InputError");
}

Deno.test("parseSweep: the grid is the cartesian product, scenario and profile first", () => {
  const spec = specOf({
    name: "t",
    grid: {
      goal: ["latency", "balanced"],
      max_total_latency_ms: { from: 20, to: 30, step: 5 },
      max_total_energy_mj: [30, null],
    },
  });
  assert.deepEqual(spec.axes.map((a) => a.name), [
    "scenario",
    "device_profile",
    "goal",
    "max_total_latency_ms",
    "max_total_energy_mj",
  ]);
  assert.deepEqual(spec.axes[1]!.values, ["as_measured"]);
  const grid = new ConfigGrid(spec);
  assert.deepEqual(grid.size, 2 * 3 * 2);
  assert.deepEqual(grid.count(), 12);
  // Last axis fastest, like itertools.product.
  assert.deepEqual(grid.paramsAt(0).max_total_energy_mj, 30);
  assert.deepEqual(grid.paramsAt(1).max_total_energy_mj, null);
  assert.deepEqual(grid.paramsAt(2).max_total_latency_ms, 25);
  assert.deepEqual(grid.paramsAt(11), {
    scenario: "mobile_vision_stack",
    device_profile: "as_measured",
    goal: "balanced",
    max_total_latency_ms: 30,
    max_total_energy_mj: null,
  });
});

Deno.test("parseSweep: zip groups vary together and their lengths are checked", () => {
  const spec = specOf({
    name: "t",
    grid: {
      goal: ["latency", "balanced"],
      max_total_latency_ms: [20, 30, 40],
      max_total_energy_mj: [25, 35, 45],
    },
    zip: [["max_total_latency_ms", "max_total_energy_mj"]],
  });
  const grid = new ConfigGrid(spec);
  assert.deepEqual(grid.size, 6);
  const pairs = [...grid.indices()].map((i) => {
    const p = grid.paramsAt(i);
    return [p.goal, p.max_total_latency_ms, p.max_total_energy_mj];
  });
  assert.deepEqual(pairs.slice(0, 3), [["latency", 20, 25], ["latency", 30, 35], [
    "latency",
    40,
    45,
  ]]);
  assert.deepEqual(
    problems({
      name: "t",
      grid: { max_total_latency_ms: [20, 30], max_total_energy_mj: [25, 35, 45] },
      zip: [["max_total_latency_ms", "max_total_energy_mj"]],
    }),
    [
      "zip[0]: zipped axes must have the same number of values: max_total_latency_ms has 2, max_total_energy_mj has 3",
    ],
  );
});

Deno.test("parseSweep: exclude rules drop matching combinations and keep stable indices", () => {
  const spec = specOf({
    name: "t",
    device_profiles: { as_measured: {}, no_npu: { remove_devices: ["npu"] } },
    grid: { goal: ["latency", "balanced", "efficiency"], max_total_energy_mj: [30, null] },
    exclude: [{ device_profile: "no_npu", goal: ["latency", "efficiency"] }, {
      max_total_energy_mj: null,
      goal: "balanced",
    }],
  });
  const grid = new ConfigGrid(spec);
  assert.deepEqual(grid.size, 12);
  const kept = [...grid.indices()];
  assert.deepEqual(grid.count(), kept.length);
  assert.deepEqual(kept.length, 12 - 4 - 2); // no_npu x 2 goals x 2 caps, 2 profiles x balanced x null
  for (const i of kept) {
    const p = grid.paramsAt(i);
    assert.deepEqual(p.device_profile === "no_npu" && p.goal !== "balanced", false);
    assert.deepEqual(p.max_total_energy_mj === null && p.goal === "balanced", false);
  }
  // Indices are positions in the full product: the same combination keeps its index.
  const full = new ConfigGrid({ ...spec, exclude: [] });
  for (const i of kept) assert.deepEqual(grid.paramsAt(i), full.paramsAt(i));
});

Deno.test("parseSweep: shards partition the configurations by index % N", () => {
  const spec = specOf({ name: "t", grid: { max_total_latency_ms: { from: 1, to: 23, step: 1 } } });
  const grid = new ConfigGrid(spec);
  const all = [0, 1, 2, 3].flatMap((i) => [...grid.indices({ index: i, count: 4 })]);
  assert.deepEqual(all.sort((a, b) => a - b), [...grid.indices()]);
  assert.deepEqual([...grid.indices({ index: 3, count: 4 })], [3, 7, 11, 15, 19]);
  assert.deepEqual(grid.count({ index: 3, count: 4 }), 5);
  assert.deepEqual(grid.count({ index: 0, count: 4 }), 6);
});

Deno.test("parseSweep: custom weights, memory axes and solver axes", () => {
  const spec = specOf({
    name: "t",
    grid: {
      goal: ["balanced", { name: "frugal", latency: 0.2, energy: 1, switches: 0 }],
      memory_mb: { npu: { from: 1024, to: 4096, factor: 2 } },
      strategy: ["exact", "beam"],
      beam_width: [8, 64],
    },
  });
  assert.deepEqual(spec.axes.map((a) => `${a.name}:${a.values.length}`), [
    "scenario:1",
    "device_profile:1",
    "goal:2",
    "memory_mb.npu:3",
    "strategy:2",
    "beam_width:2",
  ]);
  assert.deepEqual(new ConfigGrid(spec).size, 24);
});

Deno.test("parseSweep: errors name the field path and the problem", () => {
  assert.deepEqual(problems({ name: "t", grid: { max_latency: [1] } }), [
    "grid.max_latency: unknown key (expected one of: device_profile, goal, weights, max_total_latency_ms, max_total_energy_mj, latency_cap_factor, energy_cap_factor, memory_mb, memory_factor, strategy, beam_width, top_k)",
  ]);
  assert.deepEqual(problems({ name: "t", grid: { max_total_latency: [1] } }), [
    'grid.max_total_latency: unknown key (did you mean "max_total_latency_ms"?)',
  ]);
  assert.deepEqual(problems({ name: "t", grid: { goal: [] } }), [
    "grid.goal: is empty: an axis needs at least one value",
  ]);
  assert.deepEqual(
    problems({ name: "t", grid: { max_total_latency_ms: { from: 1, to: 5, step: -1 } } }),
    [
      "grid.max_total_latency_ms: it never reaches its end: step -1 from 1 to 5",
    ],
  );
  assert.deepEqual(problems({ name: "t", grid: { goal: ["fastest"] } }), [
    'grid.goal[0]: unknown goal "fastest" (goals are latency, efficiency, balanced; or give weights {latency, energy, switches})',
  ]);
  assert.deepEqual(problems({ name: "t", grid: { goal: ["balance"] } }), [
    'grid.goal[0]: unknown goal "balance" (did you mean "balanced"?; or give weights {latency, energy, switches})',
  ]);
  assert.deepEqual(problems({ name: "t", grid: { device_profile: ["hot"] } }), [
    'grid.device_profile[0]: unknown device profile "hot" (profiles are as_measured)',
  ]);
  assert.deepEqual(problems({ name: "t", device_profiles: { x: { remove_devices: ["npuu"] } } }), [
    'device_profiles.x.remove_devices[0]: unknown device "npuu" (did you mean "npu"?)',
  ]);
  assert.deepEqual(
    problems({ name: "t", grid: { goal: ["latency"] }, zip: [["goal", "strateg"]] }),
    [
      'zip[0][1]: unknown axis "strateg" (axes are scenario, device_profile, goal)',
      "zip[0]: a zip group needs at least two axes",
    ],
  );
  assert.deepEqual(
    problems({ name: "t", grid: { goal: ["latency"] }, exclude: [{ goal: "balanced" }] }),
    [
      'exclude[0].goal: value "balanced" is not on the axis (values: latency)',
    ],
  );
  assert.deepEqual(problems({ name: "bad name", scenarios: [] }), [
    "name: must be letters, digits, '.', '_' or '-' (it names the results folder), got \"bad name\"",
    "scenarios: must list at least one scenario, got a list of 0",
  ]);
  throwsWith(
    () => specOf({ name: "t", grid: { max_total_energy_mj: "x" } }),
    InputError,
    "grid.max_total_energy_mj: must be a list of values or a range",
  );
});

Deno.test("parseSweep: a cap given both as absolute values and as factors is an error", () => {
  assert.deepEqual(
    problems({
      name: "t",
      grid: {
        max_total_latency_ms: [20, 30],
        latency_cap_factor: [0.9, 1.1],
        max_total_energy_mj: [30],
        energy_cap_factor: { from: 0.8, to: 1.2, step: 0.1 },
      },
    }),
    [
      "grid.latency_cap_factor: cannot be used together with grid.max_total_latency_ms: give this cap either as absolute values or as factors of the scenario's cap, not both",
      "grid.energy_cap_factor: cannot be used together with grid.max_total_energy_mj: give this cap either as absolute values or as factors of the scenario's cap, not both",
    ],
  );
  const spec = specOf({
    name: "t",
    grid: { latency_cap_factor: { from: 0.8, to: 1.2, step: 0.1 } },
  });
  assert.deepEqual(spec.axes[2], { name: "latency_cap_factor", values: [0.8, 0.9, 1, 1.1, 1.2] });
  assert.match(
    problems({ name: "t", grid: { energy_cap_factor: [0, null] } }).join("\n"),
    /^grid\.energy_cap_factor\[0\]: must be a number above zero/,
  );
});

Deno.test("parseSweep: a profile's device takes a memory budget or a memory factor, not both", () => {
  const spec = specOf({
    name: "t",
    device_profiles: {
      small: { devices: { npu: { memory_factor: 0.5 }, gpu: { memory_mb: 512 } } },
      slow: { link_scale: { latency: 3 } },
    },
  });
  assert.deepEqual(spec.profiles.small!.devices, {
    npu: { memory_factor: 0.5 },
    gpu: { memory_mb: 512 },
  });
  assert.deepEqual(spec.profiles.slow!.link_scale, { latency: 3, energy: 1 });
  const both =
    "give exactly one of memory_mb (a budget in MB) or memory_factor (times the budget), got an object";
  assert.deepEqual(
    problems({
      name: "t",
      device_profiles: {
        a: { devices: { npu: { memory_mb: 512, memory_factor: 0.5 } } },
        b: { devices: { npu: {} } },
      },
    }),
    [`device_profiles.a.devices.npu: ${both}`, `device_profiles.b.devices.npu: ${both}`],
  );
});

Deno.test("parseSweep: fronts is off by default, true takes the default limits", () => {
  assert.equal(specOf({ name: "t" }).fronts, null);
  assert.equal(specOf({ name: "t", fronts: false }).fronts, null);
  assert.deepEqual(specOf({ name: "t", fronts: true }).fronts, {
    label_limit: 2_000_000,
    time_limit_ms: 60_000,
  });
  assert.deepEqual(specOf({ name: "t", fronts: { time_limit_ms: 500 } }).fronts, {
    label_limit: 2_000_000,
    time_limit_ms: 500,
  });
  assert.deepEqual(problems({ name: "t", fronts: { label_limit: 0 } }), [
    "fronts.label_limit: must be at least 1, got 0",
  ]);
});

Deno.test("parseSweep: memory_factor is an axis of numbers above zero", () => {
  const spec = specOf({ name: "t", grid: { memory_factor: { from: 0.5, to: 1, step: 0.25 } } });
  assert.deepEqual(spec.axes[2], { name: "memory_factor", values: [0.5, 0.75, 1] });
  assert.match(
    problems({ name: "t", grid: { memory_factor: [1, 0] } }).join("\n"),
    /^grid\.memory_factor\[1\]: must be a number above zero/,
  );
});
