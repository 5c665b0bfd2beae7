import type { Weights } from "./goals.ts";
import type { Problem } from "./problem.ts";
import { scoreOf } from "./score.ts";
import type { RankedPlacement } from "./solve.ts";

/** A complete placement with its totals, before it is dressed for output. */
export interface Candidate {
  path: number[];
  latency: number;
  energy: number;
  switches: number;
}

/** Dresses a candidate: device names, score under `weights`, memory per device (stage order). */
export function placementOf(problem: Problem, weights: Weights, c: Candidate): RankedPlacement {
  const { m, optDevice, optMemory, deviceNames } = problem;
  const memory = new Array<number>(m).fill(0);
  const devices = c.path.map((o) => {
    const d = optDevice[o]!;
    memory[d] = memory[d]! + optMemory[o]!;
    return deviceNames[d]!;
  });
  return {
    path: c.path,
    devices,
    score: scoreOf(problem, weights, [c.latency, c.energy, c.switches]),
    latency: c.latency,
    energy: c.energy,
    switches: c.switches,
    memory,
  };
}

/** Orders candidates by latency, energy, switches, then option indices stage by stage. */
export function compareCandidates(a: Candidate, b: Candidate): number {
  if (a.latency !== b.latency) return a.latency < b.latency ? -1 : 1;
  if (a.energy !== b.energy) return a.energy < b.energy ? -1 : 1;
  if (a.switches !== b.switches) return a.switches - b.switches;
  for (let i = 0; i < a.path.length; i++) {
    if (a.path[i] !== b.path[i]) return a.path[i]! - b.path[i]!;
  }
  return 0;
}
