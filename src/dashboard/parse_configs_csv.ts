import { parse as parseStream } from "csv-parse";
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

const REQUIRED = ["index", "id", "status", "latency_ms", "energy_mj", "is_pareto"];

function num(text: string | undefined): number | null {
  if (text === undefined || text === "") return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

function bool(text: string | undefined): boolean | null {
  return text === "true" ? true : text === "false" ? false : null;
}

/** Turns CSV records (header first) into typed rows, one record at a time. */
class RowBuilder {
  #layout: ((cells: string[], line: number) => ConfigRow) | undefined;
  readonly parsed: ParsedConfigs = { columns: [], axes: [], devices: [], rows: [] };

  push(cells: string[]): void {
    if (!this.#layout) {
      this.#layout = this.#header(cells);
      return;
    }
    this.parsed.rows.push(this.#layout(cells, this.parsed.rows.length + 2));
  }

  #header(columns: string[]) {
    const at = (name: string) => columns.indexOf(name);
    const missing = REQUIRED.filter((c) => at(c) < 0);
    if (missing.length) {
      throw new SyntaxError(`Cannot read configs.csv as the header lacks ${missing.join(", ")}`);
    }
    const axes = columns.slice(at("id") + 1, at("status"));
    const mem = columns.map((c, i) => [c, i] as const).filter(([c]) => /^mem_.+_mb$/.test(c));
    const devices = mem.map(([c]) => c.slice(4, -3));
    Object.assign(this.parsed, { columns, axes, devices });
    const axisAt = axes.map(at);
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
      iReason,
      iError,
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
      "reason",
      "error",
    ].map(at) as number[];
    return (cells: string[], line: number): ConfigRow => {
      const index = num(cells[iIndex!]);
      if (index === null) {
        throw new SyntaxError(`Cannot read configs.csv line ${line} as 'index' is not a number`);
      }
      const params: Record<string, string> = {};
      for (let a = 0; a < axes.length; a++) params[axes[a]!] = cells[axisAt[a]!] ?? "";
      const memory_mb: Record<string, number | null> = {};
      for (let d = 0; d < devices.length; d++) memory_mb[devices[d]!] = num(cells[mem[d]![1]]);
      return {
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
        reason: cells[iReason!] || cells[iError!] || null,
      };
    };
  }
}

/**
 * Parses configs.csv (results format v1) from text. Columns after `is_pareto` that a writer adds
 * (`lower_bound`, `reason`...) are ignored.
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
  const builder = new RowBuilder();
  for (const cells of parse(text, { skip_empty_lines: true }) as string[][]) builder.push(cells);
  return builder.parsed;
}

const yieldToEventLoop = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Options of {@linkcode readConfigsCsv}. */
export interface ReadConfigsOptions {
  /** Bytes parsed between yields to the event loop. @default 131072 */
  chunkSize?: number;
}

/**
 * Reads and parses configs.csv in chunks, yielding to the event loop between chunks so that a
 * 100,000-row file does not stall other requests while it parses.
 *
 * @param path The file's path.
 * @param options Chunk size.
 * @returns Rows and columns, as {@linkcode parseConfigsCsv} gives them.
 * @throws {SyntaxError} When the header lacks the required columns or a row is malformed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readConfigsCsv } from "./parse_configs_csv.ts";
 * import { writeFixture } from "./_fixture.ts";
 * const root = await Deno.makeTempDir();
 * const dir = await writeFixture(root, "s", { configs: 30 });
 * const parsed = await readConfigsCsv(`${dir}/configs.csv`, { chunkSize: 256 });
 * assert.equal(parsed.rows.length, 30);
 * assert.deepEqual(parsed.rows.map((r) => r.index), [...Array(30).keys()]);
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export async function readConfigsCsv(
  path: string,
  options: ReadConfigsOptions = {},
): Promise<ParsedConfigs> {
  const { chunkSize = 1 << 17 } = options;
  const builder = new RowBuilder();
  const parser = parseStream({ skip_empty_lines: true });
  let failure: unknown;
  parser.on("error", (error: unknown) => (failure = error));
  const drain = () => {
    for (let cells = parser.read(); cells !== null; cells = parser.read()) {
      builder.push(cells as string[]);
    }
    if (failure) throw failure instanceof Error ? new SyntaxError(failure.message) : failure;
  };
  using file = await Deno.open(path, { read: true });
  const buffer = new Uint8Array(chunkSize);
  while (true) {
    const n = await file.read(buffer);
    if (n === null) break;
    parser.write(buffer.slice(0, n));
    // The parser reports errors on a later tick: yield first (which also lets other requests
    // run), then take the records and any error.
    await yieldToEventLoop();
    drain();
  }
  parser.end();
  await yieldToEventLoop();
  drain();
  return builder.parsed;
}
