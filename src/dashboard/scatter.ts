import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import type { JSXNode } from "hono/jsx";
import { cellOf, type ConfigRow } from "./config_row.ts";
import { type DomNode, domToJsx } from "./dom_to_jsx.ts";
import type { ConfigTable } from "./config_table.ts";
import { frontMarks } from "./front_marks.ts";
import type { Front } from "./parse_fronts_csv.ts";

/** Options of {@linkcode renderScatter}. */
export interface ScatterOptions {
  /** Column that colours the points (an axis, `group`, `switches`...). */
  color: string;
  /** Link of a configuration's page. */
  href: (row: ConfigRow) => string;
  /** Chart width in px. @default 900 */
  width?: number;
  /** Chart height in px. @default 440 */
  height?: number;
  /** Upper bound on drawn points; nearby points of one colour merge above it. @default 3000 */
  maxPoints?: number;
  /** Keeps only the configurations for which it is true. @default every configuration */
  only?: (row: ConfigRow) => boolean;
  /** Exact fronts (fronts.csv) drawn over the configurations ({@linkcode frontMarks}). @default [] */
  fronts?: readonly Front[];
}

interface Point {
  latency: number;
  energy: number;
  color: string;
  title: string;
  href: string;
}

const MAX_CATEGORIES = 24;

const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(1) : x.toPrecision(4));

function describe(row: ConfigRow, axes: readonly string[], more: number): string {
  return [
    `latency ${fmt(row.latency_ms!)} ms, energy ${fmt(row.energy_mj!)} mJ`,
    ...axes.map((a) => `${a}: ${row.params[a] === "" ? "none" : row.params[a]}`),
    `devices: ${row.device_path}`,
    `score ${row.score === null ? "-" : fmt(row.score)}, switches ${row.switches ?? "-"}` +
    (row.is_pareto ? ", on the Pareto front" : ""),
    `config ${row.id} (#${row.index})`,
    ...(more > 0 ? [`+ ${more} more configuration${more > 1 ? "s" : ""} at this point`] : []),
  ].join("\n");
}

/**
 * Renders the latency-vs-energy scatter of a sweep as SVG markup (Observable Plot on a linkedom
 * document): every feasible configuration, coloured by a column, with a `<title>` tooltip and a
 * link per point, each group's Pareto front as a staircase, and optionally exact fronts of
 * placements (fronts.csv) as dashed staircases of diamonds, under the configurations (a
 * configuration on the exact front sits on a diamond). Points that would overlap (same
 * colour, same few-pixel cell) are merged into one whose tooltip counts them, so a 100,000-row
 * sweep stays a light page. The DOM becomes hono/jsx nodes ({@linkcode domToJsx}), so titles and
 * links are escaped by the page renderer like every other value.
 *
 * @param table The sweep's rows.
 * @param options Colour column and links.
 * @returns The chart as hono/jsx nodes (a `<figure>` with its legend, or an `<svg>`), or null
 *   when no configuration has metrics yet and no exact front has a point.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ConfigTable } from "./config_table.ts";
 * import { renderScatter } from "./scatter.ts";
 * import type { ConfigRow } from "./config_row.ts";
 * const row = { index: 0, id: "a", params: { goal: "<b>" }, status: "ok", latency_ms: 3,
 *   energy_mj: 4, score: 1, switches: 0, device_path: "gpu", memory_mb: {}, group: "g",
 *   is_pareto: true } as unknown as ConfigRow;
 * const table = new ConfigTable([row], { axes: ["goal"], devices: [] });
 * const svg = String(renderScatter(table, { color: "goal", href: (r) => `/c/${r.id}` }));
 * assert(svg.includes("<title>") && svg.includes('href="/c/a"'));
 * assert(svg.includes("goal: &lt;b&gt;") && !svg.includes("<b>"));
 * ```
 */
export function renderScatter(table: ConfigTable, options: ScatterOptions): JSXNode | null {
  const { color, href, width = 900, height = 440, maxPoints = 3000, only, fronts = [] } = options;
  const rows = table.rows.filter((r) =>
    r.latency_ms !== null && r.energy_mj !== null && (!only || only(r))
  );
  const { document } = parseHTML("<!doctype html><html><body></body></html>") as unknown as {
    document: NonNullable<Plot.PlotOptions["document"]>;
  };
  if (rows.length === 0 && fronts.every((f) => f.points.length === 0)) return null;
  const colorOf = (row: ConfigRow) => {
    const v = cellOf(row, color, table.axes);
    return v === null || v === "" ? "none" : String(v);
  };
  const numeric = table.isNumeric(color) && color !== "index";
  const values = table.distinct(color).filter((v) => v !== "").map(Number);
  const continuous = numeric && values.length > MAX_CATEGORIES;
  const [c0, c1] = [Math.min(...values), Math.max(...values)];
  const binOf = continuous
    ? (row: ConfigRow) => {
      const v = colorOf(row);
      return v === "none" || c1 === c0 ? v : String(Math.floor(((Number(v) - c0) / (c1 - c0)) * 8));
    }
    : colorOf;
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const r of rows) {
    x0 = Math.min(x0, r.latency_ms!);
    x1 = Math.max(x1, r.latency_ms!);
    y0 = Math.min(y0, r.energy_mj!);
    y1 = Math.max(y1, r.energy_mj!);
  }
  let cell = 2;
  let cells: Map<string, { best: ConfigRow; count: number }>;
  do {
    cells = new Map();
    const cols = Math.max(1, Math.floor(width / cell)),
      lines = Math.max(1, Math.floor(height / cell));
    for (const r of rows) {
      const cx = x1 > x0 ? Math.floor(((r.latency_ms! - x0) / (x1 - x0)) * cols) : 0;
      const cy = y1 > y0 ? Math.floor(((r.energy_mj! - y0) / (y1 - y0)) * lines) : 0;
      const key = `${cx},${cy},${binOf(r)}`;
      const entry = cells.get(key);
      if (!entry) cells.set(key, { best: r, count: 1 });
      else {
        entry.count++;
        if ((r.score ?? Infinity) < (entry.best.score ?? Infinity)) entry.best = r;
      }
    }
    cell *= 2;
  } while (cells.size > maxPoints && cell <= 64);
  const points: Point[] = [...cells.values()].map(({ best, count }) => ({
    latency: best.latency_ms!,
    energy: best.energy_mj!,
    color: colorOf(best),
    title: describe(best, table.axes, count - 1),
    href: href(best),
  }));
  const front = frontOf(rows);
  const domain = [...new Set(points.map((p) => p.color))];
  if (!continuous) {
    domain.sort(
      numeric
        ? (a, b) => (a === "none" ? 1 : b === "none" ? -1 : Number(a) - Number(b))
        : undefined,
    );
  }
  const colorScale: Plot.ScaleOptions = continuous
    ? { type: "quantize", n: 8, scheme: "viridis", unknown: "#999", legend: true, label: color }
    : {
      type: "ordinal",
      domain,
      scheme: numeric ? "viridis" : "observable10",
      legend: domain.length > 0 && domain.length <= MAX_CATEGORIES,
      label: color,
    };
  const fill = continuous
    ? (p: Point) => (p.color === "none" ? null : Number(p.color))
    : (p: Point) => p.color;
  const plot = Plot.plot({
    document,
    className: "scatter",
    width,
    height,
    marginLeft: 56,
    grid: true,
    x: { label: "Latency (ms) \u2192", nice: true },
    y: { label: "\u2191 Energy (mJ)", nice: true },
    color: colorScale,
    marks: [
      ...frontMarks(fronts),
      Plot.line(front, {
        x: "latency_ms",
        y: "energy_mj",
        z: "group",
        curve: "step-after",
        stroke: "currentColor",
        strokeOpacity: 0.55,
        strokeWidth: 1.2,
      }),
      Plot.dot(points, {
        x: "latency",
        y: "energy",
        fill,
        r: 3.2,
        fillOpacity: 0.85,
        title: "title",
        href: "href",
      }),
      Plot.dot(front, {
        x: "latency_ms",
        y: "energy_mj",
        r: 5.5,
        stroke: "currentColor",
        strokeWidth: 1.4,
        fill: "none",
      }),
    ],
  });
  return domToJsx(plot as unknown as DomNode);
}

/** Distinct Pareto points per group, sorted by latency (the front's staircase). */
function frontOf(rows: readonly ConfigRow[]): ConfigRow[] {
  const seen = new Set<string>();
  const front = rows.filter((r) => {
    if (!r.is_pareto) return false;
    const key = `${r.group}|${r.latency_ms}|${r.energy_mj}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return front.sort((a, b) =>
    a.group.localeCompare(b.group) || a.latency_ms! - b.latency_ms! || b.energy_mj! - a.energy_mj!
  );
}
