/**
 * Sweep worker entry point: receives the spec once, then solves batches of grid indices and
 * answers with JSONL text. Speaks the protocol of `protocol.ts`; prints nothing.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { RUN_STATUSES } from "../results/run_record.ts";
import { ConfigSolver } from "./config_solver.ts";
import type { FromWorker, ToWorker, WorkerHooks } from "./protocol.ts";

let solver: ConfigSolver | undefined;
let hooks: WorkerHooks = {};

const encoder = new TextEncoder();

function post(message: FromWorker, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  try {
    switch (message.type) {
      case "init":
        hooks = message.hooks;
        if (hooks.initError !== undefined) throw new Error(hooks.initError);
        solver = new ConfigSolver(message.spec, hooks);
        post({ type: "ready" });
        break;
      case "batch": {
        if (!solver) throw new Error("batch received before init");
        const { indices } = message;
        if (message.attempt === 0 && hooks.crashAt?.some((i) => indices.includes(i))) {
          // Simulates a worker dying mid-batch: an uncaught error ends the worker.
          setTimeout(() => {
            throw new Error("test hook: worker crash");
          });
          return;
        }
        const statuses = new Uint8Array(indices.length);
        let lines = "";
        for (let k = 0; k < indices.length; k++) {
          const { status, text } = solver.line(indices[k]!);
          statuses[k] = RUN_STATUSES.indexOf(status);
          lines += text + "\n";
        }
        const bytes = encoder.encode(lines);
        post({ type: "result", batch: message.batch, lines: bytes, statuses }, [
          bytes.buffer as ArrayBuffer,
        ]);
        break;
      }
      case "stop":
        self.close();
        break;
    }
  } catch (error) {
    post({
      type: "error",
      message: error instanceof Error ? error.message : String(error),
      ...(error instanceof Error && error.stack ? { stack: error.stack } : {}),
    });
  }
};
