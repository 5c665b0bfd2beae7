import * as Plot from "@observablehq/plot";
import type { Front, FrontPoint } from "./parse_fronts_csv.ts";

/** Stroke of the exact fronts: a colour none of the chart's colour schemes starts with. */
export const FRONT_COLOR = "#c2185b";

interface Datum extends FrontPoint {
  group: string;
  title: string;
}

const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(1) : String(Number(x.toPrecision(6))));

/** The tooltip of one exact front point. */
function frontPointTitle(front: Front, point: FrontPoint): string {
  return [
    `exact front of ${front.group}, point ${point.point} of ${front.points.length}`,
    `latency ${fmt(point.latency_ms)} ms, energy ${
      fmt(point.energy_mj)
    } mJ, switches ${point.switches}`,
    `devices: ${point.device_path}`,
    front.proven
      ? "proven"
      : "not proven: the label or time limit was reached, maybe not the whole front",
  ].join("\n");
}

/**
 * Observable Plot marks for exact fronts (fronts.csv): each front as a dashed step line (dotted
 * when not proven) with diamond points (hollow when not proven), each point with a `<title>`
 * tooltip (group, device path, latency, energy, proven or not). Pairs without a feasible
 * placement have no point and draw nothing.
 *
 * @param fronts The fronts to draw.
 * @returns The marks, to draw before the configurations' (so a configuration on the front stays
 *   clickable and the diamond's rim shows around it).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { frontMarks } from "./front_marks.ts";
 * const point = { point: 1, latency_ms: 3, energy_mj: 4, switches: 0, device_path: "gpu" };
 * const front = { group: "s/p", scenario: "s", device_profile: "p", proven: false, points: [point] };
 * assert.equal(frontMarks([front]).length, 4);
 * ```
 */
export function frontMarks(fronts: readonly Front[]): Plot.Markish[] {
  const data = (proven: boolean): Datum[] =>
    fronts.filter((f) => f.proven === proven).flatMap((f) =>
      f.points.map((p) => ({ ...p, group: f.group, title: frontPointTitle(f, p) }))
    );
  return [true, false].flatMap((proven) => {
    const points = data(proven);
    const lineTitle = (d: Datum) =>
      `exact front of ${d.group}${proven ? " (proven)" : " (not proven)"}`;
    return [
      Plot.line(points, {
        x: "latency_ms",
        y: "energy_mj",
        z: "group",
        curve: "step-after",
        stroke: FRONT_COLOR,
        strokeWidth: 1.6,
        strokeDasharray: proven ? "6,3" : "2,3",
        title: lineTitle,
        className: "exact-front",
      }),
      Plot.dot(points, {
        x: "latency_ms",
        y: "energy_mj",
        symbol: "diamond",
        r: 5,
        fill: proven ? FRONT_COLOR : "white",
        stroke: proven ? "white" : FRONT_COLOR,
        strokeWidth: proven ? 0.8 : 1.4,
        title: "title",
        className: "exact-front-points",
      }),
    ];
  });
}
