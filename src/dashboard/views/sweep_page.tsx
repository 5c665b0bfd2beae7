import type { FC, JSXNode } from "hono/jsx";
import type { TablePage } from "../config_table.ts";
import type { Manifest } from "../manifest.ts";
import type { TableVersion } from "../sweep.ts";
import type { SweepSummary } from "../sweep_summary.ts";
import type { ParsedTableQuery } from "../table_query.ts";
import { bytes, num, time } from "./format.ts";
import { FrontsKey, type PageFronts } from "./fronts_key.tsx";
import { Badge, type Html, Layout } from "./layout.tsx";
import { tableHref } from "./table_href.ts";

/** Props of {@linkcode SweepPage}. */
export interface SweepPageProps {
  /** The sweep's summary. */
  summary: SweepSummary;
  /** Its manifest. */
  manifest: Manifest;
  /** Its table at the current data version. */
  data: TableVersion;
  /** The current page of the table. */
  page: TablePage;
  /** The validated query. */
  query: ParsedTableQuery;
  /** Columns the chart may be coloured by. */
  colors: readonly string[];
  /** The chart colour in use. */
  color: string;
  /** The chart (hono/jsx nodes, escaped when rendered), or null when nothing is feasible yet. */
  chart: JSXNode | null;
  /** Sizes of the downloadable files (null when missing). */
  files: Record<string, Deno.FileInfo | null>;
  /** The exact fronts of fronts.csv, or null when the sweep has none (or it is unreadable). */
  fronts: PageFronts | null;
  /** Why fronts.csv could not be read, if it could not. */
  frontsError: string | undefined;
}

const SELECT_LIMIT = 60;

/** The sweep page: summary, Pareto scatter, filterable sortable paged table, downloads. */
export function SweepPage(props: SweepPageProps): Html {
  const { summary, manifest, data, page, query, colors, color, chart, files, fronts } = props;
  const name = summary.name;
  const base = `/sweeps/${encodeURIComponent(name)}`;
  const { table } = data;
  const live = summary.running ? name : undefined;
  const shownColumns = [
    "index",
    "id",
    ...table.axes,
    "status",
    "latency_ms",
    "energy_mj",
    "score",
    "switches",
    "device_path",
    "is_pareto",
  ];
  const numeric = new Set(["index", "latency_ms", "energy_mj", "score", "switches"]);
  const first = page.total === 0 ? 0 : (page.page - 1) * page.size + 1;
  const last = Math.min(page.page * page.size, page.total);
  return (
    <Layout title={name} live={summary.running}>
      <div class="crumbs">
        <a href="/">Sweeps</a> /
      </div>
      <h1>{name}</h1>
      <p data-live-sweep={live} data-status={live && summary.status}>
        <Badge status={summary.stale ? "stale" : summary.status} />{" "}
        <span data-live-sweep={live} data-field="done">{summary.done}</span>
        {` of ${summary.config_count} configurations done`}
        {summary.running && (
          <>
            {" "}
            <progress
              max={summary.config_count}
              value={summary.done}
              data-live-sweep={live}
              data-field="done"
            />
          </>
        )}
      </p>
      <div class="grid2">
        <dl class="facts">
          <dt>Counts</dt>
          <dd>
            {(["ok", "infeasible", "error", "pending"] as const).map((k) => (
              <>
                <span data-live-sweep={live} data-field={`counts.${k}`}>
                  {summary.counts[k] ?? 0}
                </span>
                {` ${k}  `}
              </>
            ))}
          </dd>
          <dt>Started</dt>
          <dd>{time(summary.started_at)}</dd>
          <dt>{summary.finished_at ? "Finished" : "Updated"}</dt>
          <dd data-live-sweep={live} data-field="updated_at">
            {time(summary.finished_at ?? summary.updated_at)}
          </dd>
          <dt>Sweep file</dt>
          <dd>
            <code>{manifest.sweep_file ?? "\u2013"}</code>{" "}
            <span class="muted">
              {manifest.sweep_hash ? `sha256 ${manifest.sweep_hash.slice(0, 12)}\u2026` : ""}
            </span>
          </dd>
          <dt>Scenarios</dt>
          <dd>{manifest.scenarios.map((s) => s.name).join(", ") || "\u2013"}</dd>
        </dl>
        <dl class="facts">
          <dt>Axes</dt>
          <dd>
            {manifest.axes.map((a) => `${a.name} (${a.values.length})`).join(" \u00d7 ") ||
              "\u2013"}
          </dd>
          <dt>Shards</dt>
          <dd>{manifest.shards?.count ?? 1}</dd>
          <dt>Tool</dt>
          <dd>{manifest.tool_version ?? "\u2013"}</dd>
          <dt>Command</dt>
          <dd>
            <code>{manifest.command ?? "\u2013"}</code>
          </dd>
          <dt>Table from</dt>
          <dd>
            {data.source}
            {data.source === "runs.jsonl" ? " (CSV files not written yet)" : ""}
          </dd>
          <dt>On disk</dt>
          <dd>{bytes(summary.bytes)}</dd>
        </dl>
      </div>
      <p class="downloads">
        {(["configs.csv", "plans.csv", "pareto.csv"] as const).map((f) =>
          files[f]
            ? (
              <a href={`${base}/files/${f}`} download>
                {`${f} (${bytes(files[f]!.size)})`}
              </a>
            )
            : <span class="muted">{`${f} (not written yet) `}</span>
        )}
        {files["fronts.csv"] && (
          <a href={`${base}/files/fronts.csv`} download>
            {`fronts.csv (${bytes(files["fronts.csv"].size)})`}
          </a>
        )}
        {fronts && <a href={`/api/sweeps/${encodeURIComponent(name)}/fronts`}>fronts JSON</a>}
        <a href={`/api/sweeps/${encodeURIComponent(name)}`}>summary JSON</a>
      </p>

      <h2 id="chart">Latency vs energy</h2>
      <form class="inline" method="get" action={`${base}#chart`}>
        <label>
          Colour by
          <select name="color">
            {colors.map((c) => <option value={c} selected={c === color}>{c}</option>)}
          </select>
        </label>
        {fronts && (
          <label>
            Group (exact front)
            <select name="group">
              <option value="">every group</option>
              {fronts.all.map((f) => (
                <option value={f.group} selected={f.group === query.group}>{f.group}</option>
              ))}
            </select>
          </label>
        )}
        <HiddenState query={query} />
        <button type="submit">Apply</button>
        <span class="muted">
          Every feasible configuration; staircases are each group's Pareto front (circled). Hover a
          point for its parameters, click it for its placement.
        </span>
      </form>
      <div class="chart-wrap" id="scatter">
        {chart ?? <p class="muted">No feasible configuration to plot yet.</p>}
      </div>
      <FrontsKey fronts={fronts} error={props.frontsError} />

      <h2 id="table">Configurations</h2>
      <form class="inline" method="get" action={`${base}#table`}>
        <label>
          Status
          <select name="status">
            <option value="">any</option>
            {["ok", "infeasible", "error"].map((s) => (
              <option value={s} selected={query.status === s}>{s}</option>
            ))}
          </select>
        </label>
        {table.axes.map((axis) => {
          const values = table.distinct(axis);
          return (
            <label>
              {axis}
              {values.length <= SELECT_LIMIT
                ? (
                  <select name={`p.${axis}`}>
                    <option value="">any</option>
                    {values.map((v) => (
                      <option value={v} selected={query.where[axis] === v}>
                        {v === "" ? "(none)" : v}
                      </option>
                    ))}
                  </select>
                )
                : (
                  <input
                    name={`p.${axis}`}
                    value={query.where[axis] ?? ""}
                    size={8}
                    placeholder="any"
                  />
                )}
            </label>
          );
        })}
        <label>
          id / devices contain
          <input name="q" value={query.q ?? ""} size={12} />
        </label>
        <label>
          Pareto only
          <input type="checkbox" name="pareto" value="1" checked={query.pareto} />
        </label>
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="dir" value={query.dir} />
        {query.color && <input type="hidden" name="color" value={query.color} />}
        {query.group && <input type="hidden" name="group" value={query.group} />}
        <button type="submit">Filter</button>
        <a href={`${base}#table`}>reset</a>
      </form>
      <Pager base={base} query={query} page={page} first={first} last={last} />
      <div class="table-wrap">
        <table id="configs">
          <thead>
            <tr>
              {shownColumns.map((col) => {
                const active = query.sort === col;
                const dir = active && query.dir === "asc" ? "desc" : "asc";
                const arrow = active ? (query.dir === "asc" ? " \u25b2" : " \u25bc") : "";
                return (
                  <th
                    class={numeric.has(col) ? "n" : undefined}
                    aria-sort={active ? `${query.dir}ending` : undefined}
                  >
                    <a
                      href={`${tableHref(base, query, { sort: col, dir, page: 1 })}#table`}
                      data-sort={col}
                    >
                      {col === "is_pareto" ? "pareto" : <Breakable text={col} />}
                      {arrow}
                    </a>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {page.rows.map((row) => (
              <tr>
                <td class="n">{row.index}</td>
                <td>
                  <a href={`${base}/configs/${encodeURIComponent(row.id)}`}>{row.id}</a>
                </td>
                {table.axes.map((a) => <td>{row.params[a] === "" ? "none" : row.params[a]}</td>)}
                <td title={row.reason ?? undefined}>
                  <Badge status={row.status} />
                </td>
                <td class="n">{num(row.latency_ms)}</td>
                <td class="n">{num(row.energy_mj)}</td>
                <td class="n">{num(row.score, 4)}</td>
                <td class="n">{row.switches ?? "\u2013"}</td>
                <td>{row.device_path}</td>
                <td>{row.is_pareto ? "\u2605" : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {page.total === 0 && <p class="muted">No configuration matches these filters.</p>}
      <Pager base={base} query={query} page={page} first={first} last={last} />
    </Layout>
  );
}

/** A column name that may wrap after its underscores (print, narrow screens). */
const Breakable: FC<{ text: string }> = ({ text }) => (
  <>
    {text.split("_").map((part, i) => (
      <>
        {i > 0 && (
          <>
            _<wbr />
          </>
        )}
        {part}
      </>
    ))}
  </>
);

const HiddenState: FC<{ query: ParsedTableQuery }> = ({ query }) => (
  <>
    {query.sort !== "index" && <input type="hidden" name="sort" value={query.sort} />}
    {query.dir !== "asc" && <input type="hidden" name="dir" value={query.dir} />}
    {query.status && <input type="hidden" name="status" value={query.status} />}
    {query.pareto && <input type="hidden" name="pareto" value="1" />}
    {query.q && <input type="hidden" name="q" value={query.q} />}
    {Object.entries(query.where).map(([k, v]) => <input type="hidden" name={`p.${k}`} value={v} />)}
    {query.size !== 50 && <input type="hidden" name="size" value={String(query.size)} />}
  </>
);

const Pager: FC<
  { base: string; query: ParsedTableQuery; page: TablePage; first: number; last: number }
> = (
  { base, query, page, first, last },
) => {
  const link = (n: number, label: string, rel: string) =>
    n >= 1 && n <= page.pages && n !== page.page
      ? <a href={`${tableHref(base, query, { page: n })}#table`} rel={rel}>{label}</a>
      : <span class="muted">{label}</span>;
  return (
    <div class="pager">
      {link(1, "\u00ab first", "first")}
      {link(page.page - 1, "\u2039 previous", "prev")}
      <span>
        {`rows ${first}\u2013${last} of ${page.total} \u00b7 page ${page.page} of ${page.pages}`}
      </span>
      {link(page.page + 1, "next \u203a", "next")}
      {link(page.pages, "last \u00bb", "last")}
    </div>
  );
};
