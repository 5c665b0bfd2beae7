// deno-lint-ignore-file no-console -- the CLI is where the program talks to the user
import type { SweepProgress } from "../sweep/run_sweep.ts";

/** Options of {@linkcode progressReporter}. */
export interface ProgressOptions {
  /** Draw a bar that redraws itself (a terminal); else print a line now and then. */
  tty: boolean;
  /** Print nothing. @default false */
  quiet?: boolean;
  /** Seconds between plain lines. @default 5 */
  every?: number;
}

/**
 * Reports sweep progress on stderr: on a terminal a bar (done/total, rate, ETA, infeasible and
 * error counts) redrawn at most 10 times a second, otherwise a plain line every few seconds.
 *
 * @returns `update` for each progress event, `end` to finish the line.
 */
export function progressReporter(
  options: ProgressOptions,
): { update: (p: SweepProgress) => void; end: () => void } {
  const { tty, quiet = false, every = 5 } = options;
  let last = 0;
  let drawn = false;
  const line = (p: SweepProgress) => {
    const seconds = p.elapsedMs / 1000;
    const rate = seconds > 0 ? p.solvedNow / seconds : 0;
    const left = p.todo - p.solvedNow;
    const eta = rate > 0 ? formatSeconds(left / rate) : "?";
    const pct = p.total > 0 ? (100 * p.done) / p.total : 100;
    return `${p.done}/${p.total} (${pct.toFixed(1)}%)  ${Math.round(rate)}/s  ETA ${eta}  ` +
      `infeasible ${p.counts.infeasible}  errors ${p.counts.error}`;
  };
  return {
    update(p) {
      if (quiet) return;
      const now = performance.now();
      if (tty) {
        if (now - last < 100 && p.solvedNow < p.todo) return;
        last = now;
        const width = 24;
        const filled = p.total > 0 ? Math.round((width * p.done) / p.total) : width;
        const bar = "#".repeat(filled) + "-".repeat(width - filled);
        Deno.stderr.writeSync(new TextEncoder().encode(`\r\x1b[2K[${bar}] ${line(p)}`));
        drawn = true;
      } else if (now - last >= every * 1000) {
        last = now;
        console.error(`progress: ${line(p)}`);
      }
    },
    end() {
      if (drawn) Deno.stderr.writeSync(new TextEncoder().encode("\n"));
      drawn = false;
    },
  };
}

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return "?";
  if (s < 60) return `${s.toFixed(0)}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}
