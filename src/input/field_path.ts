/**
 * Formats a document path the way users write it: `stages[2].profiles.npu.latency_ms`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatFieldPath } from "./field_path.ts";
 * assert(formatFieldPath(["stages", 2, "profiles", "npu"]) === "stages[2].profiles.npu");
 * ```
 */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else {
      const key = String(part);
      out += /^[A-Za-z_$][\w$-]*$/.test(key) ? (out ? "." : "") + key : `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}
