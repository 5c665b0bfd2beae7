/**
 * Test support for the launcher tests: runs a script with a stand-in for one program (`deno`,
 * `kubectl`) first on PATH, so the script's own logic is tested without a cluster.
 *
 * @module
 */
import { join } from "node:path";
import { type CommandOutput, run } from "./_slurm_cluster.ts";

/** Options of {@linkcode runWithStandIn}. */
export interface StandInOptions {
  /** Variables added to the environment. @default {} */
  env?: Record<string, string>;
}

/**
 * Runs `bash <script> <args>` from the repository root with `program` replaced by a shell script.
 *
 * @param program The name to shadow, e.g. `kubectl`.
 * @param body The stand-in's shell code (run by `sh`; its arguments are `$@`).
 * @param script The script under test, then its arguments.
 * @param options Extra environment.
 * @returns The script's exit code and output.
 */
export async function runWithStandIn(
  program: string,
  body: string,
  script: string[],
  options: StandInOptions = {},
): Promise<CommandOutput> {
  const { env = {} } = options;
  const bin = await Deno.makeTempDir({ prefix: "eip-stand-in-" });
  try {
    await Deno.writeTextFile(join(bin, program), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    return await run("bash", script, {
      env: { PATH: `${bin}:${Deno.env.get("PATH")}`, ...env },
    });
  } finally {
    await Deno.remove(bin, { recursive: true });
  }
}
