/**
 * Reports of one `plan` run: records with the original tool's JSON field names, and renderers
 * for text, CSV and self-contained HTML. Pure: rendering returns strings, the CLI writes them.
 *
 * @module
 */
export * from "./plan_record.ts";
export * from "./rationale.ts";
export * from "./text_table.ts";
export * from "./render_text.ts";
export * from "./render_csv.ts";
export * from "./render_html.ts";
export * from "./escape_html.ts";
export * from "./format_mb.ts";
export * from "./render_pareto.ts";
