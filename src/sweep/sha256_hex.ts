import { createHash } from "node:crypto";

/**
 * The sha256 of a text, as lowercase hex.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sha256Hex } from "./sha256_hex.ts";
 * assert(sha256Hex("").startsWith("e3b0c442"));
 * ```
 */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
