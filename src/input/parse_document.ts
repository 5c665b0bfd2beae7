import { parseDocument } from "yaml";
import { InputError } from "./input_error.ts";
import { jsonErrorOffset } from "./json_error_offset.ts";

/**
 * Parses the text of a JSON or YAML document. The format follows the file extension
 * (`.json`, `.yaml`, `.yml`); other names are read as JSON when they start with `{` or `[`.
 *
 * @param text The document's text.
 * @param file The file name, used to choose the format and to label errors.
 * @returns The parsed value.
 * @throws {InputError} When the text is not valid JSON/YAML, naming the line and column.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseDocumentText } from "./parse_document.ts";
 * assert((parseDocumentText("name: x", "a.yaml") as { name: string }).name === "x");
 * ```
 */
export function parseDocumentText(text: string, file: string): unknown {
  const lower = file.toLowerCase();
  const asJson = lower.endsWith(".json") ||
    (!lower.endsWith(".yaml") && !lower.endsWith(".yml") && /^\s*[[{]/.test(text));
  return asJson ? parseJson(text, file) : parseYaml(text, file);
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    if (text.trim() === "") {
      throw new InputError(file, [{ path: "", message: "invalid JSON: the file is empty" }]);
    }
    const { offset, expected } = jsonErrorOffset(text);
    const { line, column } = lineColumn(text, offset);
    const found = offset >= text.length ? "the end of the file" : JSON.stringify(text[offset]);
    throw new InputError(file, [{
      path: "",
      message:
        `invalid JSON at line ${line}, column ${column}: expected ${expected}, found ${found}`,
    }]);
  }
}

function parseYaml(text: string, file: string): unknown {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    const at = pos ? ` at line ${pos.line}, column ${pos.col}` : "";
    const reason = first.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
    throw new InputError(file, [{ path: "", message: `invalid YAML${at}: ${reason}` }]);
  }
  return doc.toJS({ maxAliasCount: 1000 });
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
