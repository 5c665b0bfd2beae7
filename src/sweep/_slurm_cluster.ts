/**
 * Test support for the real Slurm test (`slurm_test.ts`): starts and stops the private one-node
 * cluster of `.ci/slurm/`, submits with the launchers of `docs/deploy/slurm/`, and reads job
 * states back. Nothing here prints; callers decide what to show.
 *
 * @module
 */
import { fileURLToPath } from "node:url";

/** The repository root (jobs run there, as they would from a checkout on a shared file system). */
export const REPO_ROOT: string = fileURLToPath(new URL("../../", import.meta.url)).replace(
  /\/$/,
  "",
);

/** The outcome of a finished command. */
export interface CommandOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options of {@linkcode run}. */
export interface RunOptions {
  /** Working directory. @default REPO_ROOT */
  cwd?: string;
  /** Variables added to the inherited environment. @default {} */
  env?: Record<string, string>;
}

/**
 * Runs a command to completion and captures its output, whatever its exit code.
 *
 * @param command The program.
 * @param args Its arguments, then options.
 * @returns Exit code and decoded output.
 */
export async function run(
  command: string,
  args: string[],
  options: RunOptions = {},
): Promise<CommandOutput> {
  const { cwd = REPO_ROOT, env = {} } = options;
  const output = await new Deno.Command(command, {
    args,
    cwd,
    env,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

/** Whether a program is on PATH (or in /usr/sbin, where Debian puts the Slurm daemons). */
export async function hasCommand(name: string): Promise<boolean> {
  const found = await run("bash", [
    "-c",
    'PATH="$PATH:/usr/sbin:/sbin" command -v "$1"',
    "-",
    name,
  ]);
  return found.code === 0;
}

/**
 * Distinct free TCP ports on the loopback interface, as the kernel picks them (all held open
 * together while picking, so none repeats).
 */
export function freePorts(count: number): number[] {
  const listeners = Array.from(
    { length: count },
    () => Deno.listen({ hostname: "127.0.0.1", port: 0 }),
  );
  const ports = listeners.map((listener) => (listener.addr as Deno.NetAddr).port);
  for (const listener of listeners) listener.close();
  return ports;
}

/** A running test cluster. */
export interface SlurmCluster {
  /** The folder holding its configuration, state and logs. */
  dir: string;
  /** Environment for the Slurm client commands (`SLURM_CONF`). */
  env: Record<string, string>;
  /** How long `start.sh` took, in milliseconds. */
  startMs: number;
  /** The daemons' logs, last lines of each, for failure reports. */
  logs(): Promise<string>;
  /** Stops the cluster by the process ids that start.sh recorded. */
  stop(): Promise<CommandOutput>;
}

/**
 * Starts the one-node cluster of `.ci/slurm/start.sh` in `dir`, on two free ports.
 *
 * @param dir A folder for the cluster's files (created if missing).
 * @returns The running cluster.
 * @throws {Error} With start.sh's output when the cluster does not come up.
 */
export async function startCluster(dir: string): Promise<SlurmCluster> {
  const started = performance.now();
  const [ctldPort, slurmdPort] = freePorts(2);
  const result = await run("bash", [".ci/slurm/start.sh", dir], {
    env: { SLURMCTLD_PORT: String(ctldPort), SLURMD_PORT: String(slurmdPort) },
  });
  const conf = /^SLURM_CONF=(.+)$/m.exec(result.stdout)?.[1];
  if (result.code !== 0 || conf === undefined) {
    throw new Error(
      `Cannot start the Slurm test cluster: start.sh exited ${result.code}\n${result.stderr}`,
    );
  }
  return {
    dir,
    env: { SLURM_CONF: conf },
    startMs: performance.now() - started,
    logs: async () =>
      (await run("bash", [
        "-c",
        'for f in "$1"/log/*.log; do echo "--- $f"; tail -n 25 "$f"; done',
        "-",
        dir,
      ]))
        .stdout,
    stop: () => run("bash", [".ci/slurm/stop.sh", dir]),
  };
}

/** The ids that `docs/deploy/slurm/submit.sh` printed. */
export interface Submission {
  arrayJobId: string;
  mergeJobId: string;
}

/**
 * Submits a sweep with `docs/deploy/slurm/submit.sh`: the array job, then the chained merge.
 *
 * @param cluster The cluster to submit to.
 * @param args submit.sh's options and sweep file.
 * @returns The two job ids.
 * @throws {Error} With submit.sh's output when it fails.
 */
export async function submit(cluster: SlurmCluster, args: string[]): Promise<Submission> {
  const result = await run("bash", ["docs/deploy/slurm/submit.sh", ...args], { env: cluster.env });
  const arrayJobId = /^ARRAY_JOB_ID=(\d+)$/m.exec(result.stdout)?.[1];
  const mergeJobId = /^MERGE_JOB_ID=(\d+)$/m.exec(result.stdout)?.[1];
  if (result.code !== 0 || arrayJobId === undefined || mergeJobId === undefined) {
    throw new Error(`submit.sh ${args.join(" ")} exited ${result.code}:\n${result.stderr}`);
  }
  return { arrayJobId, mergeJobId };
}

/** A finished (or still queued) job, as `scontrol show job` reports it. */
export interface JobState {
  jobId: string;
  /** The array task index, for tasks of an array job. */
  arrayTaskId?: string;
  /** COMPLETED, FAILED, CANCELLED, TIMEOUT, PENDING, RUNNING... */
  state: string;
  /** Why it is in that state, e.g. `DependencyNeverSatisfied`. */
  reason: string;
  /** `exit code:signal`, e.g. `0:0`. */
  exitCode: string;
}

/**
 * Reads the state of a job, or of every task of an array job.
 *
 * @param cluster The cluster.
 * @param jobId A job id or an array job id.
 * @returns One entry per job (per task for an array), ordered by array task index.
 * @throws {Error} When scontrol does not know the job.
 */
export async function jobStates(cluster: SlurmCluster, jobId: string): Promise<JobState[]> {
  const result = await run("scontrol", ["show", "job", "--oneliner", jobId], { env: cluster.env });
  if (result.code !== 0) {
    throw new Error(`scontrol show job ${jobId} exited ${result.code}: ${result.stderr}`);
  }
  const states = result.stdout.split("\n").filter((line) => line.trim() !== "").map((line) => {
    const field = (name: string) => new RegExp(`(?:^| )${name}=(\\S*)`).exec(line)?.[1] ?? "";
    const state: JobState = {
      jobId: field("JobId"),
      state: field("JobState"),
      reason: field("Reason"),
      exitCode: field("ExitCode"),
    };
    const task = field("ArrayTaskId");
    if (task !== "") state.arrayTaskId = task;
    return state;
  });
  return states.sort((a, b) => Number(a.arrayTaskId ?? 0) - Number(b.arrayTaskId ?? 0));
}

/** Options of {@linkcode waitForJobs}. */
export interface WaitOptions {
  /** Give up after this many milliseconds. @default 180_000 */
  timeoutMs?: number;
  /** Poll every this many milliseconds. @default 500 */
  pollMs?: number;
}

/**
 * Waits until none of the given jobs (or array tasks) is pending or running any more.
 *
 * @param cluster The cluster.
 * @param jobIds Job or array job ids.
 * @param options Timeout and polling interval.
 * @throws {Error} When a job is still queued after the timeout, naming what squeue shows.
 */
export async function waitForJobs(
  cluster: SlurmCluster,
  jobIds: string[],
  options: WaitOptions = {},
): Promise<void> {
  const { timeoutMs = 180_000, pollMs = 500 } = options;
  const deadline = performance.now() + timeoutMs;
  let queued = "";
  while (performance.now() < deadline) {
    const result = await run(
      "squeue",
      ["--noheader", "--array", "--jobs", jobIds.join(","), "--format", "%i %T %r"],
      { env: cluster.env },
    );
    // Finished jobs are not listed; once slurmctld has forgotten them squeue says "Invalid job
    // id" and exits 1. Any other error (a busy controller) is polled through.
    const forgotten = result.code !== 0 && /Invalid job id/i.test(result.stderr);
    queued = result.code === 0 ? result.stdout.trim() : result.stderr.trim();
    if (forgotten || (result.code === 0 && queued === "")) return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  throw new Error(`Jobs ${jobIds.join(",")} still queued after ${timeoutMs} ms:\n${queued}`);
}
