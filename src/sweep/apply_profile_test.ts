import assert from "node:assert/strict";
import { compileProblem } from "../solver/mod.ts";
import { applyProfile } from "./apply_profile.ts";
import { specOf } from "./_fixtures.ts";

const sample = specOf({ name: "t" }).scenarios[0]!.scenario;
const none = { remove_devices: [], devices: {}, scale: {}, links: [] };

Deno.test("applyProfile() removes devices with their links and stage profiles", () => {
  const out = applyProfile(sample, { ...none, remove_devices: ["npu"] });
  assert.ok("scenario" in out);
  assert.deepEqual(out.scenario.devices.map((d) => d.name), ["cpu", "gpu"]);
  assert.deepEqual(out.scenario.links.map((l) => `${l.source}-${l.target}`), ["cpu-gpu"]);
  for (const stage of out.scenario.stages) assert.ok(!("npu" in stage.profiles));
  // The input is unchanged.
  assert.equal(sample.devices.length, 3);
  assert.ok("npu" in sample.stages[1]!.profiles);
});

Deno.test("applyProfile() overrides memory, scales costs and overrides links", () => {
  const out = applyProfile(sample, {
    ...none,
    devices: { npu: { memory_mb: 1536 } },
    scale: { gpu: { latency: 2, energy: 0.5, memory: 1 } },
    links: [{
      source: "npu",
      target: "gpu",
      latency_ms_per_mb: 1,
      energy_mj_per_mb: 2,
      bidirectional: false,
    }],
  }, { memory: { cpu: 1000 } });
  assert.ok("scenario" in out);
  const memory = Object.fromEntries(out.scenario.devices.map((d) => [d.name, d.memory_mb]));
  assert.deepEqual(memory, { cpu: 1000, gpu: 6144, npu: 1536 });
  assert.equal(out.scenario.stages[0]!.profiles.gpu!.latency_ms, 3.1 * 2);
  assert.equal(out.scenario.stages[0]!.profiles.gpu!.energy_mj, 5.4 * 0.5);
  assert.equal(out.scenario.stages[0]!.profiles.cpu!.latency_ms, 5.6);
  // The override wins for npu -> gpu only; gpu -> npu keeps the scenario's link.
  const problem = compileProblem(out.scenario);
  const [gpu, npu] = [1, 2];
  const m = problem.m;
  const into = (i: number, a: number, b: number) => problem.xferLatency[(i * m + a) * m + b]!;
  const data = sample.stages[0]!.output_mb;
  assert.equal(into(1, npu, gpu), 1 * data);
  assert.equal(into(1, gpu, npu), 0.09 * data);
});

Deno.test("applyProfile() reports a stage left with no device", () => {
  const out = applyProfile(sample, { ...none, remove_devices: ["cpu", "gpu"] });
  assert.deepEqual(out, {
    reason: 'stage "frame_decode" has no device left once "cpu", "gpu" removed',
  });
});

Deno.test("applyProfile() scales memory budgets and the scenario's link costs", () => {
  const out = applyProfile(sample, {
    ...none,
    devices: { npu: { memory_factor: 0.5 }, gpu: { memory_mb: 100 } },
    link_scale: { latency: 3, energy: 2 },
    links: [{
      source: "npu",
      target: "gpu",
      latency_ms_per_mb: 1,
      energy_mj_per_mb: 2,
      bidirectional: false,
    }],
  }, { memory: { gpu: 200 } });
  assert.ok("scenario" in out);
  const memory = Object.fromEntries(out.scenario.devices.map((d) => [d.name, d.memory_mb]));
  assert.deepEqual(memory, { cpu: 4096, gpu: 200, npu: 1536 });
  // A memory factor multiplies what the profile leaves; memory budgets still win.
  const scaled = applyProfile(sample, { ...none, devices: { npu: { memory_factor: 0.5 } } }, {
    memory: { gpu: 200 },
    memoryFactor: 0.25,
  });
  assert.ok("scenario" in scaled);
  assert.deepEqual(scaled.scenario.devices.map((d) => d.memory_mb), [1024, 200, 384]);
  const costs = out.scenario.links.map((l) =>
    `${l.source}-${l.target}:${l.latency_ms_per_mb}/${l.energy_mj_per_mb}`
  );
  const original = sample.links.map((l) =>
    `${l.source}-${l.target}:${l.latency_ms_per_mb * 3}/${l.energy_mj_per_mb * 2}`
  );
  // The scenario's links are scaled; the profile's own link is taken as written.
  assert.deepEqual(costs, [...original, "npu-gpu:1/2"]);
});
