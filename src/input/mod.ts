/**
 * Reading user input files (scenarios, sweeps): JSON/YAML parsing with line and column,
 * zod issues turned into `file: field.path: problem` messages with "did you mean" hints.
 *
 * @module
 */
export * from "./input_error.ts";
export * from "./field_path.ts";
export * from "./nearest_key.ts";
export * from "./parse_document.ts";
export * from "./zod_problems.ts";
export * from "./json_error_offset.ts";
