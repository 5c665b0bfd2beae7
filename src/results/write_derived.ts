import { join } from "node:path";
import { CsvWriter } from "./_csv_writer.ts";
import { type ChunkJob, deriveChunk } from "./_derive_chunk.ts";
import { LineReader } from "./_line_reader.ts";
import type { FromDeriveWorker, ToDeriveWorker } from "./derive_worker.ts";
import { paretoFront } from "./pareto_front.ts";
import type { RunsIndex } from "./scan_runs.ts";

/** What the CSV layout depends on: the axes (one column each) and the devices. */
export interface DerivedLayout {
  axes: ReadonlyArray<{ name: string }>;
  devices: readonly string[];
}

/** Options of {@linkcode writeDerived}. */
export interface DeriveOptions {
  /** Workers formatting chunks in parallel. @default navigator.hardwareConcurrency */
  workers?: number;
}

/** What {@linkcode writeDerived} wrote. */
export interface DerivedFiles {
  configs: string;
  plans: string;
  pareto: string;
  /** Configurations on a Pareto front. */
  paretoCount: number;
}

/** Columns of `plans.csv`. */
export const PLANS_COLUMNS: readonly string[] = [
  "index",
  "id",
  "rank",
  "score",
  "latency_ms",
  "energy_mj",
  "switches",
  "stage_index",
  "stage_name",
  "device",
  "execution_latency_ms",
  "transfer_latency_ms",
  "execution_energy_mj",
  "transfer_energy_mj",
  "memory_mb",
];

/**
 * The columns of `configs.csv` and `pareto.csv` for a layout.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configColumns } from "./write_derived.ts";
 * const columns = configColumns({ axes: [{ name: "goal" }], devices: ["cpu"] });
 * assert(columns.slice(0, 4).join() === "index,id,goal,status");
 * ```
 */
export function configColumns(layout: DerivedLayout): string[] {
  return [
    "index",
    "id",
    ...layout.axes.map((a) => a.name),
    "status",
    "latency_ms",
    "energy_mj",
    "score",
    "switches",
    "device_path",
    ...layout.devices.map((d) => `mem_${d}_mb`),
    "strategy",
    "optimal",
    "gap",
    "solve_ms",
    "group",
    "is_pareto",
    "lower_bound",
    "reason",
    "error",
    "latency_cap_ms",
    "energy_cap_mj",
  ];
}

/**
 * Writes `configs.csv`, `plans.csv` and `pareto.csv` from scanned `runs.jsonl` files, in index
 * order, each atomically. Every line is read and parsed once, in chunks formatted by workers
 * into part files that are then concatenated; memory stays flat (typed arrays from the scan,
 * one buffer per chunk).
 *
 * @param dir The results folder.
 * @param runFiles The scanned files, in the order given to `scanRuns`.
 * @param scan What `scanRuns` found in them.
 * @param layout Axes and devices, for the columns.
 * @param options Workers that format chunks in parallel (the output does not depend on them).
 * @returns The files written.
 *
 * @example Rebuilding the CSV files of a results folder from its runs.jsonl
 * ```ts
 * import assert from "node:assert/strict";
 * import { scanRuns } from "./scan_runs.ts";
 * import { writeDerived } from "./write_derived.ts";
 * import { loadSweep } from "../sweep/load_sweep.ts";
 * import { runSweep } from "../sweep/run_sweep.ts";
 * import { ConfigGrid } from "../sweep/config_grid.ts";
 * const out = await Deno.makeTempDir();
 * const spec = await loadSweep("sweeps/budgets.yaml");
 * const { runs, progress } = await runSweep(spec, { out, workers: 1 });
 * const scan = await scanRuns([runs], new ConfigGrid(spec).size);
 * const files = await writeDerived(out, [runs], scan, spec, { workers: 1 });
 * const rows = Deno.readTextFileSync(files.configs).trim().split("\n").length - 1;
 * assert.equal(rows, progress.total);
 * ```
 */
export async function writeDerived(
  dir: string,
  runFiles: readonly string[],
  scan: RunsIndex,
  layout: DerivedLayout,
  options: DeriveOptions = {},
): Promise<DerivedFiles> {
  const { workers = navigator.hardwareConcurrency } = options;
  const { size, status } = scan;
  // Group numbers in name order, so the output does not depend on the order of the lines.
  const byName = scan.groups.map((_, g) => g).sort((a, b) =>
    scan.groups[a]! < scan.groups[b]! ? -1 : scan.groups[a]! > scan.groups[b]! ? 1 : 0
  );
  const rankOf = new Int32Array(scan.groups.length);
  byName.forEach((g, rank) => rankOf[g] = rank);
  const group = new Int32Array(size);
  const candidates: number[] = [];
  for (let i = 0; i < size; i++) {
    if (status[i] === 0) continue;
    group[i] = rankOf[scan.group[i]!]!;
    if (status[i] === 1 && Number.isFinite(scan.latency[i]) && Number.isFinite(scan.energy[i])) {
      candidates.push(i);
    }
  }
  const front = paretoFront(candidates, scan.latency, scan.energy, group);
  const onFront = new Uint8Array(size);
  for (const i of front) onFront[i] = 1;

  await removeLeftovers(dir);
  const files: DerivedFiles = {
    configs: join(dir, "configs.csv"),
    plans: join(dir, "plans.csv"),
    pareto: join(dir, "pareto.csv"),
    paretoCount: front.length,
  };

  // Chunks of about equal numbers of lines, written to part files in parallel.
  const present: number[] = [];
  for (let i = 0; i < size; i++) if (status[i] !== 0) present.push(i);
  const chunkCount = present.length < 4096 ? 1 : Math.min(64, workers * 4);
  const per = Math.ceil(present.length / chunkCount) || 1;
  const jobs: ChunkJob[] = [];
  const chunkOf = new Int32Array(size).fill(-1);
  for (let c = 0; c * per < present.length || c === 0; c++) {
    const members = present.slice(c * per, (c + 1) * per);
    for (const i of members) chunkOf[i] = c;
    jobs.push({
      chunk: c,
      runFiles: [...runFiles],
      configsPart: join(dir, `.configs.csv.part-${c}`),
      plansPart: join(dir, `.plans.csv.part-${c}`),
      file: Uint16Array.from(members, (i) => scan.file[i]!),
      offset: Float64Array.from(members, (i) => scan.offset[i]!),
      length: Uint32Array.from(members, (i) => scan.length[i]!),
      onFront: Uint8Array.from(members, (i) => onFront[i]!),
      axes: layout.axes.map((a) => a.name),
      devices: [...layout.devices],
    });
  }
  const fronts = new Array<Float64Array>(jobs.length);
  try {
    if (jobs.length === 1 || workers === 1) {
      for (const job of jobs) fronts[job.chunk] = await deriveChunk(job);
    } else {
      await runDeriveWorkers(jobs, Math.min(workers, jobs.length), fronts);
    }
    // Where each front row sits in its configs part, to copy them to pareto.csv in front order.
    const rowOffset = new Float64Array(size);
    const rowLength = new Uint32Array(size);
    for (const job of jobs) {
      const pairs = fronts[job.chunk]!;
      let k = 0;
      for (let m = 0; m < job.onFront.length; m++) {
        if (!job.onFront[m]) continue;
        const i = present[job.chunk * per + m]!;
        rowOffset[i] = pairs[k++]!;
        rowLength[i] = pairs[k++]!;
      }
    }
    const header = configColumns(layout);
    const pareto = await CsvWriter.create(files.pareto, header);
    const parts = new LineReader(jobs.map((j) => j.configsPart), 1 << 16);
    try {
      for (const i of front) {
        await pareto.addText(await parts.read(chunkOf[i]!, rowOffset[i]!, rowLength[i]!));
      }
    } finally {
      parts.close();
    }
    const configs = await CsvWriter.create(files.configs, header);
    await configs.addFiles(jobs.map((j) => j.configsPart));
    const plans = await CsvWriter.create(files.plans, PLANS_COLUMNS);
    await plans.addFiles(jobs.map((j) => j.plansPart));
    await configs.commit();
    await plans.commit();
    await pareto.commit();
  } finally {
    for (const job of jobs) {
      await Deno.remove(job.configsPart).catch(() => {});
      await Deno.remove(job.plansPart).catch(() => {});
    }
  }
  return files;
}

/** Removes temporary and part files that a run killed while writing its CSVs left behind. */
async function removeLeftovers(dir: string): Promise<void> {
  const leftover =
    /^(?:(?:configs|plans|pareto)\.csv\.tmp-\d+-\w+|\.(?:configs|plans)\.csv\.part-\d+(?:\.tmp-\d+-\w+)?|(?:manifest\.json|fronts\.csv)\.tmp-\d+)$/;
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isFile && leftover.test(entry.name)) {
      await Deno.remove(join(dir, entry.name)).catch(() => {});
    }
  }
}

function runDeriveWorkers(
  jobs: ChunkJob[],
  count: number,
  fronts: Float64Array[],
): Promise<void> {
  return new Promise((resolve, reject) => {
    const queue = [...jobs];
    const workers: Worker[] = [];
    let done = 0;
    let failed = false;
    const stop = () => workers.forEach((w) => w.terminate());
    const next = (worker: Worker) => {
      const job = queue.shift();
      if (job) worker.postMessage({ type: "derive", job } satisfies ToDeriveWorker);
    };
    for (let w = 0; w < count; w++) {
      const worker = new Worker(new URL("./derive_worker.ts", import.meta.url).href, {
        type: "module",
      });
      workers.push(worker);
      worker.onmessage = (event: MessageEvent<FromDeriveWorker>) => {
        const message = event.data;
        if (failed) return;
        if (message.type === "error") {
          failed = true;
          stop();
          reject(new Error(`writing derived CSV files failed: ${message.message}`));
          return;
        }
        fronts[message.chunk] = message.front;
        if (++done === jobs.length) {
          stop();
          resolve();
        } else next(worker);
      };
      worker.onerror = (event: ErrorEvent) => {
        event.preventDefault();
        if (failed) return;
        failed = true;
        stop();
        reject(new Error(`a derive worker died: ${event.message}`));
      };
      next(worker);
    }
  });
}
