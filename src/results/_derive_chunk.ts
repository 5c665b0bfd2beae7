import { CsvWriter } from "./_csv_writer.ts";
import { LineReader } from "./_line_reader.ts";
import { formatCell } from "./format_cell.ts";
import { formatCsv } from "./format_csv.ts";
import type { PlanRecord, RunRecord } from "./run_record.ts";

/** What a chunk of the derived CSVs needs: where its lines are and what columns to write. */
export interface ChunkJob {
  chunk: number;
  runFiles: string[];
  /** Part files to write (no header). */
  configsPart: string;
  plansPart: string;
  /** The chunk's configurations, in index order, and where their lines are. */
  file: Uint16Array;
  offset: Float64Array;
  length: Uint32Array;
  /** 1 for configurations on a Pareto front. */
  onFront: Uint8Array;
  axes: string[];
  devices: string[];
}

/**
 * Writes the configs and plans rows of a chunk of configurations to part files.
 *
 * @returns Byte offset and length in the configs part of each front row, in index order.
 */
export async function deriveChunk(job: ChunkJob): Promise<Float64Array> {
  const configs = await CsvWriter.create(job.configsPart, []);
  const plans = await CsvWriter.create(job.plansPart, []);
  const reader = new LineReader(job.runFiles);
  const cache = new Map<string, PlanCells>();
  const front: number[] = [];
  try {
    for (let k = 0; k < job.offset.length; k++) {
      const line = await reader.read(job.file[k]!, job.offset[k]!, job.length[k]!);
      // The plans are most of a line and often repeat (same answer under other caps): parse and
      // format each distinct plans text once. `,"plans":` and `,"reason":` cannot occur inside
      // JSON strings (their quotes would be escaped), so the cut is exact.
      const p = line.indexOf(',"plans":');
      const r = line.lastIndexOf(',"reason":');
      let record: Omit<RunRecord, "plans">;
      let cells: PlanCells;
      if (p > 0 && r > p) {
        record = JSON.parse(line.slice(0, p) + line.slice(r)) as Omit<RunRecord, "plans">;
        const text = line.slice(p + 9, r);
        let cached = cache.get(text);
        if (!cached) {
          cached = planCells(JSON.parse(text) as PlanRecord[], job.devices);
          if (cache.size >= 1024) cache.clear();
          cache.set(text, cached);
        }
        cells = cached;
      } else {
        const full = JSON.parse(line) as RunRecord;
        record = full;
        cells = planCells(full.plans, job.devices);
      }
      const at = await configs.add(configRow(record, job, cells, job.onFront[k] === 1));
      if (job.onFront[k]) front.push(at.offset, at.length);
      if (cells.rows.length > 0) {
        const prefix = `${formatCell(record.index)},${record.id},`;
        let text = "";
        for (const row of cells.rows) text += prefix + row;
        await plans.addText(
          text,
          NON_ASCII.test(prefix) ? undefined : prefix.length * cells.rows.length + cells.rowsBytes,
        );
      }
    }
    await configs.commit();
    await plans.commit();
  } catch (error) {
    await configs.abort();
    await plans.abort();
    throw error;
  } finally {
    reader.close();
  }
  return Float64Array.from(front);
}

/** The formatted cells of a configuration's plans. */
interface PlanCells {
  /** Rank-1 cells of configs.csv: latency, energy, score, switches, device path, memory... */
  best: string[];
  /** plans.csv lines without their leading `index,id,` (each ends with a newline). */
  rows: string[];
  /** UTF-8 length of the rows together. */
  rowsBytes: number;
}

const NON_ASCII = /[^ -~\t\n\r]/;
const encoder = new TextEncoder();

function planCells(plans: readonly PlanRecord[], devices: readonly string[]): PlanCells {
  const best = plans[0];
  const rows: string[] = [];
  for (const plan of plans) {
    const head = [
      formatCell(plan.rank),
      formatCell(plan.score),
      formatCell(plan.latency_ms),
      formatCell(plan.energy_mj),
      formatCell(plan.switches),
    ];
    for (let s = 0; s < plan.stages.length; s++) {
      const st = plan.stages[s]!;
      rows.push(formatCsv([[
        ...head,
        formatCell(s),
        st.stage_name,
        st.device_name,
        formatCell(st.execution_latency_ms),
        formatCell(st.transfer_latency_ms),
        formatCell(st.execution_energy_mj),
        formatCell(st.transfer_energy_mj),
        formatCell(st.memory_mb),
      ]]));
    }
  }
  return {
    best: [
      formatCell(best?.latency_ms),
      formatCell(best?.energy_mj),
      formatCell(best?.score),
      formatCell(best?.switches),
      best ? best.devices.join(" ") : "",
      ...devices.map((d) => formatCell(best?.memory_by_device[d])),
    ],
    rows,
    rowsBytes: rows.reduce(
      (sum, row) => sum + (NON_ASCII.test(row) ? encoder.encode(row).length : row.length),
      0,
    ),
  };
}

function configRow(
  record: Omit<RunRecord, "plans">,
  job: ChunkJob,
  cells: PlanCells,
  isPareto: boolean,
): string[] {
  return [
    formatCell(record.index),
    record.id,
    ...job.axes.map((a) => formatCell(record.params[a])),
    record.status,
    ...cells.best,
    formatCell(record.strategy),
    formatCell(record.optimal),
    formatCell(record.gap),
    formatCell(record.solve_ms),
    record.group,
    isPareto ? "true" : "false",
    formatCell(record.lower_bound),
    formatCell(record.reason),
    formatCell(record.error),
    formatCell(record.caps?.max_total_latency_ms),
    formatCell(record.caps?.max_total_energy_mj),
  ];
}
