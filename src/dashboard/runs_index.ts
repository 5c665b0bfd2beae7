import { parseRunRecord, type RunRecord } from "./run_record.ts";

/** Options of {@linkcode RunsIndex}. */
export interface RunsIndexOptions {
  /** Called with the text of each newly indexed line, in file order. */
  onLine?: (line: string) => void;
  /** Bytes read per chunk while indexing. @default 1048576 */
  chunkSize?: number;
}

const HEAD = /^\{\s*"id"\s*:\s*"([^"\\]*)"\s*,\s*"index"\s*:\s*\d+\s*,\s*"status"\s*:\s*"([a-z]+)"/;
const NEWLINE = 10;

/**
 * A lazy index of `runs.jsonl` by configuration id: byte offset and length of each line, built
 * incrementally as the file grows (only new bytes are read), reset when the file shrinks. A
 * record is read with one positioned read and parsed on demand; a trailing line without its
 * newline (being written) is left for the next refresh.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { RunsIndex } from "./runs_index.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/runs.jsonl`,
 *   '{"id":"a","index":0,"params":{},"status":"infeasible","plans":[]}\n');
 * const index = new RunsIndex(`${dir}/runs.jsonl`);
 * assert((await index.get("a"))?.index === 0);
 * assert((await index.get("b")) === undefined);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export class RunsIndex {
  readonly #path: string;
  readonly #onLine: ((line: string) => void) | undefined;
  readonly #chunkSize: number;
  #offsets = new Map<string, { offset: number; length: number; error: boolean }>();
  #indexed = 0;
  #lines = 0;
  #pending: Promise<void> | undefined;
  #generation = 0;
  #inode: number | null = null;

  /** Creates an empty index over the file at `path`; nothing is read until needed. */
  constructor(path: string, options: RunsIndexOptions = {}) {
    const { onLine, chunkSize = 1 << 20 } = options;
    this.#path = path;
    this.#onLine = onLine;
    this.#chunkSize = chunkSize;
  }

  /** Bytes of the file indexed so far (complete lines only). */
  get indexedBytes(): number {
    return this.#indexed;
  }

  /** Lines indexed so far. */
  get lines(): number {
    return this.#lines;
  }

  /** Incremented every time the index is reset because the file shrank or was replaced. */
  get generation(): number {
    return this.#generation;
  }

  /** Indexes the lines appended since the last refresh; concurrent calls share one read. */
  refresh(): Promise<void> {
    this.#pending ??= this.#refresh().finally(() => (this.#pending = undefined));
    return this.#pending;
  }

  /**
   * Reads one record by id.
   *
   * @param id A configuration id.
   * @returns The record, or undefined when no line has this id.
   * @throws {SyntaxError} When the line is not a valid record.
   */
  async get(id: string): Promise<RunRecord | undefined> {
    let at = this.#offsets.get(id);
    if (!at) {
      await this.refresh();
      at = this.#offsets.get(id);
    }
    if (!at) return undefined;
    let record: RunRecord | undefined;
    try {
      record = await this.#read(at);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
    }
    if (record?.id !== id) {
      // The file was rewritten in place (same inode, not shorter): index it again.
      this.#reset();
      await this.refresh();
      at = this.#offsets.get(id);
      record = at ? await this.#read(at) : undefined;
    }
    return record?.id === id ? record : undefined;
  }

  async #read(at: { offset: number; length: number }): Promise<RunRecord | undefined> {
    using file = await Deno.open(this.#path, { read: true });
    await file.seek(at.offset, Deno.SeekMode.Start);
    const buffer = new Uint8Array(at.length);
    let read = 0;
    while (read < at.length) {
      const n = await file.read(buffer.subarray(read));
      if (n === null) break;
      read += n;
    }
    return parseRunRecord(new TextDecoder().decode(buffer.subarray(0, read)));
  }

  async #refresh(): Promise<void> {
    let info: Deno.FileInfo;
    try {
      info = await Deno.stat(this.#path);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return this.#reset();
      throw error;
    }
    const size = info.size;
    if (size < this.#indexed || (this.#inode !== null && info.ino !== this.#inode)) this.#reset();
    this.#inode = info.ino;
    if (size === this.#indexed) return;
    using file = await Deno.open(this.#path, { read: true });
    await file.seek(this.#indexed, Deno.SeekMode.Start);
    const decoder = new TextDecoder();
    let carry = new Uint8Array(0);
    let lineStart = this.#indexed;
    const buffer = new Uint8Array(this.#chunkSize);
    while (true) {
      const n = await file.read(buffer);
      if (n === null) break;
      const data = carry.length ? concat(carry, buffer.subarray(0, n)) : buffer.subarray(0, n);
      let start = 0;
      for (let nl = data.indexOf(NEWLINE); nl >= 0; nl = data.indexOf(NEWLINE, start)) {
        const line = data.subarray(start, nl);
        if (line.length > 0) this.#add(line, lineStart, decoder);
        lineStart += nl - start + 1;
        start = nl + 1;
      }
      carry = data.slice(start);
    }
    this.#indexed = lineStart;
  }

  #add(line: Uint8Array, offset: number, decoder: TextDecoder) {
    let text: string | undefined;
    if (this.#onLine) {
      text = decoder.decode(line);
      this.#onLine(text);
    }
    // The runner writes `id`, `index`, `status` first: read them from the line's head when it
    // did, parse the whole line otherwise.
    const head = text ?? decoder.decode(line.subarray(0, 160));
    const match = HEAD.exec(head);
    let id = match?.[1];
    let error = match?.[2] === "error";
    if (!match) {
      try {
        const value = JSON.parse(text ?? decoder.decode(line)) as {
          id?: unknown;
          status?: unknown;
        };
        if (typeof value.id === "string") id = value.id;
        error = value.status === "error";
      } catch {
        // A malformed line has no id to find; reading it by id is impossible anyway.
      }
    }
    if (id !== undefined) {
      // A later line for the same configuration wins, unless it is an error and the earlier one
      // is not (results contract: a retried shard, --retry-errors).
      const earlier = this.#offsets.get(id);
      if (!(earlier && error && !earlier.error)) {
        this.#offsets.set(id, { offset, length: line.length, error });
      }
    }
    this.#lines++;
  }

  #reset() {
    this.#offsets = new Map();
    this.#indexed = 0;
    this.#lines = 0;
    this.#generation++;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
