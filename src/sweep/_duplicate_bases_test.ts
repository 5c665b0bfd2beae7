import assert from "node:assert/strict";
import { ConfigGrid } from "./config_grid.ts";
import { DuplicateBases } from "./_duplicate_bases.ts";
import { SMALL_SWEEP, specOf } from "./_fixtures.ts";

Deno.test("DuplicateBases: profiles that resolve to the same scenario follow the first one", () => {
  const grid = new ConfigGrid(specOf({
    name: "dup",
    device_profiles: {
      as_measured: {},
      no_npu: { remove_devices: ["npu"] },
      unchanged: { scale: { gpu: { latency: 1 } } },
      also_unchanged: { devices: { cpu: { memory_mb: 4096 } } },
    },
    grid: { goal: ["latency", "balanced"], max_total_energy_mj: [30, null] },
  }));
  const duplicates = DuplicateBases.of(grid)!;
  assert.ok(duplicates);
  const at = (profile: string, goal: string, cap: number | null) =>
    [...grid.indices()].find((i) => {
      const p = grid.paramsAt(i);
      return p.device_profile === profile && p.goal === goal && p.max_total_energy_mj === cap;
    })!;
  const leader = at("as_measured", "balanced", null);
  assert.equal(duplicates.leaderOf(leader), undefined);
  assert.deepEqual(duplicates.followersOf(leader), [
    at("unchanged", "balanced", null),
    at("also_unchanged", "balanced", null),
  ]);
  assert.equal(duplicates.leaderOf(at("also_unchanged", "balanced", null)), leader);
  assert.equal(duplicates.leaderOf(at("no_npu", "latency", 30)), undefined);
  assert.deepEqual(duplicates.followersOf(at("no_npu", "latency", 30)), []);
});

Deno.test("DuplicateBases: none when every profile changes the scenario", () => {
  assert.equal(DuplicateBases.of(new ConfigGrid(specOf(SMALL_SWEEP))), undefined);
});

Deno.test("DuplicateBases: a memory factor that gives a profile's budgets follows it", () => {
  const grid = new ConfigGrid(specOf({
    name: "dup",
    device_profiles: {
      as_measured: {},
      half: { devices: { cpu: { memory_factor: 0.5 }, gpu: { memory_factor: 0.5 } } },
    },
    grid: { memory_factor: [0.5, 1], memory_mb: { npu: [1536] } },
  }));
  // as_measured x 0.5 (npu 1536) equals half x 1 (npu 1536): cpu 2048, gpu 3072.
  const duplicates = DuplicateBases.of(grid)!;
  assert.ok(duplicates);
  assert.deepEqual(duplicates.followersOf(0), [3]);
  assert.equal(duplicates.leaderOf(3), 0);
  assert.equal(duplicates.leaderOf(1), undefined);
  assert.equal(duplicates.leaderOf(2), undefined);
  assert.deepEqual(grid.paramsAt(3), {
    scenario: "mobile_vision_stack",
    device_profile: "half",
    memory_factor: 1,
    "memory_mb.npu": 1536,
  });
});
