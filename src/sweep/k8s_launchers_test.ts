/**
 * Checks of the Kubernetes launchers in docs/deploy/k8s/ without a cluster: the manifests agree
 * with each other and with the image, and submit.sh applies the merge Job only after the Indexed
 * Job is Complete (a stand-in `kubectl` plays the cluster).
 *
 * @module
 */
import { deepStrictEqual, equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { REPO_ROOT } from "./_slurm_cluster.ts";
import { runWithStandIn } from "./_stand_in.ts";

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

Deno.test("k8s launchers: the Indexed Job, merge Job, claim and image agree", async () => {
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

/**
 * A stand-in `kubectl`: logs each call to $KUBECTL_LOG, reports the eip-sweep Job as
 * $SWEEP_STATE with failed index 2, and eip-merge as Complete.
 */
const KUBECTL = `printf '%s\\n' "kubectl $*" >>"$KUBECTL_LOG"
case "$*" in
  *"get job eip-sweep"*failedIndexes*) printf 2 ;;
  *"get job eip-sweep"*) printf '%s\\n' "$SWEEP_STATE" ;;
  *"get job eip-merge"*) printf 'Complete\\n' ;;
esac`;

/** Runs docs/deploy/k8s/submit.sh against the stand-in; returns its output and kubectl calls. */
async function submitK8s(sweepState: string, args: string[] = []) {
  const log = await Deno.makeTempFile();
  try {
    const result = await runWithStandIn(
      "kubectl",
      KUBECTL,
      ["docs/deploy/k8s/submit.sh", ...args],
      {
        env: { KUBECTL_LOG: log, SWEEP_STATE: sweepState },
      },
    );
    const calls = (await Deno.readTextFile(log)).split("\n").filter((line) => line !== "")
      .map((line) => line.replaceAll(`${REPO_ROOT}/docs/deploy/k8s/`, ""));
    return { ...result, calls };
  } finally {
    await Deno.remove(log);
  }
}

Deno.test("k8s launchers: submit.sh applies the merge once the Indexed Job is Complete", async () => {
  const { code, calls } = await submitK8s("Complete");
  equal(code, 0);
  deepStrictEqual(calls.filter((call) => !call.startsWith("kubectl get")), [
    "kubectl apply -f pvc.yaml",
    "kubectl delete job eip-sweep eip-merge --ignore-not-found",
    "kubectl apply -f indexed-job.yaml",
    "kubectl apply -f merge-job.yaml",
  ]);
  ok(
    calls.indexOf("kubectl apply -f merge-job.yaml") >
      calls.findIndex((call) => call.startsWith("kubectl get job eip-sweep")),
    "the merge was applied before the sweep's state was read",
  );
});

Deno.test("k8s launchers: submit.sh never applies the merge after a failed shard", async () => {
  const { code, calls, stderr } = await submitK8s("Failed");
  equal(code, 1);
  ok(!calls.includes("kubectl apply -f merge-job.yaml"), calls.join("\n"));
  match(stderr, /shards that failed: 2; the merge was not started/);
});

Deno.test("k8s launchers: submit.sh rejects bad arguments with exit code 2", async () => {
  const { code, calls } = await submitK8s("Complete", ["--timeout", "soon"]);
  equal(code, 2);
  deepStrictEqual(calls, []);
});
