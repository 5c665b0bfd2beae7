import { RUN_STATUSES } from "./run_record.ts";

/**
 * What a scan of `runs.jsonl` files found, per grid index (typed arrays, so memory stays a few
 * dozen bytes per configuration whatever the size of the lines).
 */
export interface RunsIndex {
  /** Grid positions covered (indices run from 0 to `size - 1`). */
  size: number;
  /** 0 = no line, else 1 + the index into `RUN_STATUSES` (1 ok, 2 infeasible, 3 error). */
  status: Uint8Array;
  /** Which of the scanned files holds the kept line. */
  file: Uint16Array;
  /** Byte offset and length (newline excluded) of the kept line. */
  offset: Float64Array;
  length: Uint32Array;
  /** Rank-1 latency and energy (NaN without a plan). */
  latency: Float64Array;
  energy: Float64Array;
  /** Group number (into `groups`). */
  group: Int32Array;
  groups: string[];
  /** Number of configurations with a line. */
  count: number;
  /** Lines seen for an index that already had one (kept: a success over an error, else the later). */
  duplicates: number;
  /** Per file, the byte length of its complete lines (a torn last line is left out). */
  validBytes: number[];
}

const PREFIX =
  /^\{"id":"[0-9a-f]{16}","index":(\d+),"status":"(ok|infeasible|error)","group":("(?:[^"\\]|\\.)*"),"latency_ms":(-?[\d.eE+-]+|null),"energy_mj":(-?[\d.eE+-]+|null),/;

/**
 * Scans `runs.jsonl` files without parsing whole lines: for each complete line, its index,
 * status, group and rank-1 metrics, and where it is. A last line without its newline (torn by
 * a kill) is left out and reported in `validBytes`. Missing files count as empty.
 *
 * @param paths The files, in order (later lines win over earlier ones of the same class).
 * @param size The grid size; a line with an index outside it is an error.
 * @returns The index of what the files hold.
 * @throws {RangeError} When a complete line is not a run record of this grid.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scanRuns } from "./scan_runs.ts";
 * const dir = await Deno.makeTempDir();
 * const line = '{"id":"0123456789abcdef","index":1,"status":"ok","group":"g",' +
 *   '"latency_ms":2,"energy_mj":3,"params":{}}';
 * await Deno.writeTextFile(`${dir}/runs.jsonl`, line + "\n" + line.slice(0, 20));
 * const scan = await scanRuns([`${dir}/runs.jsonl`], 4);
 * assert(scan.count === 1 && scan.latency[1] === 2);
 * assert(scan.validBytes[0] === line.length + 1);
 * ```
 */
export async function scanRuns(paths: readonly string[], size: number): Promise<RunsIndex> {
  const index: RunsIndex = {
    size,
    status: new Uint8Array(size),
    file: new Uint16Array(size),
    offset: new Float64Array(size),
    length: new Uint32Array(size),
    latency: new Float64Array(size).fill(NaN),
    energy: new Float64Array(size).fill(NaN),
    group: new Int32Array(size).fill(-1),
    groups: [],
    count: 0,
    duplicates: 0,
    validBytes: [],
  };
  const groupIds = new Map<string, number>();
  const decoder = new TextDecoder();
  for (let f = 0; f < paths.length; f++) {
    let file: Deno.FsFile;
    try {
      file = await Deno.open(paths[f]!, { read: true });
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) {
        index.validBytes.push(0);
        continue;
      }
      throw error;
    }
    try {
      let buffer = new Uint8Array(1 << 22);
      let filled = 0;
      let base = 0; // file offset of buffer[0]
      let eof = false;
      while (!eof) {
        if (filled === buffer.length) {
          const bigger = new Uint8Array(buffer.length * 2);
          bigger.set(buffer);
          buffer = bigger;
        }
        const n = await file.read(buffer.subarray(filled));
        if (n === null) eof = true;
        else filled += n;
        let start = 0;
        for (;;) {
          const nl = buffer.indexOf(10, start);
          if (nl < 0 || nl >= filled) break;
          if (nl > start) {
            record(index, groupIds, decoder, buffer, start, nl, f, base + start, paths[f]!);
          }
          start = nl + 1;
        }
        buffer.copyWithin(0, start, filled);
        filled -= start;
        base += start;
      }
      index.validBytes.push(base);
    } finally {
      file.close();
    }
  }
  return index;
}

function record(
  index: RunsIndex,
  groupIds: Map<string, number>,
  decoder: TextDecoder,
  buffer: Uint8Array,
  start: number,
  end: number,
  file: number,
  offset: number,
  path: string,
): void {
  const head = decoder.decode(buffer.subarray(start, Math.min(end, start + 512)));
  let match = PREFIX.exec(head);
  if (!match) {
    // Long group names push the metrics past the head: decode the whole line.
    match = PREFIX.exec(decoder.decode(buffer.subarray(start, end)));
  }
  if (!match) {
    throw new RangeError(
      `Cannot read ${path} as the line at byte ${offset} is not a run record: ${head.slice(0, 80)}`,
    );
  }
  const i = Number(match[1]);
  if (i >= index.size) {
    throw new RangeError(
      `Cannot read ${path} as it has configuration ${i} but the grid has ${index.size} positions`,
    );
  }
  const code = RUN_STATUSES.indexOf(match[2] as "ok") + 1;
  const previous = index.status[i]!;
  if (previous !== 0) {
    index.duplicates++;
    if (previous !== 3 && code === 3) return;
  } else {
    index.count++;
  }
  const group = JSON.parse(match[3]!) as string;
  let g = groupIds.get(group);
  if (g === undefined) {
    g = index.groups.length;
    index.groups.push(group);
    groupIds.set(group, g);
  }
  index.status[i] = code;
  index.file[i] = file;
  index.offset[i] = offset;
  index.length[i] = end - start;
  index.latency[i] = match[4] === "null" ? NaN : Number(match[4]);
  index.energy[i] = match[5] === "null" ? NaN : Number(match[5]);
  index.group[i] = g;
}
