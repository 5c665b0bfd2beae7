import { stringify } from "csv-stringify/sync";
import type { ParetoFrontResult, RankedPlacement } from "../solver/mod.ts";
import { escapeHtml as e } from "./escape_html.ts";
import { textTable } from "./text_table.ts";

/** One point of the latency/energy front, with the original tool's unit-suffixed names. */
export interface ParetoRecord {
  /** 1 = fastest. */
  index: number;
  total_latency_ms: number;
  total_energy_mj: number;
  switches: number;
  /** Score under the run's weights. */
  total_score: number;
  /** Device per stage. */
  devices: string[];
  /** Whether this is the best plan under the run's weights. */
  best: boolean;
}

/** The whole front of one scenario, as `plan --pareto --format json` prints it. */
export interface ParetoReport {
  pipeline_name: string;
  goal: string;
  /** Whether the front is proven complete. */
  complete: boolean;
  points: ParetoRecord[];
}

/** Columns of `plan --pareto --format csv`, in order. */
export const PARETO_CSV_COLUMNS = [
  "index",
  "pipeline_name",
  "goal",
  "complete",
  "total_latency_ms",
  "total_energy_mj",
  "switches",
  "total_score",
  "best",
  "device_path",
] as const;

/**
 * Builds the report of a front; the point with the least score is marked best (the first of
 * equal scores, by latency).
 *
 * @param pipeline The scenario name.
 * @param goal The goal name (or `custom`).
 * @param front The front from `paretoFront`.
 * @returns The report.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { paretoReport } from "./render_pareto.ts";
 * const point = { path: [0], devices: ["cpu"], score: 1, latency: 2, energy: 3, switches: 0, memory: [1] };
 * const report = paretoReport("p", "balanced", { points: [point], complete: true, labels: 1 });
 * assert.equal(report.points[0]!.best, true);
 * ```
 */
export function paretoReport(
  pipeline: string,
  goal: string,
  front: ParetoFrontResult,
): ParetoReport {
  let best = -1;
  front.points.forEach((p: RankedPlacement, j) => {
    if (best < 0 || p.score < front.points[best]!.score) best = j;
  });
  return {
    pipeline_name: pipeline,
    goal,
    complete: front.complete,
    points: front.points.map((p, j) => ({
      index: j + 1,
      total_latency_ms: p.latency,
      total_energy_mj: p.energy,
      switches: p.switches,
      total_score: p.score,
      devices: p.devices,
      best: j === best,
    })),
  };
}

const f2 = (x: number) => x.toFixed(2);

/**
 * Renders a front as text: a table (fastest first) and a small ASCII scatter plot of energy
 * against latency, `*` for each point and `B` for the best plan under the run's weights.
 *
 * @param report The front's report.
 * @returns The text.
 */
export function renderParetoText(report: ParetoReport): string {
  const head = [
    `Pipeline: ${report.pipeline_name}`,
    `Latency/energy Pareto front: ${report.points.length} placements (${
      report.complete ? "proven complete" : "not proven complete: search stopped"
    }); B = best for goal ${report.goal}`,
    "",
  ];
  const table = textTable(
    ["#", "Latency ms", "Energy mJ", "Switches", "Score", "Devices"],
    report.points.map((p) => [
      `${p.index}${p.best ? " B" : ""}`,
      f2(p.total_latency_ms),
      f2(p.total_energy_mj),
      String(p.switches),
      p.total_score.toFixed(4),
      p.devices.join(" "),
    ]),
  );
  return [...head, table, "", asciiPlot(report.points)].join("\n");
}

/** A 56 x 14 character scatter plot, energy up, latency right. */
function asciiPlot(points: readonly ParetoRecord[]): string {
  if (points.length === 0) return "(no feasible placement)";
  const width = 56;
  const height = 14;
  const xs = points.map((p) => p.total_latency_ms);
  const ys = points.map((p) => p.total_energy_mj);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const grid = Array.from({ length: height }, () => new Array<string>(width).fill(" "));
  for (const p of points) {
    const col = x1 > x0 ? Math.round(((p.total_latency_ms - x0) / (x1 - x0)) * (width - 1)) : 0;
    const row = y1 > y0
      ? Math.round(((y1 - p.total_energy_mj) / (y1 - y0)) * (height - 1))
      : height - 1;
    const cell = grid[row]!;
    if (cell[col] !== "B") cell[col] = p.best ? "B" : "*";
  }
  const label = Math.max(f2(y1).length, f2(y0).length);
  const lines = grid.map((cells, r) => {
    const tick = r === 0 ? f2(y1) : r === height - 1 ? f2(y0) : "";
    return `${tick.padStart(label)} |${cells.join("").trimEnd()}`;
  });
  lines.push(`${" ".repeat(label)} +${"-".repeat(width)}`);
  const low = f2(x0);
  const high = f2(x1);
  lines.push(
    `${" ".repeat(label)}  ${low}${
      " ".repeat(Math.max(1, width - low.length - high.length))
    }${high}`,
  );
  lines.push(`${" ".repeat(label)}  energy mJ (up) against latency ms (right)`);
  return lines.join("\n");
}

/**
 * Renders a front as RFC 4180 CSV, one row per point.
 *
 * @param report The front's report.
 * @returns CSV text with a header row.
 */
export function renderParetoCsv(report: ParetoReport): string {
  return stringify(
    report.points.map((p) => [
      p.index,
      report.pipeline_name,
      report.goal,
      report.complete,
      p.total_latency_ms,
      p.total_energy_mj,
      p.switches,
      p.total_score,
      p.best,
      p.devices.join(" "),
    ]),
    { header: true, columns: [...PARETO_CSV_COLUMNS], cast: { boolean: (b) => String(b) } },
  );
}

/**
 * Renders a front as one self-contained HTML page: an SVG scatter plot (the best plan
 * highlighted, each point titled with its devices) and the table. Every value is escaped.
 *
 * @param report The front's report.
 * @returns The HTML document.
 */
export function renderParetoHtml(report: ParetoReport): string {
  const [w, h, pad] = [640, 360, 48];
  const xs = report.points.map((p) => p.total_latency_ms);
  const ys = report.points.map((p) => p.total_energy_mj);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const sx = (x: number) => pad + (x1 > x0 ? ((x - x0) / (x1 - x0)) * (w - 2 * pad) : 0);
  const sy = (y: number) => h - pad - (y1 > y0 ? ((y - y0) / (y1 - y0)) * (h - 2 * pad) : 0);
  const path = report.points.map((p, j) =>
    `${j === 0 ? "M" : "L"}${sx(p.total_latency_ms).toFixed(1)},${sy(p.total_energy_mj).toFixed(1)}`
  ).join(" ");
  const dots = report.points.map((p) =>
    `<circle cx="${sx(p.total_latency_ms).toFixed(1)}" cy="${
      sy(p.total_energy_mj).toFixed(1)
    }" r="${p.best ? 7 : 4}" fill="${p.best ? "#c0392b" : "#3b7dd8"}"><title>${
      e(p.devices.join(" "))
    }: ${f2(p.total_latency_ms)} ms, ${f2(p.total_energy_mj)} mJ</title></circle>`
  ).join("\n");
  const rows = report.points.map((p) =>
    `<tr${p.best ? ' class="best"' : ""}><td>${p.index}</td><td>${f2(p.total_latency_ms)}</td><td>${
      f2(p.total_energy_mj)
    }</td><td>${p.switches}</td><td>${p.total_score.toFixed(4)}</td><td>${
      e(p.devices.join(" "))
    }</td></tr>`
  ).join("\n");
  const axes = report.points.length === 0 ? "" : `
<line x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}" stroke="#5b6875"/>
<line x1="${pad}" y1="${pad}" x2="${pad}" y2="${h - pad}" stroke="#5b6875"/>
<text x="${pad}" y="${h - pad + 18}">${f2(x0)}</text>
<text x="${w - pad}" y="${h - pad + 18}" text-anchor="end">${f2(x1)} ms</text>
<text x="${pad - 6}" y="${h - pad}" text-anchor="end">${f2(y0)}</text>
<text x="${pad - 6}" y="${pad + 4}" text-anchor="end">${f2(y1)} mJ</text>
<path d="${path}" fill="none" stroke="#9fb6d3"/>
${dots}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pareto front: ${e(report.pipeline_name)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d2733}
.muted{color:#5b6875} svg text{font-size:12px;fill:#5b6875}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}
th,td{border-bottom:1px solid #e3e8ee;padding:.3rem .5rem;text-align:right}
th:last-child,td:last-child{text-align:left} tr.best td{font-weight:600;color:#c0392b}
</style></head><body>
<h1>Latency/energy Pareto front: ${e(report.pipeline_name)}</h1>
<p class="muted">${report.points.length} placements, ${
    report.complete ? "proven complete" : "not proven complete (search stopped)"
  }; red = best for goal ${e(report.goal)}.</p>
<svg width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="energy against latency">${axes}
</svg>
<table><thead><tr><th>#</th><th>Latency ms</th><th>Energy mJ</th><th>Switches</th><th>Score</th><th>Devices</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>
`;
}
