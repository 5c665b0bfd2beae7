import { z } from "zod";

/** Zod schema of `manifest.json` (results format v1); unknown keys are kept, not rejected. */
export const manifestSchema = z.looseObject({
  format: z.number().int().positive(),
  name: z.string(),
  sweep_file: z.string().optional(),
  sweep_hash: z.string().optional(),
  scenarios: z.array(z.looseObject({
    path: z.string().optional(),
    name: z.string(),
    hash: z.string().optional(),
  })).default([]),
  tool_version: z.string().optional(),
  axes: z.array(z.looseObject({ name: z.string(), values: z.array(z.unknown()).default([]) }))
    .default([]),
  config_count: z.number().int().nonnegative(),
  shards: z.looseObject({ count: z.number().int().positive() }).optional(),
  status: z.string(),
  started_at: z.string().nullable().optional(),
  updated_at: z.string().nullable().optional(),
  finished_at: z.string().nullable().optional(),
  counts: z.record(z.string(), z.number().nonnegative()).default({}),
  command: z.string().optional(),
});

/** A sweep's `manifest.json`, validated. */
export type Manifest = z.infer<typeof manifestSchema>;

/**
 * Parses the text of a `manifest.json`.
 *
 * @param text The file's content.
 * @returns The validated manifest.
 * @throws {SyntaxError} When the text is not JSON or does not match the results format.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseManifest } from "./manifest.ts";
 * const m = parseManifest('{"format":1,"name":"b","config_count":2,"status":"complete"}');
 * assert(m.axes.length === 0 && m.status === "complete");
 * ```
 */
export function parseManifest(text: string): Manifest {
  const result = manifestSchema.safeParse(JSON.parse(text));
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join(".") || "(document)";
    throw new SyntaxError(
      `Cannot read manifest.json as ${where}: ${issue?.message ?? "is invalid"}`,
    );
  }
  return result.data;
}
