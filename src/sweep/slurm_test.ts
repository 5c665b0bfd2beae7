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
import { deepStrictEqual, equal, ok } from "node:assert/strict";
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
/** Columns and manifest keys that hold timings or the command line, which may differ. */
const TIMING_KEYS = new Set(["solve_ms", "started_at", "updated_at", "finished_at", "command"]);
const JOB_TIMEOUT_MS = 180_000;

const inCi = Deno.env.get("CI") === "true";
const hasSbatch = await hasCommand("sbatch");
const isRoot = Deno.uid() === 0;
const enable = "install Slurm and MUNGE as root with: bash .ci/deps/slurm.sh";
if (!inCi && !(hasSbatch && isRoot)) {
  // deno-lint-ignore no-console
  console.warn(
    `slurm_test.ts: skipped: ${hasSbatch ? "needs root" : "no sbatch on this machine"}; to run ` +
      `it, ${enable} (it starts its own one-node cluster; CI=true makes it mandatory)`,
  );
}

/** Drops the timing columns of a CSV file, keeping the rest in order. */
function withoutTimings(csv: string): string[][] {
  const rows: string[][] = parse(csv, { relax_column_count: false });
  const header = rows[0] ?? [];
  const keep = header.map((name, i) => (TIMING_KEYS.has(name) ? -1 : i)).filter((i) => i >= 0);
  return rows.map((row) => keep.map((i) => row[i] ?? ""));
}

/** Reads a results file with its timing fields removed. */
async function comparable(dir: string, file: string): Promise<unknown> {
  const text = await Deno.readTextFile(join(dir, file));
  if (!file.endsWith(".json")) return withoutTimings(text);
  return JSON.parse(text, (key, value) => (TIMING_KEYS.has(key) ? undefined : value));
}

/** Checks that the merged results equal the single-process ones, timings aside. */
async function assertSameResults(merged: string, single: string): Promise<void> {
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

Deno.test({
  name: "slurm: array job shards and the chained merge equal a single-process run",
  ignore: !inCi && !(hasSbatch && isRoot),
  sanitizeResources: true,
  sanitizeOps: true,
  async fn(t) {
    if (!hasSbatch) throw new Error(`CI=true but sbatch is missing: ${enable}`);
    if (!isRoot) throw new Error("CI=true but not root: the test cluster runs as SlurmUser=root");
    const tmp = await Deno.makeTempDir({ prefix: "eip-slurm-test-" });
    const logs = join(tmp, "logs");
    const submitted: Submission[] = [];
    const cluster = await startCluster(join(tmp, "cluster"));
    try {
      const single = join(tmp, "single");
      const reference = await run("deno", [
        "task",
        "sweep",
        SWEEP_FILE,
        "--out",
        single,
        "--workers",
        "1",
        "--quiet",
      ]);
      equal(reference.code, 0, `single-process sweep failed:\n${reference.stderr}`);

      const common = [
        ...["--shards", String(SHARDS), "--logs", logs, "--time", "3", "--merge-time", "3"],
      ];

      await t.step("4 shards then the merge, chained with afterok", async () => {
        const out = join(tmp, "sharded");
        const started = performance.now();
        const jobs = await submit(cluster, [...common, "--out", out, SWEEP_FILE]);
        submitted.push(jobs);
        await waitForJobs(cluster, [jobs.arrayJobId, jobs.mergeJobId], {
          timeoutMs: JOB_TIMEOUT_MS,
        });
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        const tasks = await jobStates(cluster, jobs.arrayJobId);
        deepStrictEqual(
          tasks.map((task) => [task.arrayTaskId, task.state, task.exitCode]),
          [...Array(SHARDS).keys()].map((i) => [String(i), "COMPLETED", "0:0"]),
        );
        const [merge] = await jobStates(cluster, jobs.mergeJobId);
        equal(merge?.state, "COMPLETED");
        await assertSameResults(out, single);
        // deno-lint-ignore no-console
        console.log(`slurm_test.ts: array of ${SHARDS} shards and merge done in ${seconds} s`);
      });

      await t.step(
        "a failed shard cancels the merge; rerunning it completes the sweep",
        async () => {
          const out = join(tmp, "failing");
          const failing = 2;
          const blocker = await blockShard(out, failing);
          const jobs = await submit(cluster, [...common, "--out", out, SWEEP_FILE]);
          submitted.push(jobs);
          await waitForJobs(cluster, [jobs.arrayJobId, jobs.mergeJobId], {
            timeoutMs: JOB_TIMEOUT_MS,
          });
          const tasks = await jobStates(cluster, jobs.arrayJobId);
          deepStrictEqual(
            tasks.map((task) => [task.arrayTaskId, task.state]),
            [...Array(SHARDS).keys()].map((
              i,
            ) => [String(i), i === failing ? "FAILED" : "COMPLETED"]),
          );
          const [merge] = await jobStates(cluster, jobs.mergeJobId);
          deepStrictEqual([merge?.state, merge?.reason], ["CANCELLED", "DependencyNeverSatisfied"]);
          for (const file of MERGED_FILES.filter((f) => f.endsWith(".csv"))) {
            ok(
              !(await exists(join(out, file))),
              `${file} written although the merge was cancelled`,
            );
          }

          await Deno.remove(blocker);
          const rerun = await submit(cluster, [
            ...common,
            "--only",
            String(failing),
            "--out",
            out,
            SWEEP_FILE,
          ]);
          submitted.push(rerun);
          await waitForJobs(cluster, [rerun.arrayJobId, rerun.mergeJobId], {
            timeoutMs: JOB_TIMEOUT_MS,
          });
          deepStrictEqual(
            (await jobStates(cluster, rerun.arrayJobId)).map((
              task,
            ) => [task.arrayTaskId, task.state]),
            [[String(failing), "COMPLETED"]],
          );
          equal((await jobStates(cluster, rerun.mergeJobId))[0]?.state, "COMPLETED");
          await assertSameResults(out, single);
        },
      );
    } catch (error) {
      const details = await report(cluster, logs, submitted);
      throw new Error(`${error instanceof Error ? error.message : error}\n${details}`, {
        cause: error,
      });
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
