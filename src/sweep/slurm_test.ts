/**
 * The real Slurm test: a one-node cluster on localhost (.ci/slurm/start.sh), the launchers of
 * docs/deploy/slurm/ submitting a 4-shard array job and its chained merge, and the merged files
 * compared with a single-process run. Needs root and Debian's slurm-wlm + munge
 * (`bash .ci/deps/slurm.sh`); skipped without `sbatch`, except in CI (CI=true) where it must run.
 *
 * A shard is made to fail from the outside, the way a real one would (a full or broken disk): the
 * test puts a plain file where that shard must create its folder, so its `deno task sweep` exits
 * non-zero. Nothing in the product or the launchers knows about the test. Removing the file and
 * resubmitting that shard alone (`submit.sh --only 2`) is what a user does after fixing a cause.
 *
 * @module
 */
import { deepStrictEqual, equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import {
  hasCommand,
  jobStates,
  run,
  type SlurmCluster,
  startCluster,
  type Submission,
  submit,
  waitForJobs,
} from "./_slurm_cluster.ts";

const SWEEP_FILE = "src/sweep/testdata/slurm_small.yaml";
const SHARDS = 4;
/** The merged files that must equal a single-process run's. */
const MERGED_FILES = ["configs.csv", "plans.csv", "pareto.csv", "manifest.json"];
/** CSV columns that hold timings. */
const TIMING_COLUMNS = new Set(["solve_ms"]);
/** Manifest keys that differ by nature: timestamps, the command line and the shard layout. */
const RUN_KEYS = new Set(["started_at", "updated_at", "finished_at", "command", "shards"]);
const JOB_TIMEOUT_MS = 180_000;

const inCi = Deno.env.get("CI") === "true";
const hasSbatch = await hasCommand("sbatch");
const isRoot = Deno.uid() === 0;
const enable = "install Slurm and MUNGE as root with: bash .ci/deps/slurm.sh";
if (!inCi && !(hasSbatch && isRoot)) {
  const why = hasSbatch
    ? "needs root (its cluster runs as SlurmUser=root); run the tests as root"
    : `no sbatch on this machine; to run it, ${enable}`;
  // deno-lint-ignore no-console
  console.warn(
    `slurm_test.ts: skipped: ${why}. It starts its own one-node cluster; CI=true makes it mandatory.`,
  );
}

/** Drops the timing columns of a CSV file, keeping the rest in order. */
function withoutTimings(csv: string): string[][] {
  const rows: string[][] = parse(csv, { relax_column_count: false });
  const header = rows[0] ?? [];
  const keep = header.map((name, i) => (TIMING_COLUMNS.has(name) ? -1 : i)).filter((i) => i >= 0);
  return rows.map((row) => keep.map((i) => row[i] ?? ""));
}

/** Reads a results file with its timing fields removed. */
async function comparable(dir: string, file: string): Promise<unknown> {
  const text = await Deno.readTextFile(join(dir, file));
  if (!file.endsWith(".json")) return withoutTimings(text);
  return JSON.parse(text, (key, value) => (RUN_KEYS.has(key) ? undefined : value));
}

/**
 * Checks that the merged results equal the single-process ones, timings aside, and that the
 * merged manifest records a complete sweep of {@linkcode SHARDS} shards.
 */
async function assertSameResults(merged: string, single: string): Promise<void> {
  const manifest = JSON.parse(await Deno.readTextFile(join(merged, "manifest.json")));
  deepStrictEqual([manifest.status, manifest.shards?.count], ["complete", SHARDS]);
  for (const file of MERGED_FILES) {
    deepStrictEqual(
      await comparable(merged, file),
      await comparable(single, file),
      `${file} of the sharded run differs from the single-process run`,
    );
  }
}

/** Everything a failing case should show: job states, job output files, daemon logs. */
async function report(cluster: SlurmCluster, logs: string, jobs: Submission[]): Promise<string> {
  const parts: string[] = [];
  for (const { arrayJobId, mergeJobId } of jobs) {
    for (const id of [arrayJobId, mergeJobId]) {
      const states = await jobStates(cluster, id).catch((e) => [String(e)]);
      parts.push(`job ${id}: ${JSON.stringify(states)}`);
    }
  }
  if (await exists(logs)) {
    for await (const entry of Deno.readDir(logs)) {
      parts.push(`--- ${entry.name}\n${await Deno.readTextFile(join(logs, entry.name))}`);
    }
  }
  parts.push(await cluster.logs());
  return parts.join("\n");
}

/** What the cases share: the cluster, a scratch folder and the reference results. */
interface Context {
  cluster: SlurmCluster;
  tmp: string;
  /** Where the jobs write their output files. */
  logs: string;
  /** The single-process run's results folder. */
  single: string;
  /** submit.sh's common options. */
  common: string[];
  /** Every submission so far, for failure reports. */
  submitted: Submission[];
}

/** Submits with submit.sh and waits until the array and its merge have left the queue. */
async function submitAndWait(ctx: Context, args: string[]): Promise<Submission> {
  const jobs = await submit(ctx.cluster, [...ctx.common, ...args]);
  ctx.submitted.push(jobs);
  await waitForJobs(ctx.cluster, [jobs.arrayJobId, jobs.mergeJobId], {
    timeoutMs: JOB_TIMEOUT_MS,
  });
  return jobs;
}

/** Array task index and state of each task of an array job. */
async function taskStates(ctx: Context, arrayJobId: string): Promise<string[][]> {
  return (await jobStates(ctx.cluster, arrayJobId)).map((t) => [t.arrayTaskId ?? "", t.state]);
}

async function shardsThenMerge(ctx: Context): Promise<void> {
  const out = join(ctx.tmp, "sharded");
  const started = performance.now();
  const jobs = await submitAndWait(ctx, ["--out", out, SWEEP_FILE]);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  deepStrictEqual(
    (await jobStates(ctx.cluster, jobs.arrayJobId)).map((
      t,
    ) => [t.arrayTaskId, t.state, t.exitCode]),
    [...Array(SHARDS).keys()].map((i) => [String(i), "COMPLETED", "0:0"]),
  );
  equal((await jobStates(ctx.cluster, jobs.mergeJobId))[0]?.state, "COMPLETED");
  await assertSameResults(out, ctx.single);
  // deno-lint-ignore no-console
  console.log(
    `slurm_test.ts: cluster up in ${Math.round(ctx.cluster.startMs)} ms; ` +
      `${SHARDS} array tasks and the merge done in ${seconds} s`,
  );
}

async function failedShardThenRerun(ctx: Context): Promise<void> {
  const out = join(ctx.tmp, "failing");
  const failing = 2;
  const blocker = await blockShard(out, failing);
  const jobs = await submitAndWait(ctx, ["--out", out, SWEEP_FILE]);
  deepStrictEqual(
    await taskStates(ctx, jobs.arrayJobId),
    [...Array(SHARDS).keys()].map((i) => [String(i), i === failing ? "FAILED" : "COMPLETED"]),
  );
  const [merge] = await jobStates(ctx.cluster, jobs.mergeJobId);
  deepStrictEqual([merge?.state, merge?.reason], ["CANCELLED", "DependencyNeverSatisfied"]);
  for (const file of MERGED_FILES) {
    ok(!(await exists(join(out, file))), `${file} written although the merge was cancelled`);
  }
  // Run by hand at this point, merge refuses too, and names the missing shard.
  const early = await run("deno", ["task", "merge", out]);
  equal(early.code, 2, `merge of an incomplete sweep exited ${early.code}`);
  match(early.stderr, new RegExp(`shards/${failing}-of-${SHARDS} is missing`));

  await Deno.remove(blocker);
  const rerun = await submitAndWait(ctx, ["--only", String(failing), "--out", out, SWEEP_FILE]);
  deepStrictEqual(await taskStates(ctx, rerun.arrayJobId), [[String(failing), "COMPLETED"]]);
  equal((await jobStates(ctx.cluster, rerun.mergeJobId))[0]?.state, "COMPLETED");
  await assertSameResults(out, ctx.single);
}

/** Runs a case; when it fails, adds job states, job output files and daemon logs to the error. */
async function explained(ctx: Context, body: (ctx: Context) => Promise<void>): Promise<void> {
  try {
    await body(ctx);
  } catch (error) {
    const details = await report(ctx.cluster, ctx.logs, ctx.submitted);
    throw new Error(`${error instanceof Error ? error.message : error}\n${details}`, {
      cause: error,
    });
  }
}

Deno.test({
  name: "slurm: array job shards and the chained merge equal a single-process run",
  ignore: !inCi && !(hasSbatch && isRoot),
  async fn(t) {
    if (!hasSbatch) throw new Error(`CI=true but sbatch is missing: ${enable}`);
    if (!isRoot) throw new Error("CI=true but not root: the test cluster runs as SlurmUser=root");
    const tmp = await Deno.makeTempDir({ prefix: "eip-slurm-test-" });
    const cluster = await startCluster(join(tmp, "cluster"));
    const logs = join(tmp, "logs");
    const ctx: Context = {
      cluster,
      tmp,
      logs,
      single: join(tmp, "single"),
      common: ["--shards", String(SHARDS), "--logs", logs, "--time", "3", "--merge-time", "3"],
      submitted: [],
    };
    try {
      const reference = await run("deno", [
        ...["task", "sweep", SWEEP_FILE, "--out", ctx.single, "--workers", "1", "--quiet"],
      ]);
      equal(reference.code, 0, `single-process sweep failed:\n${reference.stderr}`);
      const steps = [
        await t.step(
          "4 shards then the merge, chained with afterok",
          () => explained(ctx, shardsThenMerge),
        ),
        await t.step(
          "a failed shard cancels the merge; rerunning it completes the sweep",
          () => explained(ctx, failedShardThenRerun),
        ),
      ];
      ok(steps.every(Boolean), "a step failed");
    } finally {
      const stopped = await cluster.stop();
      await Deno.remove(tmp, { recursive: true });
      equal(stopped.code, 0, `stop.sh failed: ${stopped.stderr}`);
    }
  },
});

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

/**
 * Makes shard `index` fail as it starts: a plain file stands where its folder
 * (`<out>/shards/<i>-of-<N>/`, see `deno task sweep --help`) must be created. Root ignores
 * permission bits, so a read-only folder would not do.
 *
 * @returns The path to remove to let the shard succeed.
 */
async function blockShard(out: string, index: number): Promise<string> {
  const blocker = join(out, "shards", `${index}-of-${SHARDS}`);
  await Deno.mkdir(join(out, "shards"), { recursive: true });
  await Deno.writeTextFile(blocker, "placed by slurm_test.ts to make this shard fail\n");
  return blocker;
}
