import { parse } from "csv-parse/sync";
import type { ConfigRow } from "./config_row.ts";

/** The result of {@linkcode parseConfigsCsv}: rows plus the column layout. */
export interface ParsedConfigs {
  /** Column names in file order. */
  columns: string[];
  /** Axis columns (between `id` and `status`). */
  axes: string[];
  /** Device names of the `mem_<device>_mb` columns. */
  devices: string[];
  /** Rows in file order. */
  rows: ConfigRow[];
}

function num(text: string | undefined): number | null {
  if (text === undefined || text === "") return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

function bool(text: string | undefined): boolean | null {
  return text === "true" ? true : text === "false" ? false : null;
}

/**
 * Parses configs.csv (results format v1).
 *
 * @param text The file's content.
 * @returns Rows and columns.
 * @throws {SyntaxError} When the header lacks the required columns or a row is malformed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseConfigsCsv } from "./parse_configs_csv.ts";
 * const csv = "index,id,goal,status,latency_ms,energy_mj,score,switches,device_path,mem_gpu_mb," +
 *   "strategy,optimal,gap,solve_ms,group,is_pareto\n" +
 *   "0,ab,latency,ok,3,4,1.5,0,gpu,10,exact,true,0,0.1,g,true\n";
 * const parsed = parseConfigsCsv(csv);
 * assert(parsed.axes[0] === "goal" && parsed.rows[0]!.latency_ms === 3);
 * ```
 */
export function parseConfigsCsv(text: string): ParsedConfigs {
  const records = parse(text, { relax_column_count: false, skip_empty_lines: true }) as string[][];
  const columns = records[0];
  if (!columns) return { columns: [], axes: [], devices: [], rows: [] };
  const at = (name: string) => columns.indexOf(name);
  const required = ["index", "id", "status", "latency_ms", "energy_mj", "is_pareto"];
  const missing = required.filter((c) => at(c) < 0);
  if (missing.length) {
    throw new SyntaxError(`Cannot read configs.csv as the header lacks ${missing.join(", ")}`);
  }
  const axes = columns.slice(at("id") + 1, at("status"));
  const memColumns = columns.map((c, i) => [c, i] as const).filter(([c]) => /^mem_.+_mb$/.test(c));
  const devices = memColumns.map(([c]) => c.slice(4, -3));
  const axisAt = axes.map((a) => at(a));
  const [
    iIndex,
    iId,
    iStatus,
    iLat,
    iEn,
    iScore,
    iSw,
    iPath,
    iStrat,
    iOpt,
    iGap,
    iSolve,
    iGroup,
    iPar,
  ] = [
    "index",
    "id",
    "status",
    "latency_ms",
    "energy_mj",
    "score",
    "switches",
    "device_path",
    "strategy",
    "optimal",
    "gap",
    "solve_ms",
    "group",
    "is_pareto",
  ].map(at) as number[];
  const rows: ConfigRow[] = new Array(records.length - 1);
  for (let r = 1; r < records.length; r++) {
    const cells = records[r]!;
    const index = num(cells[iIndex!]);
    if (index === null) {
      throw new SyntaxError(`Cannot read configs.csv line ${r + 1} as 'index' is not a number`);
    }
    const params: Record<string, string> = {};
    for (let a = 0; a < axes.length; a++) params[axes[a]!] = cells[axisAt[a]!] ?? "";
    const memory_mb: Record<string, number | null> = {};
    for (let d = 0; d < devices.length; d++) memory_mb[devices[d]!] = num(cells[memColumns[d]![1]]);
    rows[r - 1] = {
      index,
      id: cells[iId!] ?? "",
      params,
      status: cells[iStatus!] ?? "",
      latency_ms: num(cells[iLat!]),
      energy_mj: num(cells[iEn!]),
      score: num(cells[iScore!]),
      switches: num(cells[iSw!]),
      device_path: cells[iPath!] ?? "",
      memory_mb,
      strategy: cells[iStrat!] ?? "",
      optimal: bool(cells[iOpt!]),
      gap: num(cells[iGap!]),
      solve_ms: num(cells[iSolve!]),
      group: cells[iGroup!] ?? "",
      is_pareto: cells[iPar!] === "true",
    };
  }
  return { columns, axes, devices, rows };
}
