/**
 * Checks of the launchers in docs/deploy/ that need no cluster: the shell scripts parse (and pass
 * shellcheck where it is installed, always in CI), submit.sh builds the sbatch commands that
 * docs/DISTRIBUTED.md promises and rejects bad arguments, sweep.sbatch turns the array task into
 * `--shard i/N`, and the Kubernetes manifests agree with each other. The real Slurm run is
 * slurm_test.ts.
 *
 * @module
 */
import { deepStrictEqual, equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { hasCommand, REPO_ROOT, run } from "./_slurm_cluster.ts";

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

Deno.test("deploy: launcher scripts parse and pass shellcheck", async () => {
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

Deno.test("deploy: submit.sh chains the merge after the whole array with afterok", async () => {
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

Deno.test("deploy: submit.sh --only reruns chosen shards of the same split", async () => {
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

Deno.test("deploy: submit.sh rejects bad arguments with exit code 2", async () => {
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

/** Runs sweep.sbatch outside Slurm with a stand-in `deno` that records its arguments. */
async function sweepTask(env: Record<string, string>, denoExit = 0) {
  const bin = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(
      join(bin, "deno"),
      `#!/bin/sh\necho "deno $*"\nexit ${denoExit}\n`,
      { mode: 0o755 },
    );
    return await run("bash", ["docs/deploy/slurm/sweep.sbatch", SWEEP_FILE, "--out", "r"], {
      env: { PATH: `${bin}:${Deno.env.get("PATH")}`, SLURM_ARRAY_JOB_ID: "7", ...env },
    });
  } finally {
    await Deno.remove(bin, { recursive: true });
  }
}

Deno.test("deploy: sweep.sbatch solves shard SLURM_ARRAY_TASK_ID of SWEEP_SHARDS", async () => {
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

Deno.test("deploy: sweep.sbatch refuses to run outside an array or past the shard count", async () => {
  const outside = await sweepTask({ SLURM_ARRAY_TASK_ID: "" });
  equal(outside.code, 2);
  match(outside.stderr, /submit this script with sbatch --array/);
  const past = await sweepTask({ SLURM_ARRAY_TASK_ID: "4", SWEEP_SHARDS: "4" });
  equal(past.code, 2);
  match(past.stderr, /shard 4 does not fit a shard count of '4'/);
});

/** The parts of the Kubernetes objects in docs/deploy/k8s/ that the checks read. */
interface Manifest {
  kind: string;
  metadata: { name: string };
  spec: {
    completionMode?: string;
    completions?: number;
    parallelism?: number;
    accessModes?: string[];
    template: { spec: PodSpec };
  };
}
interface PodSpec {
  restartPolicy: string;
  securityContext?: {
    runAsNonRoot?: boolean;
    runAsUser?: number;
    runAsGroup?: number;
    fsGroup?: number;
  };
  containers: Container[];
  volumes: Array<{ name: string; persistentVolumeClaim: { claimName: string } }>;
}
interface Container {
  image: string;
  workingDir: string;
  command: string[];
  volumeMounts: Array<{ name: string; mountPath: string }>;
}

/** Reads the Kubernetes manifests of docs/deploy/k8s/ by kind and name. */
async function manifests(): Promise<Map<string, Manifest>> {
  const dir = join(REPO_ROOT, "docs/deploy/k8s");
  const byName = new Map<string, Manifest>();
  for await (const entry of Deno.readDir(dir)) {
    if (!entry.name.endsWith(".yaml")) continue;
    for (const doc of parseAllDocuments(await Deno.readTextFile(join(dir, entry.name)))) {
      equal(doc.errors.length, 0, `${entry.name}: ${doc.errors.join("; ")}`);
      const value = doc.toJS() as Manifest;
      byName.set(`${value.kind}/${value.metadata.name}`, value);
    }
  }
  return byName;
}

Deno.test("deploy: the Kubernetes Indexed Job, merge Job and claim agree", async () => {
  const all = await manifests();
  const sweep = all.get("Job/eip-sweep");
  const merge = all.get("Job/eip-merge");
  const claim = all.get("PersistentVolumeClaim/eip-results");
  ok(sweep && merge && claim, `manifests found: ${[...all.keys()].join(", ")}`);

  const spec = sweep.spec;
  equal(spec.completionMode, "Indexed");
  equal(
    spec.template.spec.restartPolicy,
    "Never",
    "backoffLimitPerIndex needs restartPolicy Never",
  );
  const [container] = spec.template.spec.containers;
  ok(container);
  const { command } = container;
  deepStrictEqual(command.slice(0, 3), ["deno", "task", "sweep"]);
  equal(Number(command[command.indexOf("--shard-count") + 1]), spec.completions);
  ok(!command.includes("--shard"), "the shard index must come from JOB_COMPLETION_INDEX");
  ok((spec.parallelism ?? 1) <= (spec.completions ?? 1));
  const sweepFile = command[3] ?? "";
  ok((await Deno.stat(join(REPO_ROOT, sweepFile))).isFile, `${sweepFile} is not in the repo`);
  const out = command[command.indexOf("--out") + 1] ?? "";

  const [mergeContainer] = merge.spec.template.spec.containers;
  ok(mergeContainer);
  deepStrictEqual(mergeContainer.command, ["deno", "task", "merge", out]);
  equal(mergeContainer.image, container.image);
  for (const [job, c] of [[sweep, container], [merge, mergeContainer]] as const) {
    const [volume] = job.spec.template.spec.volumes;
    const [mount] = c.volumeMounts;
    equal(volume?.persistentVolumeClaim.claimName, claim.metadata.name);
    equal(mount?.name, volume.name);
    ok(
      out.startsWith("results/") && mount.mountPath === `${c.workingDir}/results`,
      `results folder ${out} is not on the mounted claim (${mount.mountPath})`,
    );
  }
  ok(claim.spec.accessModes?.includes("ReadWriteMany"), "shards on many nodes share the claim");

  const dockerfile = await Deno.readTextFile(join(REPO_ROOT, "docs/deploy/k8s/Dockerfile"));
  // Both Jobs run as the image's `deno` user (uid 1993 in denoland/deno), which owns the claim.
  match(dockerfile, /^USER deno$/m);
  for (const job of [sweep, merge]) {
    deepStrictEqual(job.spec.template.spec.securityContext, {
      runAsNonRoot: true,
      runAsUser: 1993,
      runAsGroup: 1993,
      fsGroup: 1993,
    });
  }
  match(dockerfile, new RegExp(`^WORKDIR ${container.workingDir}$`, "m"));
  match(dockerfile, new RegExp(`^COPY ${sweepFile.split("/")[0]}/ `, "m"));
});
