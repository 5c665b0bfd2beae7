/**
 * Scenario files: the typed model, the zod schema (also exported as JSON Schema), and loading
 * with validation that names the file, the field path and the problem.
 *
 * @module
 */
export type * from "./model.ts";
export * from "./schema.ts";
export * from "./parse_scenario.ts";
export * from "./load_scenario.ts";
