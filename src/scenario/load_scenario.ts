import { InputError, parseDocumentText } from "../input/mod.ts";
import type { Scenario } from "./model.ts";
import { parseScenario } from "./parse_scenario.ts";

/**
 * Reads, parses and validates a scenario file (JSON or YAML).
 *
 * @param path Path of the scenario file.
 * @returns The validated scenario and the file's text (hashed by sweeps).
 * @throws {InputError} When the file cannot be read, parsed or validated.
 */
export async function loadScenario(path: string): Promise<{ scenario: Scenario; text: string }> {
  const text = await readInputFile(path);
  return { scenario: parseScenario(parseDocumentText(text, path), path), text };
}

/**
 * Reads a user input file as text, turning "not found" and friends into an {@linkcode InputError}.
 *
 * @param path The file to read.
 * @returns Its text.
 * @throws {InputError} When the file cannot be read.
 */
export async function readInputFile(path: string): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch (error) {
    const reason = error instanceof Deno.errors.NotFound
      ? "file not found"
      : error instanceof Deno.errors.IsADirectory
      ? "is a directory, not a file"
      : `cannot be read (${error instanceof Error ? error.message : String(error)})`;
    throw new InputError(path, [{ path: "", message: reason }], { cause: error });
  }
}
