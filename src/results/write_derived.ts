import { join } from "node:path";
import { CsvWriter } from "./_csv_writer.ts";
import { LineReader } from "./_line_reader.ts";
import { formatCell } from "./format_cell.ts";
import { paretoFront } from "./pareto_front.ts";
import type { RunRecord } from "./run_record.ts";
import type { RunsIndex } from "./scan_runs.ts";

/** What the CSV layout depends on: the axes (one column each) and the devices. */
export interface DerivedLayout {
  axes: ReadonlyArray<{ name: string }>;
  devices: readonly string[];
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
 * import { configColumns } from "./write_derived.ts";
 * const columns = configColumns({ axes: [{ name: "goal" }], devices: ["cpu"] });
 * console.assert(columns.slice(0, 4).join() === "index,id,goal,status");
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
  ];
}

/**
 * Writes `configs.csv`, `plans.csv` and `pareto.csv` from scanned `runs.jsonl` files, in index
 * order, each atomically. Every line is read and parsed once; memory stays flat (typed arrays
 * from the scan plus one CSV buffer).
 *
 * @param dir The results folder.
 * @param runFiles The scanned files, in the order given to `scanRuns`.
 * @param scan What `scanRuns` found in them.
 * @param layout Axes and devices, for the columns.
 * @returns The files written.
 */
export async function writeDerived(
  dir: string,
  runFiles: readonly string[],
  scan: RunsIndex,
  layout: DerivedLayout,
): Promise<DerivedFiles> {
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

  const files: DerivedFiles = {
    configs: join(dir, "configs.csv"),
    plans: join(dir, "plans.csv"),
    pareto: join(dir, "pareto.csv"),
    paretoCount: front.length,
  };
  const header = configColumns(layout);
  const configs = await CsvWriter.create(files.configs, header);
  const plans = await CsvWriter.create(files.plans, PLANS_COLUMNS);
  const pareto = await CsvWriter.create(files.pareto, header);
  const reader = new LineReader(runFiles);
  const paretoRows = new Map<number, string[]>();
  try {
    for (let i = 0; i < size; i++) {
      if (status[i] === 0) continue;
      const record = JSON.parse(
        await reader.read(scan.file[i]!, scan.offset[i]!, scan.length[i]!),
      ) as RunRecord;
      const row = configRow(record, layout, onFront[i] === 1);
      await configs.add(row);
      if (onFront[i]) paretoRows.set(i, row);
      for (const plan of record.plans) {
        const head = [
          formatCell(record.index),
          record.id,
          formatCell(plan.rank),
          formatCell(plan.score),
          formatCell(plan.latency_ms),
          formatCell(plan.energy_mj),
          formatCell(plan.switches),
        ];
        for (let s = 0; s < plan.stages.length; s++) {
          const st = plan.stages[s]!;
          await plans.add([
            ...head,
            formatCell(s),
            st.stage_name,
            st.device_name,
            formatCell(st.execution_latency_ms),
            formatCell(st.transfer_latency_ms),
            formatCell(st.execution_energy_mj),
            formatCell(st.transfer_energy_mj),
            formatCell(st.memory_mb),
          ]);
        }
      }
    }
    for (const i of front) await pareto.add(paretoRows.get(i)!);
    await configs.commit();
    await plans.commit();
    await pareto.commit();
  } catch (error) {
    await configs.abort();
    await plans.abort();
    await pareto.abort();
    throw error;
  } finally {
    reader.close();
  }
  return files;
}

function configRow(record: RunRecord, layout: DerivedLayout, isPareto: boolean): string[] {
  const best = record.plans[0];
  return [
    formatCell(record.index),
    record.id,
    ...layout.axes.map((a) => formatCell(record.params[a.name])),
    record.status,
    formatCell(best?.latency_ms),
    formatCell(best?.energy_mj),
    formatCell(best?.score),
    formatCell(best?.switches),
    best ? best.devices.join(" ") : "",
    ...layout.devices.map((d) => formatCell(best?.memory_by_device[d])),
    formatCell(record.strategy),
    formatCell(record.optimal),
    formatCell(record.gap),
    formatCell(record.solve_ms),
    record.group,
    isPareto ? "true" : "false",
    formatCell(record.lower_bound),
    formatCell(record.reason),
    formatCell(record.error),
  ];
}
