import { CsvWriter } from "./_csv_writer.ts";
import { LineReader } from "./_line_reader.ts";
import { formatCell } from "./format_cell.ts";
import type { RunRecord } from "./run_record.ts";

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
  const front: number[] = [];
  try {
    for (let k = 0; k < job.offset.length; k++) {
      const record = JSON.parse(
        await reader.read(job.file[k]!, job.offset[k]!, job.length[k]!),
      ) as RunRecord;
      const at = await configs.add(configRow(record, job, job.onFront[k] === 1));
      if (job.onFront[k]) front.push(at.offset, at.length);
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

function configRow(record: RunRecord, job: ChunkJob, isPareto: boolean): string[] {
  const best = record.plans[0];
  return [
    formatCell(record.index),
    record.id,
    ...job.axes.map((a) => formatCell(record.params[a])),
    record.status,
    formatCell(best?.latency_ms),
    formatCell(best?.energy_mj),
    formatCell(best?.score),
    formatCell(best?.switches),
    best ? best.devices.join(" ") : "",
    ...job.devices.map((d) => formatCell(best?.memory_by_device[d])),
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
