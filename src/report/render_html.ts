import { formatMb } from "./format_mb.ts";
import { escapeHtml as e } from "./escape_html.ts";
import type { PlanRecord } from "./plan_record.ts";

const f2 = (x: number) => x.toFixed(2);

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d2733}
h1{font-size:1.4rem;margin-bottom:.2rem} .muted{color:#5b6875}
.kpis{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}
.kpi{border:1px solid #d5dce3;border-radius:6px;padding:.5rem .9rem}
.kpi b{display:block;font-size:1.25rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}
th,td{border-bottom:1px solid #e3e8ee;padding:.3rem .5rem;text-align:right}
th:first-child,td:first-child,th:nth-child(2),td:nth-child(2){text-align:left}
.bar{background:#eef2f6;border-radius:4px;height:1rem;position:relative;min-width:12rem}
.bar span{position:absolute;left:0;top:0;bottom:0;background:#3b7dd8;border-radius:4px}
.bar.over span{background:#c0392b}
@media print{body{margin:0;max-width:none}}`;

/**
 * Renders plans as one self-contained HTML page (no external assets): summary, placement table,
 * memory bars per device, rationale and alternatives. Every value is escaped.
 *
 * @param plans The ranked plans, best first (at least one).
 * @param proof A sentence on the proof status.
 * @returns The HTML document.
 */
export function renderHtml(plans: readonly PlanRecord[], proof: string): string {
  const best = plans[0];
  if (!best) throw new RangeError("Cannot render an HTML report with no plans");
  const kpi = (label: string, value: string) =>
    `<div class="kpi"><span class="muted">${e(label)}</span><b>${e(value)}</b></div>`;
  const stageRows = best.assignments.map((a) =>
    `<tr><td>${e(a.stage_name)}</td><td>${e(a.device_name)}</td><td>${
      f2(a.execution_latency_ms)
    }</td><td>${f2(a.transfer_latency_ms)}</td><td>${f2(a.total_latency_ms)}</td><td>${
      f2(a.execution_energy_mj)
    }</td><td>${f2(a.transfer_energy_mj)}</td><td>${formatMb(a.memory_mb)}</td></tr>`
  ).join("\n");
  const memoryRows = Object.entries(best.memory_by_device).map(([device, used]) => {
    const budget = best.memory_budget_by_device[device] ?? 0;
    const share = budget > 0 ? used / budget : used > 0 ? 1 : 0;
    const width = Math.min(100, share * 100).toFixed(1);
    return `<tr><td>${e(device)}</td><td>${formatMb(used)} / ${formatMb(budget)} MB</td>` +
      `<td><div class="bar${share > 1 ? " over" : ""}" role="img" aria-label="${
        e(`${(share * 100).toFixed(0)}% of budget`)
      }"><span style="width:${width}%"></span></div></td><td>${
        (share * 100).toFixed(0)
      }%</td></tr>`;
  }).join("\n");
  const alternatives = plans.slice(1).map((p) =>
    `<tr><td>${p.rank}</td><td>${p.device_path.map(e).join(" &rarr; ")}</td><td>${
      p.total_score.toFixed(4)
    }</td><td>${f2(p.total_latency_ms)}</td><td>${
      f2(p.total_energy_mj)
    }</td><td>${p.switches}</td></tr>`
  ).join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(best.pipeline_name)}: placement plan</title>
<style>${STYLE}</style></head>
<body>
<h1>${e(best.pipeline_name)}</h1>
<p class="muted">Goal ${e(best.goal)} &middot; strategy ${e(best.strategy)} &middot; ${e(proof)}</p>
<div class="kpis">${kpi("Score", best.total_score.toFixed(4))}${
    kpi("Latency", `${f2(best.total_latency_ms)} ms`)
  }${kpi("Energy", `${f2(best.total_energy_mj)} mJ`)}${kpi("Switches", String(best.switches))}</div>
<h2>Placement</h2>
<table><thead><tr><th>stage</th><th>device</th><th>exec ms</th><th>xfer ms</th><th>total ms</th><th>exec mJ</th><th>xfer mJ</th><th>memory MB</th></tr></thead>
<tbody>
${stageRows}
</tbody></table>
<h2>Memory per device</h2>
<table><thead><tr><th>device</th><th>used / budget</th><th>utilisation</th><th>%</th></tr></thead>
<tbody>
${memoryRows}
</tbody></table>
<h2>Rationale</h2>
<ul>${best.explanation.map((l) => `<li>${e(l)}</li>`).join("\n")}</ul>
${
    alternatives
      ? `<h2>Alternatives</h2>
<table><thead><tr><th>rank</th><th>device path</th><th>score</th><th>latency ms</th><th>energy mJ</th><th>switches</th></tr></thead>
<tbody>
${alternatives}
</tbody></table>`
      : ""
  }
</body></html>
`;
}
