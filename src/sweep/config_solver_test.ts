import assert from "node:assert/strict";
import { ConfigSolver } from "./config_solver.ts";
import { SMALL_SWEEP, specOf } from "./_fixtures.ts";

function withoutTime<T extends { solve_ms: number }>(record: T): Omit<T, "solve_ms"> {
  const { solve_ms: _time, ...rest } = record;
  return rest;
}

Deno.test("ConfigSolver: reusing proven results across caps changes nothing", () => {
  const spec = specOf({
    name: "reuse",
    device_profiles: {
      as_measured: {},
      small_npu: { devices: { npu: { memory_mb: 1536 } } },
      hot_gpu: { scale: { gpu: { latency: 1.6, energy: 1.2 } } },
    },
    grid: {
      goal: ["latency", "balanced", "efficiency", { latency: 0.1, energy: 1, switches: 0.5 }],
      top_k: [1, 3, 5],
      max_total_latency_ms: { from: 24, to: 36, step: 0.5 },
      max_total_energy_mj: [30, 31, 32, 33, 34, 36, 40, null],
    },
  });
  const reusing = new ConfigSolver(spec);
  const direct = new ConfigSolver(spec, { reuse: false });
  // Visit in a scrambled order too, so anchors are met in every order.
  const indices = [...reusing.grid.indices()];
  const order = indices.map((_, k) => indices[(k * 7919) % indices.length]!);
  let ok = 0;
  for (const i of [...indices, ...order]) {
    const a = withoutTime(reusing.run(i));
    const b = withoutTime(direct.run(i));
    assert.deepEqual(a, b, `configuration ${i} differs`);
    if (a.status === "ok") ok++;
  }
  assert.ok(ok > indices.length / 2);
});

Deno.test("ConfigSolver: line() is the JSON text of run()", () => {
  const spec = specOf(SMALL_SWEEP);
  const a = new ConfigSolver(spec);
  const b = new ConfigSolver(spec);
  const blank = (text: string) => text.replace(/"solve_ms":[\d.e-]+/, '"solve_ms":0');
  for (const i of a.grid.indices()) {
    const { status, text } = a.line(i);
    const record = b.run(i);
    assert.equal(status, record.status);
    assert.equal(blank(text), blank(JSON.stringify(record)));
  }
});

Deno.test("ConfigSolver: ids hash the resolved content, so identical configurations share one", () => {
  const spec = specOf({
    ...SMALL_SWEEP,
    device_profiles: { as_measured: {}, same: { scale: { gpu: { latency: 1 } } } },
    grid: { goal: ["balanced", { latency: 0.75, energy: 0.75, switches: 0.08 }] },
  });
  const solver = new ConfigSolver(spec);
  const ids = [0, 1, 2, 3].map((i) => solver.run(i).id);
  assert.equal(new Set(ids).size, 1);
  const other = new ConfigSolver(specOf({ ...SMALL_SWEEP, grid: { goal: ["latency"] } }));
  assert.notEqual(other.run(0).id, ids[0]);
  // Stable: a new instance gives the same id.
  assert.equal(new ConfigSolver(spec).run(2).id, ids[0]);
  assert.match(ids[0]!, /^[0-9a-f]{16}$/);
});

Deno.test("ConfigSolver: a profile that leaves a stage with no device is infeasible", () => {
  const spec = specOf({
    name: "t",
    device_profiles: {
      gpu_only: { remove_devices: ["cpu", "npu"] },
      none: { remove_devices: ["cpu", "gpu"] },
    },
    grid: { max_total_energy_mj: [null] },
  });
  const solver = new ConfigSolver(spec);
  assert.equal(solver.run(0).status, "ok");
  assert.deepEqual(solver.run(0).plans[0]!.devices, Array(7).fill("gpu"));
  const none = solver.run(1);
  assert.equal(none.status, "infeasible");
  assert.equal(
    none.reason,
    'device profile "none": stage "frame_decode" has no device left once "cpu", "gpu" removed',
  );
});

Deno.test("ConfigSolver: cap factors multiply the scenario's caps, or its relaxed minimum", () => {
  const sample = specOf({ name: "t" }).scenarios[0]!.scenario;
  assert.deepEqual(sample.constraints, { max_total_latency_ms: 32, max_total_energy_mj: 35 });
  const factors = specOf({
    name: "t",
    device_profiles: { as_measured: {}, hot_gpu: { scale: { gpu: { latency: 1.6 } } } },
    grid: { latency_cap_factor: [0.8, 1.1, null], energy_cap_factor: [0.9, null] },
  });
  const absolute = specOf({
    name: "t",
    device_profiles: { as_measured: {}, hot_gpu: { scale: { gpu: { latency: 1.6 } } } },
    grid: { max_total_latency_ms: [25.6, 35.2, null], max_total_energy_mj: [31.5, null] },
  });
  const a = new ConfigSolver(factors);
  const b = new ConfigSolver(absolute);
  const statuses = new Set<string>();
  for (const i of a.grid.indices()) {
    const x = a.run(i);
    const y = b.run(i);
    assert.equal(x.id, y.id, `configuration ${i}`);
    assert.deepEqual(x.plans, y.plans);
    statuses.add(x.status);
  }
  assert.deepEqual([...statuses].sort(), ["infeasible", "ok"]);

  // Without caps in the scenario, factors multiply the sum of each stage's best profile.
  const uncapped = {
    ...sample,
    constraints: { max_total_latency_ms: null, max_total_energy_mj: null },
  };
  const relaxed = { ...factors, scenarios: [{ ...factors.scenarios[0]!, scenario: uncapped }] };
  const solver = new ConfigSolver(relaxed);
  const l0 = 24.6; // 3.1 + 1.9 + 7.4 + 4.7 + 5.2 + 0.9 + 1.4 (fastest profile per stage)
  const e0 = 28.9;
  const direct = specOf({
    name: "t",
    device_profiles: { as_measured: {}, hot_gpu: { scale: { gpu: { latency: 1.6 } } } },
    grid: {
      max_total_latency_ms: [
        Number((0.8 * l0).toPrecision(12)),
        Number((1.1 * l0).toPrecision(12)),
      ],
      max_total_energy_mj: [Number((0.9 * e0).toPrecision(12))],
    },
  });
  const reference = new ConfigSolver({
    ...direct,
    scenarios: [{ ...direct.scenarios[0]!, scenario: uncapped }],
  });
  // as_measured: factor 1.1 of L0 and 0.9 of E0 (index 2) against absolute caps (index 1).
  assert.equal(solver.run(2).id, reference.run(1).id);
  assert.equal(solver.run(2).status, "infeasible");
  assert.equal(solver.run(0).id, reference.run(0).id);
});

Deno.test("ConfigSolver: the memory_factor axis scales every budget the profile leaves", () => {
  const half = { memory_factor: 0.5 };
  const axis = specOf({
    name: "t",
    device_profiles: { as_measured: {}, small_npu: { devices: { npu: { memory_mb: 1536 } } } },
    grid: { memory_factor: [0.5, 1], max_total_energy_mj: [null] },
  });
  const byProfile = specOf({
    name: "t",
    device_profiles: {
      half: { devices: { cpu: half, gpu: half, npu: half } },
      as_measured: {},
      half_small_npu: { devices: { cpu: half, gpu: half, npu: { memory_mb: 768 } } },
      small_npu: { devices: { npu: { memory_mb: 1536 } } },
    },
    grid: { max_total_energy_mj: [null] },
  });
  const a = new ConfigSolver(axis);
  const b = new ConfigSolver(byProfile);
  const budgets = [];
  for (const i of [0, 1, 2, 3]) {
    const x = a.run(i);
    assert.equal(x.id, b.run(i).id, `configuration ${i}`);
    budgets.push(x.memory_budget_by_device);
  }
  assert.deepEqual(budgets, [
    { cpu: 2048, gpu: 3072, npu: 1536 },
    { cpu: 4096, gpu: 6144, npu: 3072 },
    { cpu: 2048, gpu: 3072, npu: 768 },
    { cpu: 4096, gpu: 6144, npu: 1536 },
  ]);
  // Half the memory changes the best plan (the NPU no longer holds the backbone and heads).
  assert.notDeepEqual(a.run(0).plans[0]!.devices, a.run(1).plans[0]!.devices);
});
