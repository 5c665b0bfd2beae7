import type { z } from "zod";
import { formatFieldPath } from "./field_path.ts";
import type { Problem } from "./input_error.ts";
import { nearestKey } from "./nearest_key.ts";

/**
 * Turns zod issues into user-facing problems: one per field, with the value seen, and for
 * unknown keys the nearest valid key. Parse with `reportInput: true` so values can be shown.
 *
 * @param issues The issues of a failed `safeParse`.
 * @param knownKeysAt The keys accepted by the object at a path, for "did you mean" hints.
 * @returns Problems in document order.
 */
export function zodProblems(
  issues: readonly z.core.$ZodIssue[],
  knownKeysAt: (path: readonly PropertyKey[]) => readonly string[] | undefined,
): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      const known = knownKeysAt(issue.path) ?? [];
      for (const key of issue.keys) {
        const hint = nearestKey(key, known);
        const expected = known.filter((k) => k !== "$schema").join(", ");
        problems.push({
          path: formatFieldPath([...issue.path, key]),
          message: hint
            ? `unknown key (did you mean "${hint}"?)`
            : `unknown key (expected one of: ${expected})`,
        });
      }
      continue;
    }
    problems.push({ path: formatFieldPath(issue.path), message: describeIssue(issue) });
  }
  return problems;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  const hasInput = "input" in issue;
  if (issue.code === "invalid_type" && hasInput && input === undefined) return "is required";
  const generic = issue.message.startsWith("Invalid input") ||
    issue.message.startsWith("Too small") || issue.message.startsWith("Invalid option");
  let message = issue.message;
  if (generic && issue.code === "invalid_type") message = `must be ${article(issue.expected)}`;
  else if (generic && issue.code === "invalid_value") {
    message = `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
  }
  return hasInput ? `${message}, got ${describeValue(input)}` : message;
}

function article(expected: string): string {
  if (expected === "record" || expected === "object") return "an object";
  if (expected === "array") return "a list";
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/** Renders a value seen in a file briefly, for error messages. */
export function describeValue(value: unknown): string {
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (value === null) return "null";
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === "object") return "an object";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
