import type { FC } from "hono/jsx";
import type { PlanRecord, RunRecord } from "../run_record.ts";
import { type MemoryBudgets, memoryBudgets } from "../memory_budgets.ts";
import { num } from "./format.ts";
import { Badge, type Html, Layout } from "./layout.tsx";

/** Props of {@linkcode ConfigPage}. */
export interface ConfigPageProps {
  /** Sweep name. */
  sweep: string;
  /** The configuration's record. */
  record: RunRecord;
  /** Sentences explaining the outcome. */
  rationale: string[];
}

const StageTable: FC<{ plan: PlanRecord; id?: string }> = ({ plan, id }) => {
  const sum = (
    k:
      | "execution_latency_ms"
      | "transfer_latency_ms"
      | "execution_energy_mj"
      | "transfer_energy_mj"
      | "memory_mb",
  ) => plan.stages.reduce((s, st) => s + st[k], 0);
  return (
    <div class="table-wrap">
      <table id={id}>
        <thead>
          <tr>
            <th class="n">#</th>
            <th>Stage</th>
            <th>Device</th>
            <th class="n">Exec ms</th>
            <th class="n">Xfer ms</th>
            <th class="n">Total ms</th>
            <th class="n">Exec mJ</th>
            <th class="n">Xfer mJ</th>
            <th class="n">Memory MB</th>
          </tr>
        </thead>
        <tbody>
          {plan.stages.map((st, i) => (
            <tr>
              <td class="n">{i}</td>
              <td>{st.stage_name}</td>
              <td>{st.device_name}</td>
              <td class="n">{num(st.execution_latency_ms)}</td>
              <td class="n">{num(st.transfer_latency_ms)}</td>
              <td class="n">{num(st.execution_latency_ms + st.transfer_latency_ms)}</td>
              <td class="n">{num(st.execution_energy_mj)}</td>
              <td class="n">{num(st.transfer_energy_mj)}</td>
              <td class="n">{num(st.memory_mb, 0)}</td>
            </tr>
          ))}
          <tr class="total">
            <td></td>
            <td>Total</td>
            <td>{`${plan.switches} switch${plan.switches === 1 ? "" : "es"}`}</td>
            <td class="n">{num(sum("execution_latency_ms"))}</td>
            <td class="n">{num(sum("transfer_latency_ms"))}</td>
            <td class="n">{num(plan.latency_ms)}</td>
            <td class="n">{num(sum("execution_energy_mj"))}</td>
            <td class="n">{num(sum("transfer_energy_mj"))}</td>
            <td class="n">{num(sum("memory_mb"), 0)}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
};

const MemoryBars: FC<{ plan: PlanRecord; budgets: MemoryBudgets }> = ({ plan, budgets }) => {
  const known = budgets.byDevice;
  const devices = [...new Set([...Object.keys(known), ...Object.keys(plan.memory_by_device)])];
  const scale = Math.max(
    1,
    ...devices.map((d) => Math.max(plan.memory_by_device[d] ?? 0, known[d] ?? 0)),
  );
  const missing = devices.filter((d) => known[d] === undefined);
  return (
    <div id="memory">
      {budgets.source === "none" && (
        <p class="muted">
          The results do not record memory budgets for this configuration (optional{" "}
          <code>memory_budget_by_device</code> key of runs.jsonl), so only use is shown.
        </p>
      )}
      {budgets.source === "axes" && (
        <p class="muted">
          {`Budgets from the sweep's memory_mb axes (${Object.keys(known).join(", ")})` +
            (missing.length
              ? `; not recorded for ${missing.join(", ")}, whose use only is shown.`
              : ".")}
        </p>
      )}
      {devices.map((d) => {
        const used = plan.memory_by_device[d] ?? 0;
        const budget = known[d];
        const over = budget !== undefined && used > budget;
        const usedWidth = (used / scale) * 100;
        return (
          <div class="bar-row">
            <strong>{d}</strong>
            <svg viewBox="0 0 100 16" preserveAspectRatio="none" role="img">
              <title>
                {budget === undefined ? `${d}: ${used} MB used` : `${d}: ${used} of ${budget} MB`}
              </title>
              {budget !== undefined && (
                <rect
                  x="0"
                  y="1"
                  width={(budget / scale) * 100}
                  height="14"
                  fill="#e6eaf2"
                  stroke="#9aa4b8"
                  stroke-width="0.3"
                />
              )}
              <rect x="0" y="3" width={usedWidth} height="10" fill={over ? "#b3261e" : "#2857b8"} />
            </svg>
            <span class={over ? "over" : undefined}>
              {budget === undefined
                ? `${num(used, 0)} MB used`
                : `${num(used, 0)} / ${num(budget, 0)} MB (${
                  num(budget > 0 ? (used / budget) * 100 : 0, 0)
                }%)`}
            </span>
          </div>
        );
      })}
    </div>
  );
};

/** The placement of one configuration: stages, memory, rationale, parameters, runner-ups. */
export function ConfigPage({ sweep, record, rationale }: ConfigPageProps): Html {
  const base = `/sweeps/${encodeURIComponent(sweep)}`;
  const [best, ...others] = record.plans;
  const json = `/api/sweeps/${encodeURIComponent(sweep)}/configs/${encodeURIComponent(record.id)}`;
  return (
    <Layout title={`${record.id} \u00b7 ${sweep}`}>
      <div class="crumbs">
        <a href="/">Sweeps</a> / <a href={base}>{sweep}</a> /
      </div>
      <h1>
        {`Configuration ${record.id} `}
        <Badge status={record.status} />
      </h1>
      <p class="muted">
        {`#${record.index} \u00b7 `}
        <a href={json}>JSON</a>
      </p>
      <div class="grid2">
        <section>
          <h2>Parameters</h2>
          <dl class="facts" id="params">
            {Object.entries(record.params).map(([k, v]) => (
              <>
                <dt>{k}</dt>
                <dd>
                  {v === null ? "none" : typeof v === "object" ? JSON.stringify(v) : String(v)}
                </dd>
              </>
            ))}
            <dt>solver</dt>
            <dd>
              {`${record.strategy ?? "\u2013"}, ${
                record.optimal ? "optimal" : "not proved optimal"
              }, gap ${num(record.gap ?? null, 4)}, lower bound ${
                num(record.lower_bound ?? null, 4)
              }, ${num(record.solve_ms ?? null, 3)} ms`}
            </dd>
          </dl>
        </section>
        <section>
          <h2>Rationale</h2>
          <ul class="why" id="rationale">
            {rationale.map((line) => <li>{line}</li>)}
          </ul>
        </section>
      </div>
      {best && (
        <>
          <h2>Placement (rank 1)</h2>
          <p>
            {`${num(best.latency_ms)} ms \u00b7 ${num(best.energy_mj)} mJ \u00b7 score ${
              num(best.score, 6)
            } \u00b7 `}
            <code>{best.devices.join(" \u2192 ")}</code>
          </p>
          <StageTable plan={best} id="stages" />
          <h2>Memory per device</h2>
          <MemoryBars plan={best} budgets={memoryBudgets(record)} />
        </>
      )}
      <h2>Runner-up plans</h2>
      {others.length === 0
        ? (
          <p class="muted">
            {best ? "No other plan was kept for this configuration." : "No plan."}
          </p>
        )
        : (
          <>
            <div class="table-wrap">
              <table id="runner-ups">
                <thead>
                  <tr>
                    <th class="n">Rank</th>
                    <th class="n">Score</th>
                    <th class="n">&Delta; score</th>
                    <th class="n">Latency ms</th>
                    <th class="n">Energy mJ</th>
                    <th class="n">Switches</th>
                    <th>Devices</th>
                  </tr>
                </thead>
                <tbody>
                  {others.map((p) => (
                    <tr>
                      <td class="n">{p.rank}</td>
                      <td class="n">{num(p.score, 6)}</td>
                      <td class="n">{best ? `+${num(p.score - best.score, 6)}` : "\u2013"}</td>
                      <td class="n">{num(p.latency_ms)}</td>
                      <td class="n">{num(p.energy_mj)}</td>
                      <td class="n">{p.switches}</td>
                      <td>{p.devices.join(" ")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {others.map((p) => (
              <details>
                <summary>{`Rank ${p.rank} stages`}</summary>
                <StageTable plan={p} />
              </details>
            ))}
          </>
        )}
    </Layout>
  );
}
