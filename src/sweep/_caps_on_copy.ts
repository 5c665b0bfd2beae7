import type { Scenario } from "../scenario/model.ts";
import { compileProblem, type Problem } from "../solver/mod.ts";

/** A compiled problem with other caps: a shallow copy (see {@linkcode capsOnCopy}). */
export function withCaps(
  problem: Problem,
  latencyCap: number | null,
  energyCap: number | null,
): Problem {
  return {
    ...problem,
    scenario: {
      ...problem.scenario,
      constraints: { max_total_latency_ms: latencyCap, max_total_energy_mj: energyCap },
    },
    latencyCap: latencyCap ?? Infinity,
    energyCap: energyCap ?? Infinity,
  };
}

/**
 * Compiles a scenario without caps when setting caps on a copy of the compiled problem gives
 * exactly what `compileProblem` gives with those caps (checked field by field on two sets of
 * caps, so a solver that derives more from the caps is detected); `null` otherwise, and then
 * every configuration is compiled.
 */
export function capsOnCopy(scenario: Scenario): Problem | null {
  const uncapped = compileProblem({
    ...scenario,
    constraints: { max_total_latency_ms: null, max_total_energy_mj: null },
  });
  for (const [l, e] of [[1, 2], [123.5, null]] as const) {
    const compiled = compileProblem({
      ...scenario,
      constraints: { max_total_latency_ms: l, max_total_energy_mj: e },
    });
    if (!sameProblem(compiled, withCaps(uncapped, l, e))) return null;
  }
  return uncapped;
}

function sameProblem(a: Problem, b: Problem): boolean {
  const keys = Object.keys(a) as (keyof Problem)[];
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    const x = a[key] as unknown;
    const y = b[key] as unknown;
    if (ArrayBuffer.isView(x) && ArrayBuffer.isView(y)) {
      const u = x as unknown as ArrayLike<number>;
      const v = y as unknown as ArrayLike<number>;
      if (u.length !== v.length) return false;
      for (let i = 0; i < u.length; i++) if (!Object.is(u[i], v[i])) return false;
    } else if (JSON.stringify(x) !== JSON.stringify(y) || !Object.is(typeof x, typeof y)) {
      return false;
    } else if (typeof x === "number" && !Object.is(x, y)) return false;
  }
  return true;
}
