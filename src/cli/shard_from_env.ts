import type { Shard } from "../sweep/config_grid.ts";
import { UsageError } from "./usage_error.ts";

/** A shard and where it came from, for the message that says which was used. */
export interface ShardChoice {
  shard: Shard;
  /** `--shard`, `SLURM_ARRAY_TASK_ID`, ... or `none`. */
  source: string;
}

/**
 * Chooses the shard of a sweep run: `--shard i/N` first, else the array-job index of Slurm
 * (`SLURM_ARRAY_TASK_ID` of an array submitted as `0-(N-1)`, out of `--shard-count` or else
 * `SLURM_ARRAY_TASK_COUNT`, which is right only when the whole array was submitted), of a
 * Kubernetes indexed Job (`JOB_COMPLETION_INDEX`) or of AWS Batch (`AWS_BATCH_JOB_ARRAY_INDEX`),
 * the last two with `--shard-count`. Without any of them, the whole sweep (0/1).
 *
 * @param flag The value of `--shard`, if given.
 * @param shardCount The value of `--shard-count`, if given.
 * @param env The environment variables.
 * @returns The shard and its source.
 * @throws {UsageError} On malformed values or an index outside the count.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { shardFromEnv } from "./shard_from_env.ts";
 * const choice = shardFromEnv(undefined, undefined, {
 *   SLURM_ARRAY_TASK_ID: "3", SLURM_ARRAY_TASK_COUNT: "4",
 * });
 * assert(choice.shard.index === 3 && choice.shard.count === 4);
 * assert(shardFromEnv("1/2", undefined, {}).source === "--shard");
 * ```
 */
export function shardFromEnv(
  flag: string | undefined,
  shardCount: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): ShardChoice {
  if (flag !== undefined) {
    const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(flag);
    if (!match) throw new UsageError(`--shard must look like i/N (e.g. 0/4): got "${flag}"`);
    return { shard: check(Number(match[1]), Number(match[2]), "--shard"), source: "--shard" };
  }
  const count = shardCount === undefined ? undefined : whole("--shard-count", shardCount);
  const slurm = env.SLURM_ARRAY_TASK_ID;
  if (slurm !== undefined && slurm !== "") {
    const fromCount = count === undefined && env.SLURM_ARRAY_TASK_COUNT;
    const total = count ??
      (env.SLURM_ARRAY_TASK_COUNT
        ? whole("SLURM_ARRAY_TASK_COUNT", env.SLURM_ARRAY_TASK_COUNT)
        : undefined);
    if (total === undefined) {
      throw new UsageError(
        "SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not: pass --shard-count N",
      );
    }
    const index = whole("SLURM_ARRAY_TASK_ID", slurm);
    if (index >= total) {
      throw new UsageError(
        `SLURM_ARRAY_TASK_ID=${index} is not below the shard count ${total}${
          fromCount ? " (SLURM_ARRAY_TASK_COUNT)" : ""
        }: submit the array as 0-(N-1), and pass --shard-count N when submitting only some of its tasks`,
      );
    }
    return {
      shard: { index, count: total },
      source: `SLURM_ARRAY_TASK_ID=${slurm}, ${
        fromCount ? "SLURM_ARRAY_TASK_COUNT" : "--shard-count"
      }=${total}`,
    };
  }
  for (const name of ["JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX"]) {
    const value = env[name];
    if (value === undefined || value === "") continue;
    if (count === undefined) throw new UsageError(`${name} is set: pass --shard-count N as well`);
    return { shard: check(whole(name, value), count, name), source: `${name}=${value}` };
  }
  if (count !== undefined && count !== 1) {
    throw new UsageError(
      "--shard-count needs a shard index: --shard i/N, or JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX",
    );
  }
  return { shard: { index: 0, count: 1 }, source: "none" };
}

function whole(name: string, value: string): number {
  const n = Number(value.trim());
  if (value.trim() === "" || !Number.isInteger(n) || n < 0) {
    throw new UsageError(`${name} must be a whole number: got "${value}"`);
  }
  return n;
}

function check(index: number, count: number, name: string): Shard {
  if (count < 1) throw new UsageError(`${name}: the shard count must be at least 1, got ${count}`);
  if (index >= count) {
    throw new UsageError(`${name}: shard index ${index} is not below the shard count ${count}`);
  }
  return { index, count };
}
