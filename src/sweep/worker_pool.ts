import type { SweepSpec } from "./model.ts";
import type { FromWorker, ToWorker, WorkerHooks } from "./protocol.ts";

/** One solved batch, as handed to {@linkcode PoolOptions.onResult}. */
export interface BatchResult {
  batch: number;
  indices: Float64Array;
  /** UTF-8 JSONL, one line per configuration. */
  lines: Uint8Array;
  /** Status code per configuration. */
  statuses: Uint8Array;
}

/** Options of {@linkcode runPool}. */
export interface PoolOptions {
  /** Number of workers. @default navigator.hardwareConcurrency */
  workers?: number;
  /** Batches in flight per worker. @default 2 */
  depth?: number;
  /** Test hooks passed to the workers. @default {} */
  hooks?: WorkerHooks;
  /** Stops handing out batches; those in flight finish and are reported. */
  signal?: AbortSignal;
  /** Receives each batch's result, in batch order, one at a time. */
  onResult: (result: BatchResult) => Promise<void> | void;
  /** Builds the result of a batch whose worker died on it twice. */
  onBatchFailed: (batch: number, indices: Float64Array, message: string) => BatchResult;
}

interface Slot {
  worker: Worker;
  /** Whether the current worker answered `init`. */
  ready: boolean;
  inflight: Map<number, { indices: Float64Array; attempt: number }>;
}

/**
 * Solves batches of grid indices on a pool of Deno workers. Each worker keeps `depth` batches
 * in flight; results are reported in batch order whatever the order they finish in. A worker
 * that dies is replaced and its batches are retried once; a batch that kills its worker twice
 * is reported through `onBatchFailed`.
 *
 * @param spec The sweep, sent once to each worker.
 * @param batches The batches to solve (grid indices), consumed lazily.
 * @param options Pool size, callbacks and cancellation.
 * @returns Whether the run was stopped by `signal` before every batch was handed out.
 * @throws {Error} When a worker cannot start (e.g. its spec cannot be read).
 *
 * @example Solving two batches and collecting the JSONL text
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadSweep } from "./load_sweep.ts";
 * import { runPool } from "./worker_pool.ts";
 * const spec = await loadSweep("sweeps/budgets.yaml");
 * const batches = [Float64Array.of(0, 1, 2), Float64Array.of(3, 4)].values();
 * let lines = 0;
 * await runPool(spec, batches, {
 *   workers: 2,
 *   onResult: (r) => void (lines += new TextDecoder().decode(r.lines).split("\n").length - 1),
 *   onBatchFailed: () => { throw new Error("unexpected"); },
 * });
 * assert(lines === 5);
 * ```
 */
export function runPool(
  spec: SweepSpec,
  batches: Iterator<Float64Array>,
  options: PoolOptions,
): Promise<{ aborted: boolean }> {
  const {
    workers = navigator.hardwareConcurrency,
    depth = 2,
    hooks = {},
    signal,
    onResult,
    onBatchFailed,
  } = options;
  if (!Number.isInteger(workers) || workers < 1) {
    throw new RangeError(`Cannot start the pool as 'workers' must be at least 1: got ${workers}`);
  }
  return new Promise((resolve, reject) => {
    const slots: Slot[] = [];
    const buffered = new Map<number, BatchResult>();
    const waiting: Slot[] = [];
    let nextBatch = 0;
    let nextEmit = 0;
    let exhausted = false;
    let emitting = false;
    let failed = false;
    const maxBuffered = workers * depth * 4;

    const finish = (error?: unknown) => {
      if (failed) return;
      for (const slot of slots) slot.worker.terminate();
      if (error !== undefined) {
        failed = true;
        reject(error);
      } else resolve({ aborted: signal?.aborted === true && !exhausted });
    };

    const inflightCount = () => slots.reduce((n, s) => n + s.inflight.size, 0);

    const maybeDone = () => {
      if (failed || emitting || buffered.size > 0 || inflightCount() > 0) return;
      if (exhausted || signal?.aborted) finish();
    };

    const emit = async () => {
      if (emitting) return;
      emitting = true;
      try {
        while (buffered.has(nextEmit)) {
          const result = buffered.get(nextEmit)!;
          buffered.delete(nextEmit);
          nextEmit++;
          await onResult(result);
          while (waiting.length > 0 && buffered.size < maxBuffered) feed(waiting.shift()!);
        }
      } catch (error) {
        emitting = false;
        finish(error);
        return;
      }
      emitting = false;
      maybeDone();
    };

    const send = (slot: Slot, batch: number, indices: Float64Array, attempt: number) => {
      slot.inflight.set(batch, { indices, attempt });
      slot.worker.postMessage({ type: "batch", batch, attempt, indices } satisfies ToWorker);
    };

    const feed = (slot: Slot) => {
      while (slot.inflight.size < depth && !exhausted && !signal?.aborted && !failed) {
        if (buffered.size >= maxBuffered) {
          if (!waiting.includes(slot)) waiting.push(slot);
          return;
        }
        const next = batches.next();
        if (next.done) {
          exhausted = true;
          break;
        }
        send(slot, nextBatch++, next.value, 0);
      }
    };

    const start = (slot: Slot) => {
      const worker = new Worker(new URL("./worker.ts", import.meta.url).href, { type: "module" });
      slot.worker = worker;
      slot.ready = false;
      worker.onmessage = (event: MessageEvent<FromWorker>) => {
        const message = event.data;
        switch (message.type) {
          case "ready":
            slot.ready = true;
            break;
          case "result": {
            const job = slot.inflight.get(message.batch);
            if (!job) break;
            slot.inflight.delete(message.batch);
            buffered.set(message.batch, {
              batch: message.batch,
              indices: job.indices,
              lines: message.lines,
              statuses: message.statuses,
            });
            feed(slot);
            void emit();
            break;
          }
          case "error":
            died(slot, message.message);
            break;
        }
      };
      worker.onerror = (event: ErrorEvent) => {
        event.preventDefault();
        died(slot, event.message);
      };
      worker.postMessage({ type: "init", spec, hooks } satisfies ToWorker);
    };

    const died = (slot: Slot, reason: string) => {
      if (failed) return;
      if (!slot.ready) {
        finish(new Error(`a sweep worker failed to start: ${reason}`));
        return;
      }
      slot.worker.terminate();
      const jobs = [...slot.inflight.entries()];
      slot.inflight.clear();
      start(slot);
      for (const [batch, job] of jobs) {
        if (job.attempt >= 1) {
          buffered.set(
            batch,
            onBatchFailed(batch, job.indices, `worker died twice on this batch: ${reason}`),
          );
        } else send(slot, batch, job.indices, job.attempt + 1);
      }
      feed(slot);
      void emit();
    };

    signal?.addEventListener("abort", () => maybeDone(), { once: true });
    for (let w = 0; w < workers; w++) {
      const slot: Slot = {
        worker: undefined as unknown as Worker,
        ready: false,
        inflight: new Map(),
      };
      slots.push(slot);
      start(slot);
    }
    for (const slot of slots) feed(slot);
    maybeDone();
  });
}
