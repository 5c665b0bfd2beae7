import assert from "node:assert/strict";
import { join } from "node:path";
import { runSweep } from "../sweep/run_sweep.ts";
import { SMALL_SWEEP, specOf } from "../sweep/_fixtures.ts";

const PYTHON = "/usr/bin/python3";

async function hasPandas(): Promise<boolean> {
  try {
    const out = await new Deno.Command(PYTHON, { args: ["-c", "import pandas"], stderr: "null" })
      .output();
    return out.success;
  } catch {
    return false;
  }
}

const available = await hasPandas();
const mandatory = Deno.env.get("CI") === "true";
if (!available && !mandatory) {
  // deno-lint-ignore no-console -- a skipped test must say so and how to enable it
  console.warn(
    "SKIPPED the pandas read test: install Debian's pandas (apt-get install -y python3-pandas, or bash .ci/deps/pandas.sh) to run it",
  );
}

/** Reads each CSV with pandas.read_csv and no options; prints shape and column dtypes as JSON. */
const SCRIPT = `
import json, sys
import pandas as pd
out = {}
for path in sys.argv[1:]:
    df = pd.read_csv(path)
    out[path.rsplit("/", 1)[-1]] = {"rows": len(df), "dtypes": {c: str(t) for c, t in df.dtypes.items()}}
print(json.dumps(out))
`;

Deno.test({
  name: available || mandatory
    ? "pandas.read_csv reads configs.csv, plans.csv and pareto.csv with no options"
    : "SKIPPED (no pandas): pandas.read_csv reads every results CSV",
  ignore: !available && !mandatory,
  async fn() {
    assert(available, "pandas is required in CI: run bash .ci/deps/pandas.sh");
    const out = await Deno.makeTempDir();
    const spec = specOf(SMALL_SWEEP);
    await runSweep(spec, { out, workers: 1 });
    const files = ["configs.csv", "plans.csv", "pareto.csv"].map((f) => join(out, f));
    const result = await new Deno.Command(PYTHON, { args: ["-c", SCRIPT, ...files] }).output();
    assert(result.success, new TextDecoder().decode(result.stderr));
    const read = JSON.parse(new TextDecoder().decode(result.stdout));
    assert.equal(read["configs.csv"].rows, 216);
    const configs = read["configs.csv"].dtypes;
    for (const column of ["index", "latency_ms", "energy_mj", "score", "switches", "solve_ms"]) {
      assert.match(configs[column], /^(int64|float64)$/, `configs.csv ${column} is numeric`);
    }
    assert.equal(configs.is_pareto, "bool");
    const plans = read["plans.csv"].dtypes;
    for (const column of ["rank", "stage_index", "execution_latency_ms", "memory_mb"]) {
      assert.match(plans[column], /^(int64|float64)$/, `plans.csv ${column} is numeric`);
    }
    assert(read["plans.csv"].rows > 0 && read["pareto.csv"].rows > 0);
    await Deno.remove(out, { recursive: true });
  },
});
