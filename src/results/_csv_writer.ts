import { stringify } from "csv-stringify/sync";

const FLUSH_ROWS = 4096;

/**
 * Streams an RFC 4180 CSV file (via csv-stringify, `\n` line ends, one header) to a temporary
 * file and renames it over the target on {@linkcode CsvWriter.commit}.
 */
export class CsvWriter {
  readonly #path: string;
  readonly #temp: string;
  readonly #file: Deno.FsFile;
  readonly #encoder = new TextEncoder();
  #rows: string[][] = [];

  private constructor(path: string, file: Deno.FsFile, temp: string) {
    this.#path = path;
    this.#file = file;
    this.#temp = temp;
  }

  /** Opens the temporary file of `path` and writes the header. */
  static async create(path: string, header: readonly string[]): Promise<CsvWriter> {
    const temp = `${path}.tmp-${Deno.pid}`;
    const file = await Deno.open(temp, { write: true, create: true, truncate: true });
    const writer = new CsvWriter(path, file, temp);
    writer.#rows.push([...header]);
    return writer;
  }

  /** Formats rows as CSV text (no header), e.g. to keep some for another file. */
  static format(rows: readonly (readonly string[])[]): string {
    return stringify(rows as string[][], { record_delimiter: "unix" });
  }

  /** Adds a row of cells. */
  async add(row: string[]): Promise<void> {
    this.#rows.push(row);
    if (this.#rows.length >= FLUSH_ROWS) await this.#flush();
  }

  /** Adds text that is already CSV (complete lines). */
  async addText(text: string): Promise<void> {
    await this.#flush();
    await this.#write(text);
  }

  /** Writes what is buffered, closes the file and renames it over the target. */
  async commit(): Promise<void> {
    await this.#flush();
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

  async #flush(): Promise<void> {
    if (this.#rows.length === 0) return;
    const text = CsvWriter.format(this.#rows);
    this.#rows = [];
    await this.#write(text);
  }

  async #write(text: string): Promise<void> {
    const bytes = this.#encoder.encode(text);
    let written = 0;
    while (written < bytes.length) written += await this.#file.write(bytes.subarray(written));
  }
}
