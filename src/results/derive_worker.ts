/**
 * Worker entry point that writes chunks of the derived CSV files, so that both cores format
 * CSV at the end of a sweep or a merge. Protocol: `{ type: "derive", job }` answered by
 * `{ type: "derived", chunk, front }` or `{ type: "error", message, stack }`.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { type ChunkJob, deriveChunk } from "./_derive_chunk.ts";

/** From the main thread to a derive worker. */
export type ToDeriveWorker = { type: "derive"; job: ChunkJob } | { type: "stop" };

/** From a derive worker to the main thread. */
export type FromDeriveWorker =
  | { type: "derived"; chunk: number; front: Float64Array }
  | { type: "error"; chunk: number; message: string; stack?: string };

self.onmessage = async (event: MessageEvent<ToDeriveWorker>) => {
  const message = event.data;
  switch (message.type) {
    case "derive": {
      try {
        const front = await deriveChunk(message.job);
        self.postMessage(
          { type: "derived", chunk: message.job.chunk, front } satisfies FromDeriveWorker,
          [front.buffer as ArrayBuffer],
        );
      } catch (error) {
        self.postMessage(
          {
            type: "error",
            chunk: message.job.chunk,
            message: error instanceof Error ? error.message : String(error),
            ...(error instanceof Error && error.stack ? { stack: error.stack } : {}),
          } satisfies FromDeriveWorker,
        );
      }
      break;
    }
    case "stop":
      self.close();
      break;
  }
};
