import { formatCsv } from "./format_csv.ts";

const FLUSH_BYTES = 1 << 20;
const NON_ASCII = /[^ -~\t\n\r]/;

/**
 * Streams an RFC 4180 CSV file (`\n` line ends, one header; see `formatCsv`) to a temporary
 * file and renames it over the target on {@linkcode CsvWriter.commit}.
 */
export class CsvWriter {
  readonly #path: string;
  readonly #temp: string;
  readonly #file: Deno.FsFile;
  readonly #encoder = new TextEncoder();
  #pending: string[] = [];
  #pendingBytes = 0;
  #written = 0;

  private constructor(path: string, file: Deno.FsFile, temp: string) {
    this.#path = path;
    this.#file = file;
    this.#temp = temp;
  }

  /** Opens the temporary file of `path` and writes the header (none when it is empty). */
  static async create(path: string, header: readonly string[]): Promise<CsvWriter> {
    const temp = `${path}.tmp-${Deno.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const file = await Deno.open(temp, { write: true, create: true, truncate: true });
    const writer = new CsvWriter(path, file, temp);
    if (header.length > 0) await writer.add([...header]);
    return writer;
  }

  /** Appends the bytes of whole files (e.g. parts written by workers). */
  async addFiles(paths: readonly string[]): Promise<void> {
    await this.flush();
    for (const path of paths) {
      const source = await Deno.open(path, { read: true });
      try {
        const buffer = new Uint8Array(1 << 20);
        for (;;) {
          const n = await source.read(buffer);
          if (n === null) break;
          let written = 0;
          while (written < n) written += await this.#file.write(buffer.subarray(written, n));
          this.#written += n;
        }
      } finally {
        source.close();
      }
    }
  }

  /** The temporary file being written (renamed to the target on commit). */
  get tempPath(): string {
    return this.#temp;
  }

  /**
   * Adds a row of cells.
   *
   * @returns The row's byte offset and length in the file.
   */
  async add(row: readonly string[]): Promise<{ offset: number; length: number }> {
    const text = formatCsv([row]);
    const length = NON_ASCII.test(text) ? this.#encoder.encode(text).length : text.length;
    const offset = this.#written + this.#pendingBytes;
    this.#pending.push(text);
    this.#pendingBytes += length;
    if (this.#pendingBytes >= FLUSH_BYTES) await this.flush();
    return { offset, length };
  }

  /**
   * Adds text that is already CSV (complete lines, e.g. copied from another file).
   *
   * @param bytes Its UTF-8 length, when the caller knows it (else it is measured).
   */
  async addText(text: string, bytes?: number): Promise<void> {
    this.#pending.push(text);
    this.#pendingBytes += bytes ??
      (NON_ASCII.test(text) ? this.#encoder.encode(text).length : text.length);
    if (this.#pendingBytes >= FLUSH_BYTES) await this.flush();
  }

  /** Writes what is buffered to the file. */
  async flush(): Promise<void> {
    if (this.#pending.length === 0) return;
    const bytes = this.#encoder.encode(this.#pending.join(""));
    this.#pending = [];
    this.#pendingBytes = 0;
    let written = 0;
    while (written < bytes.length) written += await this.#file.write(bytes.subarray(written));
    this.#written += bytes.length;
  }

  /** Writes what is buffered, closes the file and renames it over the target. */
  async commit(): Promise<void> {
    await this.flush();
    this.#file.close();
    await Deno.rename(this.#temp, this.#path);
  }

  /** Closes and removes the temporary file (after a failure). */
  async abort(): Promise<void> {
    try {
      this.#file.close();
    } catch { /* already closed */ }
    await Deno.remove(this.#temp).catch(() => {});
  }
}
