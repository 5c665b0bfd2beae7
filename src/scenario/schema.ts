/**
 * The zod schema of scenario files: the single source of truth for validation and for the JSON
 * Schema that editors use (`deno task schema`).
 *
 * @module
 */
import { z } from "zod";

const amount = (what: string) =>
  z.number({ error: `must be a finite number (${what})` }).min(0, {
    error: `must be zero or more (${what})`,
  });

/** Schema of one stage-on-device cost entry. */
export const ProfileSchema = z.strictObject({
  latency_ms: amount("milliseconds per run"),
  energy_mj: amount("millijoules per run"),
  memory_mb: amount("MB resident while placed"),
});

/** Schema of one device. */
export const DeviceSchema = z.strictObject({
  name: z.string().min(1, { error: "must be a non-empty string" }),
  label: z.string().optional(),
  description: z.string().optional(),
  memory_mb: amount("memory budget in MB"),
});

/** Schema of one transfer link. */
export const LinkSchema = z.strictObject({
  source: z.string().min(1),
  target: z.string().min(1),
  latency_ms_per_mb: amount("ms per MB moved"),
  energy_mj_per_mb: amount("mJ per MB moved"),
  bidirectional: z.boolean().optional(),
  description: z.string().optional(),
});

/** Schema of one pipeline stage. */
export const StageSchema = z.strictObject({
  name: z.string().min(1, { error: "must be a non-empty string" }),
  description: z.string().optional(),
  output_mb: amount("MB handed to the next stage").optional(),
  profiles: z.record(z.string(), ProfileSchema),
});

const cap = (what: string) => amount(what).nullable().optional();

/** Schema of the end-to-end caps. */
export const ConstraintsSchema = z.strictObject({
  max_total_latency_ms: cap("latency cap in ms"),
  max_total_energy_mj: cap("energy cap in mJ"),
});

/** Schema of a whole scenario file, before the cross-reference checks of `validateScenario`. */
export const ScenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().min(1, { error: "must be a non-empty string" }),
  description: z.string().optional(),
  devices: z.array(DeviceSchema).min(1, { error: "must list at least one device" }),
  links: z.array(LinkSchema).optional(),
  stages: z.array(StageSchema).min(1, { error: "must list at least one stage" }),
  constraints: ConstraintsSchema.optional(),
});

/** What a scenario file holds once parsed by zod. */
export type ScenarioFile = z.infer<typeof ScenarioSchema>;

/** The keys each kind of object accepts, used to suggest the nearest key for a typo. */
export const KNOWN_KEYS: Readonly<Record<string, readonly string[]>> = {
  scenario: Object.keys(ScenarioSchema.shape),
  device: Object.keys(DeviceSchema.shape),
  link: Object.keys(LinkSchema.shape),
  stage: Object.keys(StageSchema.shape),
  profile: Object.keys(ProfileSchema.shape),
  constraints: Object.keys(ConstraintsSchema.shape),
};
