/**
 * The dashboard's only static files, served from memory under /static/: the stylesheet (screen
 * and print) and the live-progress script (the only client JavaScript: it polls
 * /api/sweeps/:name every 2 s while a sweep runs).
 *
 * @module
 */

/** Stylesheet of every page. */
export const STYLE_CSS =
  `:root { color-scheme: light; --fg: #1d2330; --muted: #5b6475; --line: #d9dde5;
  --bg: #fff; --soft: #f4f6f9; --accent: #2857b8; --ok: #23804a; --warn: #a86400; --bad: #b3261e; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg);
  background: var(--bg); }
header.top { background: #18202f; color: #fff; padding: .6rem 1.5rem; display: flex; gap: 1rem;
  align-items: baseline; }
header.top a { color: #fff; text-decoration: none; font-weight: 600; }
header.top span { color: #aab3c5; font-size: .85rem; }
main { max-width: 1280px; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.45rem; margin: .6rem 0 .2rem; word-break: break-word; }
h2 { font-size: 1.1rem; margin: 1.6rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
a { color: var(--accent); }
.muted { color: var(--muted); }
.crumbs { font-size: .85rem; color: var(--muted); margin-top: .4rem; }
table { border-collapse: collapse; width: 100%; font-size: .84rem; }
th, td { padding: .28rem .5rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; white-space: nowrap; }
th a { color: inherit; text-decoration: none; }
th a:hover { text-decoration: underline; }
#configs td { white-space: nowrap; max-width: 14rem; overflow: hidden; text-overflow: ellipsis; }
#configs th { font-size: .78rem; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: 600; border-top: 2px solid var(--fg); }
.table-wrap { overflow-x: auto; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: .6rem; font-size: .78rem;
  font-weight: 600; background: var(--soft); border: 1px solid var(--line); }
.badge.ok, .badge.complete { color: var(--ok); border-color: var(--ok); }
.badge.infeasible, .badge.interrupted, .badge.stale { color: var(--warn); border-color: var(--warn); }
.badge.error, .badge.unreadable { color: var(--bad); border-color: var(--bad); }
.badge.running { color: #fff; background: var(--accent); border-color: var(--accent); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .5rem 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; word-break: break-word; }
.grid2 { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1.5rem; }
@media (max-width: 900px) { .grid2 { grid-template-columns: 1fr; } }
form.inline { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; margin: .4rem 0 .8rem;
  padding: .6rem .8rem; background: var(--soft); border: 1px solid var(--line); border-radius: .4rem; }
form.inline label { display: flex; flex-direction: column; font-size: .78rem; color: var(--muted); }
form.inline select, form.inline input { font: inherit; font-size: .86rem; padding: .15rem .3rem; }
button { font: inherit; font-size: .86rem; padding: .2rem .8rem; }
.chart-wrap { overflow-x: auto; }
.scatter-figure { margin: 0; }
.scatter-swatches { font: 10px system-ui, sans-serif; margin-bottom: .5em; display: flex;
  align-items: center; min-height: 33px; flex-wrap: wrap; }
.scatter-swatch { display: inline-flex; align-items: center; margin-right: 1em; }
.scatter-swatch > svg { margin-right: .5em; overflow: visible; }
.scatter-ramp { display: block; height: auto; max-width: 100%; overflow: visible; }
svg.scatter { display: block; height: auto; max-width: 100%; background: #fff; }
svg.scatter text, svg.scatter tspan, .scatter-ramp text { white-space: pre; }
svg.scatter a circle:hover { stroke: #000; stroke-width: 2px; }
svg.scatter .exact-front-points path:hover { stroke: #000; stroke-width: 2px; }
.fronts-key { font-size: .86rem; }
.fronts-key p { margin: .3rem 0; }
.key-item { display: inline-flex; align-items: center; gap: .4rem; margin-right: 1.2rem; }
.key-item > svg { overflow: visible; }
.fronts-error { color: var(--bad); font-size: .86rem; }
.pager { display: flex; gap: .8rem; align-items: center; margin: .6rem 0; font-size: .86rem; }
.downloads > * { margin-right: 1rem; }
progress { width: 9rem; vertical-align: middle; }
.bar-row { display: grid; grid-template-columns: 4rem 1fr 12rem; gap: .6rem; align-items: center;
  font-size: .86rem; margin: .25rem 0; }
.bar-row svg { width: 100%; height: 16px; }
.bar-row .over { color: var(--bad); font-weight: 600; }
ul.why { margin: .3rem 0; padding-left: 1.2rem; }
details { margin: .4rem 0; }
summary { cursor: pointer; }
code { font-size: .85em; background: var(--soft); padding: 0 .25rem; border-radius: .2rem; }
@media print {
  header.top, form, .pager, .downloads, .no-print { display: none !important; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  .table-wrap, .chart-wrap { overflow: visible; }
  table { page-break-inside: auto; font-size: 7.5pt; }
  #configs td, #configs th { white-space: normal; max-width: none; overflow: visible; padding: .1rem .25rem;
    font-size: 7pt; overflow-wrap: break-word; }
  .badge { white-space: nowrap; padding: 0 .2rem; }
  .grid2 { grid-template-columns: 1fr 1fr; }
  tr { page-break-inside: avoid; }
  h2 { page-break-after: avoid; }
  details { display: block; }
  details > * { display: block; }
}
`;

/** Live-progress script: updates `[data-live-sweep][data-field]` elements of running sweeps. */
export const LIVE_JS = `"use strict";
(() => {
  const nodes = [...document.querySelectorAll("[data-live-sweep]")];
  const names = [...new Set(nodes.map((n) => n.dataset.liveSweep))];
  if (names.length === 0) return;
  const show = (field, value) => {
    if (value == null) return "";
    if (/_at$/.test(field) && /^\\d{4}-\\d\\d-\\d\\dT/.test(value)) {
      return value.slice(0, 19).replace("T", " ") + " UTC";
    }
    return String(value);
  };
  const pick = (value, path) => path.split(".").reduce((o, k) => (o == null ? o : o[k]), value);
  const tick = async () => {
    for (const name of names) {
      let summary;
      try {
        const res = await fetch("/api/sweeps/" + encodeURIComponent(name), { headers: { accept: "application/json" } });
        if (!res.ok) continue;
        summary = await res.json();
      } catch {
        continue;
      }
      for (const el of nodes.filter((n) => n.dataset.liveSweep === name)) {
        const value = pick(summary, el.dataset.field || "");
        if (el.tagName === "PROGRESS") el.value = Number(value) || 0;
        else if (el.dataset.field) el.textContent = show(el.dataset.field, value);
      }
      const shown = nodes.find((n) => n.dataset.liveSweep === name && n.dataset.status);
      if (shown && shown.dataset.status !== summary.status) location.reload();
    }
  };
  setInterval(tick, 2000);
})();
`;

/** Favicon: a small Pareto staircase. */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">
<rect width="16" height="16" rx="3" fill="#18202f"/>
<path d="M3 3v4h4v3h3v3h3" fill="none" stroke="#7fb0ff" stroke-width="1.6"/>
</svg>
`;
