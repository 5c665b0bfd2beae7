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

/** UTF-8 bytes of recent plans texts (the same string object for configurations sharing a result). */
const plansCache = new Map<string, Uint8Array>();

function plansBytes(plans: string): Uint8Array {
  let bytes = plansCache.get(plans);
  if (bytes === undefined) {
    bytes = encoder.encode(plans);
    if (plansCache.size >= 4096) plansCache.clear();
    plansCache.set(plans, bytes);
  }
  return bytes;
}

/** A growing byte buffer that UTF-8 text and bytes are appended to. */
class ByteBuffer {
  #buffer: Uint8Array;
  #length = 0;

  constructor(capacity: number) {
    this.#buffer = new Uint8Array(capacity);
  }

  #reserve(n: number): void {
    if (this.#length + n <= this.#buffer.length) return;
    const bigger = new Uint8Array(Math.max(this.#buffer.length * 2, this.#length + n));
    bigger.set(this.#buffer.subarray(0, this.#length));
    this.#buffer = bigger;
  }

  text(text: string): void {
    this.#reserve(text.length * 3);
    this.#length += encoder.encodeInto(text, this.#buffer.subarray(this.#length)).written;
  }

  bytes(bytes: Uint8Array): void {
    this.#reserve(bytes.length);
    this.#buffer.set(bytes, this.#length);
    this.#length += bytes.length;
  }

  /** Empties the buffer (keeping its memory). */
  clear(): void {
    this.#length = 0;
  }

  /** A copy of the bytes appended so far, in a buffer of their size (cheap to transfer). */
  copy(): Uint8Array {
    return this.#buffer.slice(0, this.#length);
  }
}

function post(message: FromWorker, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

/** Where a batch's lines are assembled (reused across batches). */
const out = new ByteBuffer(1 << 20);

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
        out.clear();
        for (let k = 0; k < indices.length; k++) {
          const { status, head, plans, tail } = solver.linePieces(indices[k]!);
          statuses[k] = RUN_STATUSES.indexOf(status);
          out.text(head);
          out.bytes(plansBytes(plans));
          out.text(tail + "\n");
        }
        const bytes = out.copy();
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
