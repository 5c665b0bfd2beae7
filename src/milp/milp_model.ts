import type { Weights } from "../solver/goals.ts";
import type { Problem } from "../solver/problem.ts";

/** A placement problem written as a mixed-integer linear program in CPLEX LP format. */
export interface MilpModel {
  /** The model text. */
  text: string;
  /** Name of the binary column of each option (`x<option>`), by option index. */
  optionColumns: string[];
}

/**
 * Writes a compiled problem as a MILP: a binary `x` per option with one option per stage; a
 * continuous `y` per possible transfer into each stage (from device a to device b), tied to the
 * options by flow conservation so that `y` is 1 exactly on the chosen pair (the constraints form
 * a layered network, so `y` needs no integrality); latency, energy and switches are linear in
 * `x` and `y`; the caps and each device's memory budget are rows. The objective is the score,
 * `w.latency / L0 * L + w.energy / E0 * E + w.switches * S`. Pure: no solver is loaded here.
 *
 * @param problem The compiled problem.
 * @param weights Score weights.
 * @returns The LP text and the option columns.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compileProblem, generateScenario, GOAL_PRESETS } from "../solver/mod.ts";
 * import { milpModel } from "./milp_model.ts";
 * const model = milpModel(compileProblem(generateScenario(3, 2)), GOAL_PRESETS.balanced);
 * assert.ok(model.text.startsWith("Minimize") && model.optionColumns.length === 6);
 * ```
 */
export function milpModel(problem: Problem, weights: Weights): MilpModel {
  const { n, m, optStart, optDevice, optLatency, optEnergy, optMemory, memoryBudget } = problem;
  const { xferOk, xferLatency, xferEnergy, latencyCap, energyCap } = problem;
  const perMs = weights.latency / problem.latencyNorm;
  const perMj = weights.energy / problem.energyNorm;
  const x = Array.from({ length: optDevice.length }, (_, o) => `x${o}`);
  const optionAt = (i: number, d: number): number => {
    for (let o = optStart[i]!; o < optStart[i + 1]!; o++) if (optDevice[o] === d) return o;
    return -1;
  };
  const transfers: { name: string; at: number; a: number; b: number; i: number }[] = [];
  for (let i = 1; i < n; i++) {
    for (let a = 0; a < m; a++) {
      for (let b = 0; b < m; b++) {
        const at = (i * m + a) * m + b;
        if (xferOk[at] && optionAt(i - 1, a) >= 0 && optionAt(i, b) >= 0) {
          transfers.push({ name: `y${i}_${a}_${b}`, at, a, b, i });
        }
      }
    }
  }

  const objective = new Terms();
  for (let o = 0; o < x.length; o++) {
    objective.add(perMs * optLatency[o]! + perMj * optEnergy[o]!, x[o]!);
  }
  for (const t of transfers) {
    objective.add(
      perMs * xferLatency[t.at]! + perMj * xferEnergy[t.at]! + (t.a !== t.b ? weights.switches : 0),
      t.name,
    );
  }
  const rows: string[] = [];
  for (let i = 0; i < n; i++) {
    const one = new Terms();
    for (let o = optStart[i]!; o < optStart[i + 1]!; o++) one.add(1, x[o]!);
    rows.push(`stage${i}: ${one} = 1`);
  }
  for (let i = 1; i < n; i++) {
    for (let d = 0; d < m; d++) {
      const out = new Terms();
      const into = new Terms();
      for (const t of transfers) {
        if (t.i !== i) continue;
        if (t.a === d) out.add(1, t.name);
        if (t.b === d) into.add(1, t.name);
      }
      const before = optionAt(i - 1, d);
      const after = optionAt(i, d);
      if (before >= 0) out.add(-1, x[before]!);
      if (after >= 0) into.add(-1, x[after]!);
      if (!out.empty()) rows.push(`out${i}_${d}: ${out} = 0`);
      if (!into.empty()) rows.push(`in${i}_${d}: ${into} = 0`);
    }
  }
  const total = (node: Float64Array, xfer: Float64Array): Terms => {
    const terms = new Terms();
    for (let o = 0; o < x.length; o++) terms.add(node[o]!, x[o]!);
    for (const t of transfers) terms.add(xfer[t.at]!, t.name);
    return terms;
  };
  if (Number.isFinite(latencyCap)) {
    rows.push(`latency: ${total(optLatency, xferLatency).orZero(x[0]!)} <= ${num(latencyCap)}`);
  }
  if (Number.isFinite(energyCap)) {
    rows.push(`energy: ${total(optEnergy, xferEnergy).orZero(x[0]!)} <= ${num(energyCap)}`);
  }
  for (let d = 0; d < m; d++) {
    if (!Number.isFinite(memoryBudget[d]!)) continue;
    const memory = new Terms();
    for (let o = 0; o < x.length; o++) if (optDevice[o] === d) memory.add(optMemory[o]!, x[o]!);
    if (!memory.empty()) rows.push(`memory${d}: ${memory} <= ${num(memoryBudget[d]!)}`);
  }
  const text = [
    "Minimize",
    ` obj: ${objective.orZero(x[0]!)}`,
    "Subject To",
    ...rows.map((r) => ` ${r}`),
    "Bounds",
    ...transfers.map((t) => ` 0 <= ${t.name} <= 1`),
    "Binary",
    ` ${x.join(" ")}`,
    "End",
    "",
  ].join("\n");
  return { text, optionColumns: x };
}

/** A linear expression in LP syntax; zero coefficients are left out. */
class Terms {
  private parts: string[] = [];

  add(coefficient: number, name: string): void {
    if (coefficient === 0) return;
    const sign = coefficient < 0 ? "-" : "+";
    this.parts.push(
      `${this.parts.length === 0 && sign === "+" ? "" : `${sign} `}${
        num(Math.abs(coefficient))
      } ${name}`,
    );
  }

  empty(): boolean {
    return this.parts.length === 0;
  }

  /** The expression, or `0 name` when it has no terms (LP rows need one). */
  orZero(name: string): string {
    return this.empty() ? `0 ${name}` : this.toString();
  }

  toString(): string {
    // Short lines: ten terms per line, continued on the next.
    const lines: string[] = [];
    for (let j = 0; j < this.parts.length; j += 10) {
      lines.push(this.parts.slice(j, j + 10).join(" "));
    }
    return lines.join("\n   ");
  }
}

/** A finite number in a form the LP reader parses (full precision, exponent allowed). */
function num(value: number): string {
  return String(value);
}
