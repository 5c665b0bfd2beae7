/**
 * The zod schema of sweep files: which scenarios, named device profiles (overlays on a
 * scenario's devices), the grid of axes, `zip` groups, `exclude` rules, solver settings and the
 * Pareto grouping.
 *
 * @module
 */
import { z } from "zod";

const positive = z.number().positive({ error: "must be a number above zero" });
const nonNegative = z.number().min(0, { error: "must be zero or more" });
const positiveInt = z.number().int({ error: "must be a whole number" }).min(1, {
  error: "must be at least 1",
});

/** A linear range `{from, to, step}` or a geometric one `{from, to, factor}`, both inclusive. */
export const RangeSchema = z.strictObject({
  from: z.number(),
  to: z.number(),
  step: z.number().optional(),
  factor: z.number().optional(),
});

/** A range as written in a sweep file. */
export type RangeSpec = z.infer<typeof RangeSchema>;

/** Custom score weights; `name` labels them in CSV files. */
export const WeightsSchema = z.strictObject({
  name: z.string().min(1).optional(),
  latency: nonNegative,
  energy: nonNegative,
  switches: nonNegative,
});

/** An axis: a list of values or a numeric range. */
const axis = <T extends z.ZodType>(value: T) => z.union([z.array(value), RangeSchema]);

/** Schema of the grid: every axis a sweep can vary. */
export const GridSchema = z.strictObject({
  device_profile: z.array(z.string().min(1)).optional(),
  goal: z.array(z.union([z.string().min(1), WeightsSchema])).optional(),
  weights: z.array(WeightsSchema).optional(),
  max_total_latency_ms: axis(nonNegative.nullable()).optional(),
  max_total_energy_mj: axis(nonNegative.nullable()).optional(),
  latency_cap_factor: axis(positive.nullable()).optional(),
  energy_cap_factor: axis(positive.nullable()).optional(),
  memory_mb: z.record(z.string().min(1), axis(nonNegative)).optional(),
  memory_factor: axis(positive).optional(),
  strategy: z.array(z.enum(["auto", "exact", "beam"])).optional(),
  beam_width: axis(positiveInt).optional(),
  top_k: axis(positiveInt).optional(),
});

/** Schema of one named device profile: an overlay on a scenario's devices. */
export const DeviceProfileSchema = z.strictObject({
  description: z.string().optional(),
  remove_devices: z.array(z.string().min(1)).optional(),
  devices: z.record(
    z.string().min(1),
    z.strictObject({ memory_mb: nonNegative.optional(), memory_factor: positive.optional() })
      .refine((d) => (d.memory_mb === undefined) !== (d.memory_factor === undefined), {
        error: "give exactly one of memory_mb (a budget in MB) or memory_factor (times the budget)",
      }),
  ).optional(),
  scale: z.record(
    z.string().min(1),
    z.strictObject({
      latency: positive.optional(),
      energy: positive.optional(),
      memory: positive.optional(),
    }),
  ).optional(),
  link_scale: z.strictObject({ latency: positive.optional(), energy: positive.optional() })
    .optional(),
  links: z.array(z.strictObject({
    source: z.string().min(1),
    target: z.string().min(1),
    latency_ms_per_mb: nonNegative,
    energy_mj_per_mb: nonNegative,
    bidirectional: z.boolean().optional(),
  })).optional(),
});

/** Schema of the fixed solver settings (axes of the same name override them). */
export const SolverSettingsSchema = z.strictObject({
  goal: z.union([z.string().min(1), WeightsSchema]).optional(),
  strategy: z.enum(["auto", "exact", "beam"]).optional(),
  top_k: positiveInt.optional(),
  beam_width: positiveInt.optional(),
  node_limit: positiveInt.optional(),
});

/** One exclude rule: axis name to a value or a list of values; all keys must match. */
export const ExcludeRuleSchema = z.record(z.string().min(1), z.unknown());

/** Schema of a whole sweep file. */
export const SweepFileSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
    error: "must be letters, digits, '.', '_' or '-' (it names the results folder)",
  }),
  description: z.string().optional(),
  scenarios: z.array(z.string().min(1)).min(1, { error: "must list at least one scenario" }),
  device_profiles: z.record(z.string().min(1), DeviceProfileSchema).optional(),
  grid: GridSchema.optional(),
  zip: z.union([
    z.array(z.array(z.string().min(1))),
    z.record(z.string(), z.array(z.string().min(1))),
  ]).optional(),
  exclude: z.array(ExcludeRuleSchema).optional(),
  solver: SolverSettingsSchema.optional(),
  pareto: z.strictObject({ group_by: z.array(z.string().min(1)) }).optional(),
  fronts: z.union([
    z.boolean(),
    z.strictObject({ label_limit: positiveInt.optional(), time_limit_ms: positiveInt.optional() }),
  ]).optional(),
});

/** What a sweep file holds once parsed by zod. */
export type SweepFile = z.infer<typeof SweepFileSchema>;

/** The keys each kind of object accepts, for "did you mean" hints. */
export const SWEEP_KNOWN_KEYS: Readonly<Record<string, readonly string[]>> = {
  sweep: Object.keys(SweepFileSchema.shape),
  grid: Object.keys(GridSchema.shape),
  profile: Object.keys(DeviceProfileSchema.shape),
  solver: Object.keys(SolverSettingsSchema.shape),
  range: Object.keys(RangeSchema.shape),
  weights: Object.keys(WeightsSchema.shape),
};
