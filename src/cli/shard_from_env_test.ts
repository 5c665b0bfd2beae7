import assert from "node:assert/strict";
import { shardFromEnv } from "./shard_from_env.ts";
import { UsageError } from "./usage_error.ts";

Deno.test("shardFromEnv(): --shard wins over the environment", () => {
  assert.deepEqual(shardFromEnv("2/8", undefined, { SLURM_ARRAY_TASK_ID: "1" }), {
    shard: { index: 2, count: 8 },
    source: "--shard",
  });
  assert.deepEqual(shardFromEnv(undefined, undefined, {}), {
    shard: { index: 0, count: 1 },
    source: "none",
  });
});

Deno.test("shardFromEnv(): Slurm, Kubernetes and AWS Batch array indices", () => {
  const slurm = shardFromEnv(undefined, undefined, {
    SLURM_ARRAY_TASK_ID: "3",
    SLURM_ARRAY_TASK_COUNT: "4",
  });
  assert.deepEqual(slurm.shard, { index: 3, count: 4 });
  assert.equal(slurm.source, "SLURM_ARRAY_TASK_ID=3, SLURM_ARRAY_TASK_COUNT=4");
  // A rerun of some tasks of the array: the count must come from --shard-count.
  const rerun = shardFromEnv(undefined, "8", {
    SLURM_ARRAY_TASK_ID: "5",
    SLURM_ARRAY_TASK_COUNT: "2",
  });
  assert.deepEqual(rerun.shard, { index: 5, count: 8 });
  assert.deepEqual(
    shardFromEnv(undefined, "4", { JOB_COMPLETION_INDEX: "1" }),
    { shard: { index: 1, count: 4 }, source: "JOB_COMPLETION_INDEX=1" },
  );
  assert.deepEqual(
    shardFromEnv(undefined, "3", { AWS_BATCH_JOB_ARRAY_INDEX: "2" }).shard,
    { index: 2, count: 3 },
  );
});

Deno.test("shardFromEnv(): malformed or inconsistent values are usage errors", () => {
  const cases: Array<[string | undefined, string | undefined, Record<string, string>, string]> = [
    ["1-4", undefined, {}, '--shard must look like i/N (e.g. 0/4): got "1-4"'],
    ["4/4", undefined, {}, "--shard: shard index 4 is not below the shard count 4"],
    ["0/0", undefined, {}, "--shard: the shard count must be at least 1, got 0"],
    [
      undefined,
      undefined,
      { JOB_COMPLETION_INDEX: "1" },
      "JOB_COMPLETION_INDEX is set: pass --shard-count N as well",
    ],
    [
      undefined,
      undefined,
      { SLURM_ARRAY_TASK_ID: "1" },
      "SLURM_ARRAY_TASK_COUNT is not: pass --shard-count N",
    ],
    [
      undefined,
      undefined,
      { SLURM_ARRAY_TASK_ID: "4", SLURM_ARRAY_TASK_COUNT: "4" },
      "SLURM_ARRAY_TASK_ID=4 is not below the shard count 4 (SLURM_ARRAY_TASK_COUNT): submit the array as 0-(N-1)",
    ],
    [
      undefined,
      "x",
      { AWS_BATCH_JOB_ARRAY_INDEX: "1" },
      '--shard-count must be a whole number: got "x"',
    ],
    [undefined, "4", {}, "--shard-count needs a shard index"],
  ];
  for (const [flag, count, env, message] of cases) {
    assert.throws(() => shardFromEnv(flag, count, env), (error: unknown) => {
      assert.ok(error instanceof UsageError);
      assert.ok(error.message.includes(message), `"${error.message}" lacks "${message}"`);
      return true;
    });
  }
});
