/**
 * Reads lines by byte offset from a few files, through a small cache of large windows per file,
 * so that reading in index order a file written in nearly that order costs sequential reads.
 */
export class LineReader {
  readonly #paths: readonly string[];
  readonly #files: Array<Deno.FsFile | undefined> = [];
  readonly #windows: Array<Array<{ start: number; bytes: Uint8Array }>> = [];
  readonly #decoder = new TextDecoder();
  readonly #windowSize: number;

  constructor(paths: readonly string[], windowSize = 1 << 22) {
    this.#paths = paths;
    this.#windowSize = windowSize;
  }

  /** The text of `length` bytes at `offset` of file number `file`. */
  async read(file: number, offset: number, length: number): Promise<string> {
    const windows = this.#windows[file] ??= [];
    for (let w = 0; w < windows.length; w++) {
      const win = windows[w]!;
      if (offset >= win.start && offset + length <= win.start + win.bytes.length) {
        if (w > 0) windows.unshift(...windows.splice(w, 1));
        return this.#decoder.decode(
          win.bytes.subarray(offset - win.start, offset - win.start + length),
        );
      }
    }
    const handle = this.#files[file] ??= await Deno.open(this.#paths[file]!, { read: true });
    const bytes = new Uint8Array(Math.max(this.#windowSize, length));
    await handle.seek(offset, Deno.SeekMode.Start);
    let filled = 0;
    while (filled < bytes.length) {
      const n = await handle.read(bytes.subarray(filled));
      if (n === null) break;
      filled += n;
    }
    if (filled < length) {
      throw new RangeError(
        `Cannot read ${this.#paths[file]} as it ended before byte ${offset + length}`,
      );
    }
    windows.unshift({ start: offset, bytes: bytes.subarray(0, filled) });
    if (windows.length > 4) windows.pop();
    return this.#decoder.decode(bytes.subarray(0, length));
  }

  /** Closes the files. */
  close(): void {
    for (const f of this.#files) f?.close();
  }
}
