import assert from "node:assert/strict";
import fc from "fast-check";
import { paretoFilter } from "./pareto_filter.ts";

interface Point {
  id: number;
  latency: number;
  energy: number;
}

/** Quadratic reference: keep a point unless another beats it, or ties it and comes first. */
function naive(points: readonly Point[]): Point[] {
  return points
    .filter((p, j) =>
      !points.some((q, k) =>
        (q.latency <= p.latency && q.energy <= p.energy &&
          (q.latency < p.latency || q.energy < p.energy)) ||
        (q.latency === p.latency && q.energy === p.energy && k < j)
      )
    )
    .sort((a, b) => a.latency - b.latency);
}

Deno.test("paretoFilter() equals the quadratic definition, ties kept once and first", () => {
  const coordinate = fc.integer({ min: 0, max: 6 });
  fc.assert(
    fc.property(fc.array(fc.tuple(coordinate, coordinate), { maxLength: 40 }), (pairs) => {
      const points = pairs.map(([latency, energy], id) => ({ id, latency, energy }));
      assert.deepEqual(paretoFilter(points), naive(points));
    }),
    { numRuns: 1000 },
  );
});

Deno.test("paretoFilter() reads custom accessors and rejects NaN", () => {
  const rows = [{ t: 2, e: 5 }, { t: 1, e: 9 }, { t: 3, e: 5 }];
  assert.deepEqual(paretoFilter(rows, { latency: (r) => r.t, energy: (r) => r.e }), [
    { t: 1, e: 9 },
    { t: 2, e: 5 },
  ]);
  assert.throws(() => paretoFilter([{ latency: NaN, energy: 1 }]), TypeError);
  assert.deepEqual(paretoFilter([]), []);
});
