import { z } from "zod";

const num = z.number();
const optionalNum = z.number().nullable().optional();

/** Zod schema of one stage of a plan in `runs.jsonl`. */
export const stageSchema = z.looseObject({
  stage_name: z.string(),
  device_name: z.string(),
  execution_latency_ms: num,
  transfer_latency_ms: num,
  execution_energy_mj: num,
  transfer_energy_mj: num,
  memory_mb: num,
});

/** Zod schema of one ranked plan in `runs.jsonl`. */
export const planSchema = z.looseObject({
  rank: z.number().int().positive(),
  score: num,
  latency_ms: num,
  energy_mj: num,
  switches: z.number().int().nonnegative(),
  devices: z.array(z.string()),
  memory_by_device: z.record(z.string(), num).default({}),
  stages: z.array(stageSchema).default([]),
});

/** Zod schema of one line of `runs.jsonl` (results format v1, plus the optional keys). */
export const runRecordSchema = z.looseObject({
  id: z.string(),
  index: z.number().int().nonnegative(),
  params: z.record(z.string(), z.unknown()),
  status: z.enum(["ok", "infeasible", "error"]),
  strategy: z.string().nullable().optional(),
  optimal: z.boolean().nullable().optional(),
  lower_bound: optionalNum,
  gap: optionalNum,
  solve_ms: optionalNum,
  plans: z.array(planSchema).default([]),
  reason: z.string().nullable().optional(),
  error: z.string().nullable().optional(),
  memory_budget_by_device: z.record(z.string(), num).nullable().optional(),
  rationale: z.union([z.string(), z.array(z.string())]).nullable().optional(),
});

/** One stage of a plan. */
export type StageRecord = z.infer<typeof stageSchema>;
/** One ranked plan. */
export type PlanRecord = z.infer<typeof planSchema>;
/** One configuration's line of `runs.jsonl`, validated. */
export type RunRecord = z.infer<typeof runRecordSchema>;

/**
 * Parses one line of `runs.jsonl`.
 *
 * @param line The JSON text of one record.
 * @returns The validated record.
 * @throws {SyntaxError} When the line is not JSON or does not match the results format.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseRunRecord } from "./run_record.ts";
 * const r = parseRunRecord('{"id":"a1","index":0,"params":{},"status":"infeasible","plans":[]}');
 * assert(r.status === "infeasible");
 * ```
 */
export function parseRunRecord(line: string): RunRecord {
  const result = runRecordSchema.safeParse(JSON.parse(line));
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join(".") || "(record)";
    throw new SyntaxError(`Cannot read runs.jsonl record as ${where}: ${issue?.message}`);
  }
  return result.data;
}
