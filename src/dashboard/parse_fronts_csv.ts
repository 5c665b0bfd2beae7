import { parse } from "csv-parse/sync";
import { FRONTS_COLUMNS } from "../results/fronts_columns.ts";

/** One point of an exact front: a placement's totals. */
export interface FrontPoint {
  /** Position on the front, from 1, by increasing latency. */
  point: number;
  /** Total latency, ms. */
  latency_ms: number;
  /** Total energy, mJ. */
  energy_mj: number;
  /** Device switches along the pipeline. */
  switches: number;
  /** The stages' devices joined by single spaces. */
  device_path: string;
}

/** The exact latency/energy front of one scenario x device profile pair (fronts.csv). */
export interface Front {
  /** `<scenario>/<device_profile>`. */
  group: string;
  /** Scenario name. */
  scenario: string;
  /** Device profile name. */
  device_profile: string;
  /** Whether the front is proven complete (else: feasible placements, maybe not all the front). */
  proven: boolean;
  /** Points by increasing latency; empty when the pair has no feasible placement. */
  points: FrontPoint[];
}

type Column = typeof FRONTS_COLUMNS[number];

function number(line: number, column: Column, text: string, integer: boolean): number {
  const value = text.trim() === "" ? NaN : Number(text);
  if (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw new SyntaxError(
      `Cannot read line ${line} as '${column}' must be a ${
        integer ? "whole number" : "number"
      } >= 0: current value is "${text}"`,
    );
  }
  return value;
}

/**
 * Parses and validates fronts.csv (docs/RESULTS_FORMAT.md): one row per front point, the rows of
 * a pair together, points numbered from 1 by increasing latency and decreasing energy, one
 * `proven` value per pair, and a pair without feasible placement as a single row with empty
 * point, metrics and device path.
 *
 * @param text The file's content.
 * @returns The fronts in file order.
 * @throws {SyntaxError} Naming the line, the column and the value, when the file is not valid.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseFrontsCsv } from "./parse_fronts_csv.ts";
 * const fronts = parseFrontsCsv(
 *   "group,scenario,device_profile,point,latency_ms,energy_mj,switches,device_path,proven\n" +
 *     "s/p,s,p,1,25.45,40.2,1,gpu npu,true\n" +
 *     "s/p,s,p,2,27.97,32.18,0,npu npu,true\n" +
 *     "s/q,s,q,,,,,,true\n",
 * );
 * assert.equal(fronts.length, 2);
 * assert.deepEqual(fronts[0]!.points.map((p) => p.energy_mj), [40.2, 32.18]);
 * assert.deepEqual(fronts[1]!.points, []);
 * assert.throws(() => parseFrontsCsv("group,point\n"), SyntaxError);
 * ```
 */
export function parseFrontsCsv(text: string): Front[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { info: true }) as unknown as typeof records;
  } catch (error) {
    throw new SyntaxError(`Cannot parse the CSV: ${(error as Error).message}`, { cause: error });
  }
  const header = records.shift()?.record;
  if (!header) throw new SyntaxError("Cannot read an empty file: the header line is missing");
  const missing = FRONTS_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) {
    throw new SyntaxError(`Cannot read the file as the header lacks ${missing.join(", ")}`);
  }
  const at = Object.fromEntries(FRONTS_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<
    Column,
    number
  >;
  const fronts: Front[] = [];
  const seen = new Set<string>();
  let front: Front | undefined;
  let infeasible = false;
  for (const { record, info } of records) {
    const line = info.lines;
    const cell = (c: Column) => record[at[c]] ?? "";
    const group = cell("group");
    for (const c of ["group", "scenario", "device_profile"] as const) {
      if (cell(c) === "") {
        throw new SyntaxError(`Cannot read line ${line} as '${c}' is empty`);
      }
    }
    if (!["true", "false"].includes(cell("proven"))) {
      throw new SyntaxError(
        `Cannot read line ${line} as 'proven' must be true or false: current value is "${
          cell("proven")
        }"`,
      );
    }
    const proven = cell("proven") === "true";
    if (front?.group !== group) {
      if (seen.has(group)) {
        throw new SyntaxError(
          `Cannot read line ${line} as the rows of "${group}" are not together`,
        );
      }
      seen.add(group);
      front = {
        group,
        scenario: cell("scenario"),
        device_profile: cell("device_profile"),
        proven,
        points: [],
      };
      fronts.push(front);
      infeasible = false;
    } else if (
      front.scenario !== cell("scenario") || front.device_profile !== cell("device_profile") ||
      front.proven !== proven
    ) {
      throw new SyntaxError(
        `Cannot read line ${line} as "${group}" changes its scenario, device_profile or proven`,
      );
    }
    const metrics = ["point", "latency_ms", "energy_mj", "switches", "device_path"] as const;
    if (cell("point") === "") {
      if (front.points.length > 0 || infeasible || metrics.some((c) => cell(c) !== "")) {
        throw new SyntaxError(
          `Cannot read line ${line} as a pair without feasible placement must be one row with ` +
            `empty ${metrics.join(", ")}`,
        );
      }
      infeasible = true;
      continue;
    }
    if (infeasible) {
      throw new SyntaxError(`Cannot read line ${line} as "${group}" has no feasible placement`);
    }
    const point: FrontPoint = {
      point: number(line, "point", cell("point"), true),
      latency_ms: number(line, "latency_ms", cell("latency_ms"), false),
      energy_mj: number(line, "energy_mj", cell("energy_mj"), false),
      switches: number(line, "switches", cell("switches"), true),
      device_path: cell("device_path"),
    };
    const previous = front.points.at(-1);
    if (point.point !== front.points.length + 1) {
      throw new SyntaxError(
        `Cannot read line ${line} as 'point' must be ${front.points.length + 1}: current value ` +
          `is ${point.point}`,
      );
    }
    if (
      previous && (point.latency_ms < previous.latency_ms || point.energy_mj > previous.energy_mj)
    ) {
      throw new SyntaxError(
        `Cannot read line ${line} as a front's latency must not decrease and its energy must not ` +
          `increase: (${point.latency_ms} ms, ${point.energy_mj} mJ) after ` +
          `(${previous.latency_ms} ms, ${previous.energy_mj} mJ)`,
      );
    }
    if (point.device_path.trim() === "") {
      throw new SyntaxError(`Cannot read line ${line} as 'device_path' is empty`);
    }
    front.points.push(point);
  }
  return fronts;
}
