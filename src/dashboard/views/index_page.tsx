import type { SweepSummary } from "../sweep_summary.ts";
import { bytes, time } from "./format.ts";
import { Badge, type Html, Layout } from "./layout.tsx";

const sweepHref = (name: string) => `/sweeps/${encodeURIComponent(name)}`;

/** The sweeps list: size, counts by status, when each ran and whether it still runs. */
export function IndexPage({ sweeps, root }: { sweeps: SweepSummary[]; root: string }): Html {
  return (
    <Layout
      title="Sweeps"
      live={sweeps.some((s) => s.running)}
    >
      <h1>Sweeps</h1>
      <p class="muted">
        {`${sweeps.length} sweep${sweeps.length === 1 ? "" : "s"} in `}
        <code>{root}</code>
      </p>
      {sweeps.length === 0
        ? (
          <p>
            No sweep folders yet. Run <code>deno task sweep sweeps/budgets.yaml</code> to make one.
          </p>
        )
        : (
          <div class="table-wrap">
            <table id="sweeps">
              <thead>
                <tr>
                  <th>Sweep</th>
                  <th>Status</th>
                  <th class="n">Configs</th>
                  <th class="n">ok</th>
                  <th class="n">infeasible</th>
                  <th class="n">error</th>
                  <th class="n">pending</th>
                  <th>Started</th>
                  <th>Finished / updated</th>
                  <th class="n">Size</th>
                </tr>
              </thead>
              <tbody>
                {sweeps.map((s) => {
                  const live = s.running ? s.name : undefined;
                  return (
                    <tr>
                      <td>
                        <a href={sweepHref(s.name)}>{s.name}</a>
                        {s.error && <div class="muted">{s.error}</div>}
                      </td>
                      <td data-live-sweep={live} data-status={live && s.status}>
                        <Badge status={s.stale ? "stale" : s.status} /> {s.running && (
                          <progress
                            max={s.config_count}
                            value={s.done}
                            data-live-sweep={live}
                            data-field="done"
                          />
                        )}
                        {s.stale && (
                          <div class="muted">running, but no update since {time(s.updated_at)}</div>
                        )}
                      </td>
                      <td class="n">{s.config_count}</td>
                      {(["ok", "infeasible", "error", "pending"] as const).map((k) => (
                        <td class="n" data-live-sweep={live} data-field={`counts.${k}`}>
                          {s.counts[k] ?? 0}
                        </td>
                      ))}
                      <td>{time(s.started_at)}</td>
                      <td data-live-sweep={live} data-field="updated_at">
                        {s.finished_at ? time(s.finished_at) : time(s.updated_at)}
                      </td>
                      <td class="n">{bytes(s.bytes)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
    </Layout>
  );
}
