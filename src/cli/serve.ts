// deno-lint-ignore-file no-console -- a CLI command: it prints where it listens and warnings.
import { resolve } from "node:path";
import { createApp, warmSweeps } from "../dashboard/mod.ts";
import { numberFlag, parseFlags } from "./flags.ts";
import { UsageError } from "./usage_error.ts";

const USAGE = `Usage: deno task serve [--results DIR] [--host HOST] [--port PORT]

Serves the results dashboard (read-only) over a results folder.

Options:
  --results DIR   results folder to show (default: results)
  --host HOST     address to bind (default: 127.0.0.1; anything else is reachable from
                  other machines and the dashboard has no authentication)
  --port PORT     TCP port, 0 for any free port (default: 8000)
  --no-preload    do not prepare sweeps in the background (parse tables, draw charts at
                  start-up and every 10 s after files change); first page views then parse
  -h, --help      show this help`;

/**
 * Whether a host name or address is a loopback one (127.0.0.0/8, ::1, localhost).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isLoopback } from "./serve.ts";
 * assert.equal(isLoopback("127.0.0.1"), true);
 * assert.equal(isLoopback("0.0.0.0"), false);
 * ```
 */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

/** `serve`: runs the dashboard until interrupted. */
export async function serve(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags("serve", args, {
    results: { type: "string", default: "results" },
    host: { type: "string", default: "127.0.0.1" },
    port: { type: "string", default: "8000" },
    "no-preload": { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length > 0) {
    throw new UsageError(`serve: unexpected argument "${positionals[0]}" (use --results DIR)`);
  }
  const port = numberFlag("--port", values.port, { min: 0, max: 65535, integer: true });
  const host = values.host.trim();
  if (host === "" || /[\s/]/.test(host)) {
    throw new UsageError(`--host must be a host name or address: got "${values.host}"`);
  }
  const results = resolve(values.results);
  try {
    if (!(await Deno.stat(results)).isDirectory) {
      throw new UsageError(`--results ${results} is not a folder`);
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    console.warn(`warning: ${results} does not exist yet; sweeps appear once it does`);
  }
  const app = createApp({
    results,
    log: (error) =>
      console.error(`dashboard error: ${error instanceof Error ? error.stack : error}`),
  });
  const controller = new AbortController();
  const server = Deno.serve({
    hostname: host,
    port,
    signal: controller.signal,
    onListen: ({ hostname, port }) => {
      const shown = hostname.includes(":") ? `[${hostname}]` : hostname;
      console.log(`Dashboard: http://${shown}:${port}/  (results: ${results})`);
      if (!isLoopback(hostname)) {
        console.warn(
          `warning: bound to ${hostname}, so other machines can reach the dashboard; it has no ` +
            `authentication. Use --host 127.0.0.1 unless that is what you want.`,
        );
      }
    },
  }, app.fetch);
  const stop = () => controller.abort();
  Deno.addSignalListener("SIGINT", stop);
  if (Deno.build.os !== "windows") Deno.addSignalListener("SIGTERM", stop);
  let warming: ReturnType<typeof setInterval> | undefined;
  if (!values["no-preload"]) {
    const started = performance.now();
    const names = await warmSweeps(app);
    console.log(
      `Prepared ${names.length} sweep(s) in ${(performance.now() - started).toFixed(0)} ms`,
    );
    let busy = false;
    warming = setInterval(async () => {
      if (busy) return;
      busy = true;
      try {
        await warmSweeps(app);
      } catch (error) {
        console.error(`dashboard: preparing sweeps failed: ${error}`);
      } finally {
        busy = false;
      }
    }, 10_000);
  }
  await server.finished;
  clearInterval(warming);
  Deno.removeSignalListener("SIGINT", stop);
  if (Deno.build.os !== "windows") Deno.removeSignalListener("SIGTERM", stop);
  return 0;
}
