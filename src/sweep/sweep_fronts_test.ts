import assert from "node:assert/strict";
import { parse } from "csv-parse/sync";
import { compileProblem, paretoFront } from "../solver/mod.ts";
import { applyProfile } from "./apply_profile.ts";
import { ConfigSolver } from "./config_solver.ts";
import { FRONTS_COLUMNS } from "../results/fronts_columns.ts";
import { sweepFronts } from "./sweep_fronts.ts";
import { specOf } from "./_fixtures.ts";

const SPEC = specOf({
  name: "fronts",
  device_profiles: {
    as_measured: {},
    no_npu: { remove_devices: ["npu"] },
    small_npu: { devices: { npu: { memory_factor: 0.5 } } },
    nothing: { remove_devices: ["cpu", "gpu", "npu"] },
  },
  // Caps and memory axes do not change the fronts.
  grid: { latency_cap_factor: [0.9, null], memory_mb: { gpu: [512, 1024] } },
});
const LIMITS = { label_limit: 1_000_000, time_limit_ms: 600_000 };

Deno.test("sweepFronts() writes each scenario x profile's exact front, uncapped", () => {
  const result = sweepFronts(SPEC, LIMITS);
  const rows = parse(result.csv, { columns: true }) as Record<string, string>[];
  assert.deepEqual(result.csv.split("\n")[0], FRONTS_COLUMNS.join(","));
  assert.equal(result.pairs, 4);
  assert.equal(result.unproven, 0);
  const scenario = SPEC.scenarios[0]!;
  for (const profile of ["as_measured", "no_npu", "small_npu"]) {
    const mine = rows.filter((r) => r.device_profile === profile);
    const outcome = applyProfile(scenario.scenario, SPEC.profiles[profile]!);
    assert.ok("scenario" in outcome);
    // The other exact method of the solver, on the scenario without caps, as the reference.
    const expected = paretoFront(
      compileProblem({
        ...outcome.scenario,
        constraints: { max_total_latency_ms: null, max_total_energy_mj: null },
      }),
      { method: "epsilon" },
    );
    assert.ok(expected.complete && expected.points.length > 1);
    assert.deepEqual(
      mine.map((r) => [r.point, r.latency_ms, r.energy_mj, r.switches, r.device_path, r.proven]),
      expected.points.map((p, k) => [
        String(k + 1),
        String(Number(p.latency.toPrecision(12))),
        String(Number(p.energy.toPrecision(12))),
        String(p.switches),
        p.devices.join(" "),
        "true",
      ]),
    );
    for (const r of mine) {
      assert.equal(r.group, `mobile_vision_stack/${profile}`);
      assert.equal(r.scenario, "mobile_vision_stack");
    }
  }
  // Below the scenario's own caps (32 ms, 35 mJ) too: the fronts are uncapped.
  const sample = rows.filter((r) => r.device_profile === "as_measured");
  assert.ok(sample.some((r) => Number(r.energy_mj) > 35));
  // Half the NPU memory loses front points that need it.
  assert.notDeepEqual(
    rows.filter((r) => r.device_profile === "small_npu").map((r) => r.device_path),
    sample.map((r) => r.device_path),
  );
  // A profile that leaves a stage with no device: one row without a point.
  assert.deepEqual(
    rows.filter((r) => r.device_profile === "nothing").map((r) => Object.values(r)),
    [["mobile_vision_stack/nothing", "mobile_vision_stack", "nothing", "", "", "", "", "", "true"]],
  );
  assert.equal(result.points, rows.length - 1);
});

Deno.test("sweepFronts() says when a front is not proven, and checks its limits", () => {
  const result = sweepFronts(SPEC, { label_limit: 2, time_limit_ms: 600_000 });
  const rows = parse(result.csv, { columns: true }) as Record<string, string>[];
  assert.equal(result.unproven, 3);
  assert.deepEqual(
    [...new Set(rows.filter((r) => r.device_profile !== "nothing").map((r) => r.proven))],
    ["false"],
  );
  assert.throws(
    () => sweepFronts(SPEC, { label_limit: 0, time_limit_ms: 1 }),
    new RangeError(
      `Cannot compute the fronts of sweep "fronts" as 'label_limit' must be a positive integer: current value is 0`,
    ),
  );
});

Deno.test("sweepFronts(): a configuration is feasible exactly when a front point meets its caps", () => {
  const spec = specOf({
    name: "agree",
    device_profiles: {
      as_measured: {},
      small_npu: { devices: { npu: { memory_factor: 0.5 } } },
      slow: { link_scale: { latency: 4, energy: 3 } },
    },
    grid: {
      goal: ["latency", "efficiency"],
      latency_cap_factor: [0.75, 0.8, 0.85, 0.9, 1, null],
      energy_cap_factor: [0.8, 0.85, 0.9, 0.95, 1, null],
    },
  });
  const rows = parse(sweepFronts(spec, LIMITS).csv, { columns: true }) as Record<string, string>[];
  const solver = new ConfigSolver(spec);
  const seen = { ok: 0, infeasible: 0 };
  for (const i of solver.grid.indices()) {
    const record = solver.run(i);
    const latency = record.caps!.max_total_latency_ms ?? Infinity;
    const energy = record.caps!.max_total_energy_mj ?? Infinity;
    const reachable = rows.some((r) =>
      r.group === record.group && Number(r.latency_ms) <= latency && Number(r.energy_mj) <= energy
    );
    assert.equal(reachable, record.status === "ok", `configuration ${i}`);
    seen[record.status as "ok" | "infeasible"]++;
  }
  assert.ok(seen.ok > 20 && seen.infeasible > 20, JSON.stringify(seen));
});
