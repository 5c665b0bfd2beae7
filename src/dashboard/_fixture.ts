/**
 * Test and benchmark support: writes a synthetic results folder that follows
 * docs/RESULTS_FORMAT.md (manifest.json, runs.jsonl, configs.csv, plans.csv, pareto.csv and,
 * optionally, fronts.csv).
 * Plans come from a tiny exhaustive search over a 7-stage, 3-device pipeline, so the numbers are
 * consistent with each other (totals, switches, memory, caps, Pareto flags). One scenario and one
 * stage are named `<script>alert(1)</script>` to test escaping.
 *
 * @module
 */
import { stringify } from "csv-stringify/sync";
import { join } from "node:path";
import { FRONTS_COLUMNS } from "../results/fronts_columns.ts";
import { PLANS_COLUMNS } from "../results/write_derived.ts";
import {
  baseStages,
  devicesFor,
  GOALS,
  hashId,
  type Placement,
  placements,
  PROFILES,
  round,
} from "./_fixture_model.ts";

/** The hostile name used for one scenario and one stage. */
export const HOSTILE_NAME = "<script>alert(1)</script>";

/** Options of {@linkcode writeFixture}. */
export interface FixtureOptions {
  /** Number of configurations in the sweep. @default 288 */
  configs?: number;
  /** Manifest status; `running` writes only `written` records and no CSV files. @default "complete" */
  status?: "running" | "complete" | "interrupted";
  /** Records written so far (running sweeps). @default configs */
  written?: number;
  /** Ranked plans kept per configuration. @default 3 */
  topK?: number;
  /** Whether to write the `memory_budget_by_device` optional key. @default true */
  budgets?: boolean;
  /** When the sweep started (updated_at and finished_at follow it). @default 2026-11-26T12:00:00Z */
  startedAt?: Date;
  /** Whether to write fronts.csv, the exact front of every scenario x profile. @default false */
  fronts?: boolean;
  /** Groups whose front fronts.csv says is not proven (`proven` false). @default [] */
  unprovenFronts?: readonly string[];
}

interface Row {
  index: number;
  id: string;
  params: Record<string, string | number | null>;
  record: Record<string, unknown>;
}

/**
 * Writes a results folder `dir/name` for a synthetic sweep.
 *
 * @param dir The results root.
 * @param name The sweep (folder) name.
 * @param options Size and state of the sweep.
 * @returns The path of the sweep folder.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { writeFixture } from "./_fixture.ts";
 * const root = await Deno.makeTempDir();
 * const path = await writeFixture(root, "small", { configs: 10 });
 * assert((await Deno.stat(`${path}/configs.csv`)).isFile);
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export async function writeFixture(
  dir: string,
  name: string,
  options: FixtureOptions = {},
): Promise<string> {
  const { configs = 288, status = "complete", topK = 3, budgets = true } = options;
  const written = Math.min(options.written ?? configs, configs);
  if (!Number.isInteger(configs) || configs < 1) {
    throw new RangeError(
      `Cannot write fixture as 'configs' must be >= 1: current value is ${configs}`,
    );
  }
  const scenarios = ["mobile_vision_stack", HOSTILE_NAME];
  const energyCaps = [28, 32, 36, null];
  const perCap = scenarios.length * PROFILES.length * 3 * energyCaps.length;
  const capCount = Math.max(3, Math.ceil(configs / perCap));
  const latencyCaps = Array.from(
    { length: capCount },
    (_, i) => round(20 + (20 * i) / (capCount - 1), 3),
  );
  const axes = [
    { name: "scenario", values: scenarios },
    { name: "device_profile", values: PROFILES },
    { name: "goal", values: Object.keys(GOALS) },
    { name: "max_total_latency_ms", values: latencyCaps },
    { name: "max_total_energy_mj", values: energyCaps },
  ];
  const path = join(dir, name);
  await Deno.mkdir(path, { recursive: true });

  const cache = new Map<
    string,
    { all: Placement[]; l0: number; e0: number; sorted: Map<string, Placement[]> }
  >();
  const space = (scenario: string, profile: string) => {
    const key = `${scenario}|${profile}`;
    let entry = cache.get(key);
    if (!entry) {
      const stages = scenario === HOSTILE_NAME
        ? baseStages(HOSTILE_NAME, 1.3)
        : baseStages("overlay_render", 1);
      const all = placements(stages, profile);
      const l0 = stages.reduce(
        (s, st) => s + Math.min(...Object.values(st.costs).map((c) => c.lat)),
        0,
      );
      const e0 = stages.reduce(
        (s, st) => s + Math.min(...Object.values(st.costs).map((c) => c.en)),
        0,
      );
      entry = { all, l0, e0, sorted: new Map() };
      cache.set(key, entry);
    }
    return entry;
  };

  const devicesAll = ["cpu", "gpu", "npu"];
  const runs = await Deno.open(join(path, "runs.jsonl"), {
    write: true,
    create: true,
    truncate: true,
  });
  const rows: Row[] = [];
  const encoder = new TextEncoder();
  let chunk: string[] = [];
  const counts = { ok: 0, infeasible: 0, error: 0, pending: configs - written };
  for (let index = 0; index < written; index++) {
    let rest = index;
    const digits: number[] = [];
    // Least significant first: scenario, profile, goal, energy cap, then latency cap.
    for (const a of [0, 1, 2, 4, 3]) {
      const n = axes[a]!.values.length;
      digits[a] = rest % n;
      rest = Math.floor(rest / n);
    }
    const params = Object.fromEntries(
      axes.map((axis, a) => [axis.name, axis.values[digits[a]!] as string | number | null]),
    );
    const scenario = String(params.scenario), profile = String(params.device_profile);
    const goal = String(params.goal);
    const latCap = params.max_total_latency_ms as number;
    const enCap = params.max_total_energy_mj as number | null;
    const id = hashId(JSON.stringify(params));
    const s = space(scenario, profile);
    let ranked = s.sorted.get(goal);
    const [wl, we, ws] = GOALS[goal]!;
    const score = (p: Placement) => wl * p.lat / s.l0 + we * p.en / s.e0 + ws * p.switches;
    if (!ranked) {
      ranked = [...s.all].sort((a, b) => score(a) - score(b) || a.lat - b.lat || a.en - b.en);
      s.sorted.set(goal, ranked);
    }
    const plans: Record<string, unknown>[] = [];
    for (const p of ranked) {
      if (p.lat > latCap || (enCap !== null && p.en > enCap)) continue;
      plans.push({
        rank: plans.length + 1,
        score: round(score(p), 6),
        latency_ms: round(p.lat),
        energy_mj: round(p.en),
        switches: p.switches,
        devices: p.devices,
        memory_by_device: p.mem,
        stages: p.stages,
      });
      if (plans.length === topK) break;
    }
    const faulty = index % 997 === 996;
    const st = faulty ? "error" : plans.length > 0 ? "ok" : "infeasible";
    counts[st]++;
    const best = ranked[0];
    const budget = Object.fromEntries(devicesFor(profile).map((d) => [d.name, d.memory]));
    const record: Record<string, unknown> = {
      id,
      index,
      status: st,
      params,
      strategy: "exact",
      optimal: st === "ok",
      lower_bound: st === "ok" ? plans[0]!.score : null,
      gap: st === "ok" ? 0 : null,
      solve_ms: round(0.01 + ((index * 7919) % 113) / 1000, 3),
      plans: st === "ok" ? plans : [],
      reason: st === "infeasible"
        ? `no placement meets max_total_latency_ms=${latCap}` +
          (enCap === null ? "" : ` and max_total_energy_mj=${enCap}`) +
          (best ? ` (fastest: ${round(Math.min(...s.all.map((p) => p.lat)), 2)} ms)` : "")
        : null,
      error: faulty ? "solver worker exited unexpectedly (fixture-injected fault)" : null,
    };
    if (budgets) record.memory_budget_by_device = budget;
    rows.push({ index, id, params, record });
    chunk.push(JSON.stringify(record));
    if (chunk.length >= 2000) {
      await runs.write(encoder.encode(chunk.join("\n") + "\n"));
      chunk = [];
    }
  }
  if (chunk.length) await runs.write(encoder.encode(chunk.join("\n") + "\n"));
  runs.close();

  const now = options.startedAt ?? new Date("2026-11-26T12:00:00Z");
  const manifest = {
    format: 1,
    name,
    sweep_file: `sweeps/${name}.yaml`,
    sweep_hash: hashId(name).repeat(4),
    scenarios: scenarios.map((n) => ({ path: `scenarios/${n}.json`, name: n, hash: hashId(n) })),
    tool_version: "0.1.0",
    axes,
    config_count: configs,
    shards: { count: 1 },
    status,
    started_at: now.toISOString(),
    updated_at: new Date(now.getTime() + 1000 * written / 100).toISOString(),
    finished_at: status === "complete"
      ? new Date(now.getTime() + 1000 * written / 100).toISOString()
      : null,
    counts,
    command: `deno task sweep sweeps/${name}.yaml`,
  };
  await Deno.writeTextFile(join(path, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  if (status === "running") return path;
  await writeCsvs(path, axes.map((a) => a.name), devicesAll, rows);
  if (options.fronts) {
    const unproven = new Set(options.unprovenFronts ?? []);
    const lines: unknown[][] = [[...FRONTS_COLUMNS]];
    for (const scenario of scenarios) {
      for (const profile of PROFILES) {
        const group = `${scenario}/${profile}`;
        const front = exactFront(space(scenario, profile).all);
        for (const [k, p] of front.entries()) {
          lines.push([
            group,
            scenario,
            profile,
            k + 1,
            round(p.lat),
            round(p.en),
            p.switches,
            p.devices.join(" "),
            String(!unproven.has(group)),
          ]);
        }
      }
    }
    await Deno.writeTextFile(join(path, "fronts.csv"), stringify(lines));
  }
  return path;
}

/** The exact latency/energy front of a list of placements, by increasing latency. */
function exactFront(all: readonly Placement[]): Placement[] {
  const sorted = [...all].sort((a, b) => a.lat - b.lat || a.en - b.en);
  const front: Placement[] = [];
  for (const p of sorted) {
    if (p.en < (front.at(-1)?.en ?? Infinity)) front.push(p);
  }
  return front;
}

async function writeCsvs(path: string, axes: string[], devices: string[], rows: Row[]) {
  // Pareto per group (scenario / device profile) on rank-1 latency and energy.
  const groupOf = (r: Row) => `${r.params.scenario}/${r.params.device_profile}`;
  const best = (r: Row) => (r.record.plans as Record<string, number>[])[0];
  const byGroup = new Map<string, Row[]>();
  for (const r of rows) {
    if (r.record.status !== "ok") continue;
    const g = groupOf(r);
    byGroup.set(g, [...(byGroup.get(g) ?? []), r]);
  }
  const pareto = new Set<number>();
  for (const list of byGroup.values()) {
    const sorted = [...list].sort((a, b) =>
      best(a)!.latency_ms! - best(b)!.latency_ms! || best(a)!.energy_mj! - best(b)!.energy_mj!
    );
    let minEnergy = Infinity;
    const seen = new Set<string>();
    for (const r of sorted) {
      const b = best(r)!;
      const key = `${b.latency_ms}|${b.energy_mj}`;
      if (b.energy_mj! < minEnergy || (seen.has(key))) {
        minEnergy = Math.min(minEnergy, b.energy_mj!);
        seen.add(key);
        pareto.add(r.index);
      }
    }
  }
  const header = [
    "index",
    "id",
    ...axes,
    "status",
    "latency_ms",
    "energy_mj",
    "score",
    "switches",
    "device_path",
    ...devices.map((d) => `mem_${d}_mb`),
    "strategy",
    "optimal",
    "gap",
    "solve_ms",
    "group",
    "is_pareto",
    "lower_bound",
    "reason",
    "error",
  ];
  const cell = (v: unknown) => (v === null || v === undefined ? "" : String(v));
  const configRow = (r: Row) => {
    const rec = r.record;
    const b = best(r) as Record<string, unknown> | undefined;
    const mem = (b?.memory_by_device ?? {}) as Record<string, number>;
    return [
      r.index,
      r.id,
      ...axes.map((a) => cell(r.params[a])),
      rec.status,
      cell(b?.latency_ms),
      cell(b?.energy_mj),
      cell(b?.score),
      cell(b?.switches),
      b ? (b.devices as string[]).join(" ") : "",
      ...devices.map((d) => (b ? cell(mem[d] ?? 0) : "")),
      cell(rec.strategy),
      cell(rec.optimal),
      cell(rec.gap),
      cell(rec.solve_ms),
      groupOf(r),
      String(pareto.has(r.index)),
      cell(rec.lower_bound),
      cell(rec.reason),
      cell(rec.error),
    ];
  };
  const configs = await Deno.open(join(path, "configs.csv"), {
    write: true,
    create: true,
    truncate: true,
  });
  const plans = await Deno.open(join(path, "plans.csv"), {
    write: true,
    create: true,
    truncate: true,
  });
  const enc = new TextEncoder();
  await configs.write(enc.encode(stringify([header])));
  await plans.write(enc.encode(stringify([[...PLANS_COLUMNS]])));
  for (let i = 0; i < rows.length; i += 5000) {
    const slice = rows.slice(i, i + 5000);
    await configs.write(enc.encode(stringify(slice.map(configRow))));
    const planRows: unknown[][] = [];
    for (const r of slice) {
      for (const p of r.record.plans as Record<string, unknown>[]) {
        for (const [k, s] of (p.stages as Record<string, unknown>[]).entries()) {
          planRows.push([
            r.index,
            r.id,
            p.rank,
            p.score,
            p.latency_ms,
            p.energy_mj,
            p.switches,
            k,
            s.stage_name,
            s.device_name,
            s.execution_latency_ms,
            s.transfer_latency_ms,
            s.execution_energy_mj,
            s.transfer_energy_mj,
            s.memory_mb,
          ]);
        }
      }
    }
    await plans.write(enc.encode(stringify(planRows)));
  }
  configs.close();
  plans.close();
  const front = rows.filter((r) => pareto.has(r.index)).sort((a, b) =>
    groupOf(a).localeCompare(groupOf(b)) || best(a)!.latency_ms! - best(b)!.latency_ms!
  );
  await Deno.writeTextFile(join(path, "pareto.csv"), stringify([header, ...front.map(configRow)]));
}
