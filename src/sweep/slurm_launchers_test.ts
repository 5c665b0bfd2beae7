/**
 * Checks of the launchers in docs/deploy/slurm/ (and of every launcher and CI shell script) that
 * need no cluster: the scripts parse (and pass shellcheck where it is installed, always in CI),
 * submit.sh builds the sbatch commands that docs/DISTRIBUTED.md promises and rejects bad
 * arguments, and sweep.sbatch turns the array task into `--shard i/N`. The real Slurm run is
 * slurm_test.ts; the Kubernetes launchers are k8s_launchers_test.ts.
 *
 * @module
 */
import { deepStrictEqual, equal, match, ok } from "node:assert/strict";
import { type CommandOutput, hasCommand, REPO_ROOT, run } from "./_slurm_cluster.ts";
import { runWithStandIn } from "./_stand_in.ts";

const SCRIPTS = [
  ".ci/deps/slurm.sh",
  ".ci/deps/shellcheck.sh",
  ".ci/slurm/start.sh",
  ".ci/slurm/stop.sh",
  "docs/deploy/slurm/submit.sh",
  "docs/deploy/slurm/sweep.sbatch",
  "docs/deploy/slurm/merge.sbatch",
  "docs/deploy/k8s/submit.sh",
];
const SWEEP_FILE = "src/sweep/testdata/slurm_small.yaml";

Deno.test("slurm launchers: every launcher and CI script parses and passes shellcheck", async () => {
  for (const script of SCRIPTS) {
    const parsed = await run("bash", ["-n", script]);
    equal(parsed.code, 0, `bash -n ${script}: ${parsed.stderr}`);
  }
  if (Deno.env.get("CI") === "true" || await hasCommand("shellcheck")) {
    const checked = await run("shellcheck", SCRIPTS);
    equal(checked.code, 0, `shellcheck:\n${checked.stdout}${checked.stderr}`);
  }
});

/** The commands submit.sh --dry-run prints, one argument list per sbatch call. */
async function dryRun(args: string[]): Promise<{ code: number; sbatch: string[][]; err: string }> {
  const result = await run("bash", ["docs/deploy/slurm/submit.sh", "--dry-run", ...args]);
  const sbatch = result.stderr.split("\n").filter((line) => line.startsWith("sbatch "))
    // %q-quoting escapes the comma of --export=ALL,...; nothing else here needs quoting.
    .map((line) => line.trim().replaceAll("\\,", ",").split(" "));
  return { code: result.code, sbatch, err: result.stderr };
}

Deno.test("slurm launchers: submit.sh chains the merge after the whole array with afterok", async () => {
  const { code, sbatch } = await dryRun(["--shards", "8", "--parallel", "3", SWEEP_FILE]);
  equal(code, 0);
  equal(sbatch.length, 2);
  const [array = [], merge = []] = sbatch;
  ok(array.includes("--array=0-7%3"), array.join(" "));
  ok(array.includes("--export=ALL,SWEEP_SHARDS=8"), array.join(" "));
  ok(array.includes(`--chdir=${REPO_ROOT}`), array.join(" "));
  deepStrictEqual(array.slice(-4), [
    `${REPO_ROOT}/docs/deploy/slurm/sweep.sbatch`,
    SWEEP_FILE,
    "--out",
    "results/slurm_small",
  ]);
  ok(merge.includes("--dependency=afterok:DRY-RUN"), merge.join(" "));
  ok(merge.includes("--kill-on-invalid-dep=yes"), merge.join(" "));
  deepStrictEqual(merge.slice(-2), [
    `${REPO_ROOT}/docs/deploy/slurm/merge.sbatch`,
    "results/slurm_small",
  ]);
});

Deno.test("slurm launchers: submit.sh --only reruns chosen shards of the same split", async () => {
  const { code, sbatch } = await dryRun([
    "--shards",
    "4",
    "--only",
    "1,3",
    "--out",
    "r",
    SWEEP_FILE,
  ]);
  equal(code, 0);
  const [array = []] = sbatch;
  ok(array.includes("--array=1,3"), array.join(" "));
  ok(array.includes("--export=ALL,SWEEP_SHARDS=4"), array.join(" "));
});

Deno.test("slurm launchers: submit.sh rejects bad arguments with exit code 2", async () => {
  const cases: Array<[string[], RegExp]> = [
    [["--shards", "4", "--only", "4", SWEEP_FILE], /shard 4 does not exist with --shards 4/],
    [["--shards", "0", SWEEP_FILE], /--shards must be a whole number from 1: got '0'/],
    [["--parallel", "x", SWEEP_FILE], /--parallel must be a whole number/],
    [["sweeps/missing.yaml"], /sweep file 'sweeps\/missing.yaml' not found/],
    [[], /missing the sweep file/],
    [["--bogus", SWEEP_FILE], /unknown option --bogus/],
  ];
  for (const [args, message] of cases) {
    const { code, sbatch, err } = await dryRun(args);
    equal(code, 2, `submit.sh ${args.join(" ")} exited ${code}`);
    equal(sbatch.length, 0);
    match(err, message);
  }
});

/** Runs sweep.sbatch outside Slurm with a stand-in `deno` that prints its arguments. */
function sweepTask(env: Record<string, string>, denoExit = 0): Promise<CommandOutput> {
  return runWithStandIn(
    "deno",
    `echo "deno $*"\nexit ${denoExit}`,
    ["docs/deploy/slurm/sweep.sbatch", SWEEP_FILE, "--out", "r"],
    { env: { SLURM_ARRAY_JOB_ID: "7", ...env } },
  );
}

Deno.test("slurm launchers: sweep.sbatch solves shard SLURM_ARRAY_TASK_ID of SWEEP_SHARDS", async () => {
  const rerun = await sweepTask({
    SLURM_ARRAY_TASK_ID: "2",
    SLURM_ARRAY_TASK_COUNT: "1",
    SWEEP_SHARDS: "4",
    SLURM_CPUS_PER_TASK: "2",
  });
  equal(rerun.code, 0, rerun.stderr);
  match(
    rerun.stdout,
    /^deno task sweep \S+slurm_small\.yaml --shard 2\/4 --workers 2 --quiet --out r$/m,
  );

  const whole = await sweepTask({ SLURM_ARRAY_TASK_ID: "1", SLURM_ARRAY_TASK_COUNT: "3" });
  match(whole.stdout, /--shard 1\/3 --workers 1 /);

  const failing = await sweepTask({ SLURM_ARRAY_TASK_ID: "0", SWEEP_SHARDS: "2" }, 1);
  equal(failing.code, 1, "a failing sweep must fail the array task");
});

Deno.test("slurm launchers: sweep.sbatch refuses to run outside an array or past the shard count", async () => {
  const outside = await sweepTask({ SLURM_ARRAY_TASK_ID: "" });
  equal(outside.code, 2);
  match(outside.stderr, /submit this script with sbatch --array/);
  const past = await sweepTask({ SLURM_ARRAY_TASK_ID: "4", SWEEP_SHARDS: "4" });
  equal(past.code, 2);
  match(past.stderr, /shard 4 does not fit a shard count of '4'/);
});
