import { type Context, Hono } from "hono";
import { html } from "hono/html";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { validator } from "hono/validator";
import { frontsShown, inChartGroup } from "./chart_group.ts";
import { explain } from "./rationale.ts";
import { ResultsError } from "./results_error.ts";
import { ResultsStore } from "./results_store.ts";
import { renderScatter } from "./scatter.ts";
import { DOWNLOADS, type FrontsVersion, type Sweep } from "./sweep.ts";
import { summarize, summarizeAll, type SummaryOptions } from "./sweep_summary.ts";
import { parseTableQuery } from "./table_query.ts";
import { FAVICON_SVG, LIVE_JS, STYLE_CSS } from "./static_assets.ts";
import { ConfigPage } from "./views/config_page.tsx";
import { ErrorPage } from "./views/error_page.tsx";
import { IndexPage } from "./views/index_page.tsx";
import { SweepPage } from "./views/sweep_page.tsx";
import type { ConfigTable } from "./config_table.ts";
import type { HtmlEscapedString } from "hono/utils/html";

/** Options of {@linkcode createApp}. */
export interface AppOptions {
  /** Results root folder. @default "results" */
  results?: string;
  /** Receives unexpected errors (the CLI prints them); never shown to clients. @default ignore */
  log?: (error: unknown) => void;
  /** Clock, for "still running" checks. @default () => new Date() */
  now?: () => Date;
  /** A running sweep without update for this long is shown as stale. @default 600000 */
  staleAfterMs?: number;
}

/** Default options of {@linkcode createApp}. */
export const defaults = {
  results: "results",
  log: () => {},
  now: () => new Date(),
  staleAfterMs: 600_000,
} satisfies Required<AppOptions>;

type Env = { Variables: { sweep: Sweep } };

const ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/** Columns the chart can be coloured by: the axes, then a few result columns. */
function colorChoices(table: ConfigTable): string[] {
  return [...table.axes, "group", "switches", "strategy", "device_path", "is_pareto"];
}

/**
 * Middleware factory: resolves the `:name` URL parameter to a sweep folder among the existing
 * ones (never joined into a path) and stores it as `sweep`, or answers 404.
 */
function sweepLoader(store: ResultsStore) {
  return async function loadSweep(c: Context<Env>, next: () => Promise<void>) {
    const name = c.req.param("name") ?? "";
    const sweep = await store.get(name);
    if (!sweep) throw new HTTPException(404, { message: `No sweep named "${name}"` });
    c.set("sweep", sweep);
    await next();
  };
}

/** Query validator for table requests: zod at the edge, 400 on bad values. */
const tableQuery = validator("query", (_value, c) => {
  try {
    return parseTableQuery(c.req.queries());
  } catch (error) {
    if (error instanceof RangeError) throw new HTTPException(400, { message: error.message });
    throw error;
  }
});

async function loadRecord(sweep: Sweep, id: string) {
  const record = ID.test(id) ? await sweep.record(id) : undefined;
  if (!record) {
    throw new HTTPException(404, { message: `No configuration "${id}" in sweep "${sweep.name}"` });
  }
  return record;
}

/**
 * The sweep's exact fronts for a page: null without fronts.csv; an unreadable file is logged
 * and reported on the page (the rest of the page is still drawn).
 */
async function pageFronts(
  sweep: Sweep,
  log: (error: unknown) => void,
): Promise<{ fronts: FrontsVersion | null; error?: string }> {
  try {
    return { fronts: await sweep.fronts() };
  } catch (error) {
    if (!(error instanceof ResultsError)) throw error;
    log(error);
    return { fronts: null, error: error.message };
  }
}

function page(c: Context, node: HtmlEscapedString | Promise<HtmlEscapedString>, status = 200) {
  return c.html(html`<!DOCTYPE html>${node}`, status as ContentfulStatusCode);
}

/**
 * Builds the dashboard: a read-only Hono app over a results folder, with HTML pages, a JSON API
 * under /api/, CSV downloads and one error handler.
 *
 * @param options Results folder, logger, clock.
 * @returns The app; serve it with `Deno.serve(app.fetch)` or call `app.request()` in tests.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createApp } from "./app.tsx";
 * const app = createApp({ results: await Deno.makeTempDir() });
 * const res = await app.request("/api/sweeps");
 * assert.deepEqual(await res.json(), { sweeps: [] });
 * ```
 */
export function createApp(options: AppOptions = {}): Hono<Env> {
  const { results, log, now, staleAfterMs } = { ...defaults, ...options };
  const store = new ResultsStore(results);
  const summaryOptions = (): SummaryOptions => ({ now: now(), staleAfterMs });
  const app = new Hono<Env>();

  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  const loadSweep = sweepLoader(store);
  for (
    const path of ["/sweeps/:name", "/sweeps/:name/*", "/api/sweeps/:name", "/api/sweeps/:name/*"]
  ) {
    app.use(path, loadSweep);
  }

  app.get(
    "/static/style.css",
    (c) => c.body(STYLE_CSS, 200, { "content-type": "text/css; charset=utf-8" }),
  );
  app.get(
    "/static/favicon.svg",
    (c) => c.body(FAVICON_SVG, 200, { "content-type": "image/svg+xml" }),
  );
  app.get("/favicon.ico", (c) => c.redirect("/static/favicon.svg", 301));
  app.get(
    "/static/live.js",
    (c) => c.body(LIVE_JS, 200, { "content-type": "text/javascript; charset=utf-8" }),
  );

  app.get(
    "/",
    async (c) =>
      page(c, <IndexPage sweeps={await summarizeAll(store, summaryOptions())} root={store.root} />),
  );

  app.get("/sweeps/:name", tableQuery, async (c) => {
    const sweep = c.get("sweep");
    const query = c.req.valid("query");
    const [summary, manifest, data, files, exact] = await Promise.all([
      summarize(sweep, summaryOptions()),
      sweep.manifest(),
      sweep.table(),
      sweep.files(),
      pageFronts(sweep, log),
    ]);
    const colors = colorChoices(data.table);
    const color = query.color ?? (colors.includes("goal") ? "goal" : colors[0] ?? "group");
    if (!colors.includes(color)) {
      throw new HTTPException(400, {
        message: `Cannot colour by "${color}": choose one of ${colors.join(", ")}`,
      });
    }
    const groups = [
      ...new Set([
        ...(exact.fronts?.fronts.map((f) => f.group) ?? []),
        ...data.table.distinct("group"),
      ]),
    ];
    const group = query.group;
    if (group !== undefined && !groups.includes(group)) {
      throw new HTTPException(400, {
        message: `Cannot show group "${group}": choose one of ${groups.join(", ")}`,
      });
    }
    const fronts = exact.fronts ? frontsShown(data.table, exact.fronts.fronts, group) : [];
    const table = tablePage(data.table, query);
    const base = `/sweeps/${encodeURIComponent(sweep.name)}/configs/`;
    const chart = data.table.memo(
      `scatter:${color}:${group ?? ""}:${exact.fronts?.version ?? ""}`,
      () =>
        renderScatter(data.table, {
          color,
          href: (row) => base + encodeURIComponent(row.id),
          fronts,
          ...(group === undefined ? {} : { only: (row) => inChartGroup(row, group) }),
        }),
    );
    return page(
      c,
      <SweepPage
        summary={summary}
        manifest={manifest}
        data={data}
        page={table}
        query={query}
        colors={colors}
        color={color}
        chart={chart}
        files={files}
        fronts={exact.fronts && { all: exact.fronts.fronts, shown: fronts }}
        frontsError={exact.error}
      />,
    );
  });

  app.get("/sweeps/:name/configs/:id", async (c) => {
    const sweep = c.get("sweep");
    const record = await loadRecord(sweep, c.req.param("id"));
    return page(c, <ConfigPage sweep={sweep.name} record={record} rationale={explain(record)} />);
  });

  app.get("/sweeps/:name/files/:file", async (c) => {
    const sweep = c.get("sweep");
    const file = DOWNLOADS.find((f) => f === c.req.param("file"));
    if (!file) {
      throw new HTTPException(404, { message: `No downloadable file "${c.req.param("file")}"` });
    }
    let handle: Deno.FsFile;
    try {
      handle = await Deno.open(sweep.path(file), { read: true });
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) {
        throw new HTTPException(404, {
          message: `${file} is not written yet for sweep "${sweep.name}"`,
        });
      }
      throw error;
    }
    const ascii = `${sweep.name}-${file}`.replace(/[^A-Za-z0-9_.-]/g, "_");
    const headers = {
      "content-type": file.endsWith(".csv") ? "text/csv; charset=utf-8" : "application/json",
      "content-length": String((await handle.stat()).size),
      "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${
        encodeURIComponent(`${sweep.name}-${file}`)
      }`,
    };
    if (c.req.method === "HEAD") {
      handle.close();
      return c.body(null, 200, headers);
    }
    return c.body(handle.readable, 200, headers);
  });

  app.get(
    "/api/sweeps",
    async (c) => c.json({ sweeps: await summarizeAll(store, summaryOptions()) }),
  );

  app.get("/api/sweeps/:name", async (c) => {
    const sweep = c.get("sweep");
    const [summary, manifest] = await Promise.all([
      summarize(sweep, summaryOptions()),
      sweep.manifest(),
    ]);
    return c.json({ ...summary, manifest });
  });

  app.get("/api/sweeps/:name/configs", tableQuery, async (c) => {
    const sweep = c.get("sweep");
    const query = c.req.valid("query");
    const data = await sweep.table();
    const result = tablePage(data.table, query);
    return c.json({
      sweep: sweep.name,
      version: data.version,
      source: data.source,
      sort: query.sort,
      dir: query.dir,
      ...result,
    });
  });

  app.get("/api/sweeps/:name/fronts", async (c) => {
    const sweep = c.get("sweep");
    const exact = await sweep.fronts();
    if (!exact) {
      throw new HTTPException(404, {
        message:
          `Sweep "${sweep.name}" has no fronts.csv (written by a sweep with fronts: true or --fronts)`,
      });
    }
    return c.json({ sweep: sweep.name, version: exact.version, fronts: exact.fronts });
  });

  app.get("/api/sweeps/:name/configs/:id", async (c) => {
    const sweep = c.get("sweep");
    return c.json(await loadRecord(sweep, c.req.param("id")));
  });

  app.notFound((c) => errorResponse(c, 404, `Nothing at ${c.req.path}`));

  app.onError((error, c) => {
    if (error instanceof HTTPException) return errorResponse(c, error.status, error.message);
    if (error instanceof ResultsError) {
      log(error);
      return errorResponse(c, 500, error.message);
    }
    log(error);
    return errorResponse(c, 500, "Internal server error");
  });
  return app;
}

function tablePage(table: ConfigTable, query: ReturnType<typeof parseTableQuery>) {
  try {
    return table.query(query);
  } catch (error) {
    if (error instanceof RangeError) throw new HTTPException(400, { message: error.message });
    throw error;
  }
}

function errorResponse(c: Context, status: number, message: string) {
  const code = status as ContentfulStatusCode;
  const text = message || (status === 404 ? "Not found" : "Error");
  if (c.req.path.startsWith("/api/")) return c.json({ error: { status, message: text } }, code);
  return page(c, <ErrorPage status={status} message={text} />, status);
}
