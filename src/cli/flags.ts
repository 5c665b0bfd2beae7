import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./usage_error.ts";

/**
 * Parses command-line flags with `node:util` parseArgs, turning its errors into
 * {@linkcode UsageError}s that name the command.
 *
 * @param command The command name, for messages.
 * @param args The arguments after the command name.
 * @param options The flag definitions.
 * @returns The parsed values and positionals.
 */
// deno-lint-ignore explicit-module-boundary-types -- node:util does not export parseArgs' result type
export function parseFlags<T extends NonNullable<ParseArgsConfig["options"]>>(
  command: string,
  args: string[],
  options: T,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(`${command}: ${message.replace(/\. To specify a positional.*$/s, "")}`);
  }
}

/** Range limits of a numeric flag. */
export interface NumberRange {
  /** Smallest accepted value. @default -Infinity */
  min?: number;
  /** Largest accepted value. @default Infinity */
  max?: number;
  /** Whether only whole numbers are accepted. @default false */
  integer?: boolean;
}

/**
 * Parses a numeric flag value with range checks.
 *
 * @param flag The flag name, e.g. `--top-k`.
 * @param value The raw value.
 * @param range Accepted range.
 * @returns The number.
 * @throws {UsageError} When the value is not a number in range.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { numberFlag } from "./flags.ts";
 * assert(numberFlag("--top-k", "3", { min: 1, integer: true }) === 3);
 * ```
 */
export function numberFlag(flag: string, value: string, range: NumberRange = {}): number {
  const { min = -Infinity, max = Infinity, integer = false } = range;
  const trimmed = value.trim();
  const parsed = trimmed === "" ? NaN : Number(trimmed);
  const kind = integer ? "a whole number" : "a number";
  if (!Number.isFinite(parsed) || (integer && !Number.isInteger(parsed))) {
    throw new UsageError(`${flag} must be ${kind}: got "${value}"`);
  }
  if (parsed < min || parsed > max) {
    const bounds = max === Infinity ? `at least ${min}` : `from ${min} to ${max}`;
    throw new UsageError(`${flag} must be ${kind} ${bounds}: got ${value}`);
  }
  return parsed;
}

/**
 * Checks that a flag value is one of the allowed choices.
 *
 * @throws {UsageError} Naming the choices when it is not.
 */
export function choiceFlag<C extends string>(
  flag: string,
  value: string,
  choices: readonly C[],
): C {
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError(`${flag} must be one of ${choices.join(", ")}: got "${value}"`);
  }
  return value as C;
}
