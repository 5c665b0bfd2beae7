import assert from "node:assert/strict";
import fc from "fast-check";
import { paretoFront } from "./pareto_front.ts";

/** Brute force: a point is on its group's front when no other point of the group dominates it. */
function bruteForce(latency: number[], energy: number[], group: number[]): number[] {
  const front: number[] = [];
  for (let i = 0; i < latency.length; i++) {
    let dominated = false;
    for (let j = 0; j < latency.length && !dominated; j++) {
      if (group[j] !== group[i]) continue;
      dominated = latency[j]! <= latency[i]! && energy[j]! <= energy[i]! &&
        (latency[j]! < latency[i]! || energy[j]! < energy[i]!);
    }
    if (!dominated) front.push(i);
  }
  return front;
}

Deno.test("paretoFront() matches a brute-force check, ties and groups included", () => {
  const point = fc.record({
    // Few distinct values, so that ties on latency, energy or both are frequent.
    latency: fc.integer({ min: 0, max: 8 }),
    energy: fc.integer({ min: 0, max: 8 }),
    group: fc.integer({ min: 0, max: 2 }),
  });
  fc.assert(
    fc.property(fc.array(point, { maxLength: 60 }), (points) => {
      const latency = points.map((p) => p.latency / 2);
      const energy = points.map((p) => p.energy / 4);
      const group = points.map((p) => p.group);
      const front = paretoFront(points.map((_, i) => i), latency, energy, group);
      assert.deepEqual([...front].sort((a, b) => a - b), bruteForce(latency, energy, group));
      // Ordered by group, then latency, then energy, then index.
      for (let k = 1; k < front.length; k++) {
        const a = front[k - 1]!;
        const b = front[k]!;
        const key = (i: number) => [group[i]!, latency[i]!, energy[i]!, i];
        const [ka, kb] = [key(a), key(b)];
        const order = ka.findIndex((v, x) => v !== kb[x]);
        assert.ok(order >= 0 && ka[order]! < kb[order]!);
      }
    }),
    { numRuns: 500 },
  );
});

Deno.test("paretoFront() only considers the candidates", () => {
  const latency = [1, 2, 3, 0];
  const energy = [3, 2, 1, 0];
  assert.deepEqual(paretoFront([0, 1, 2], latency, energy, [0, 0, 0, 0]), [0, 1, 2]);
  assert.deepEqual(paretoFront([0, 1, 2, 3], latency, energy, [0, 0, 0, 0]), [3]);
  assert.deepEqual(paretoFront([0, 1, 2, 3], latency, energy, [0, 1, 0, 1]), [0, 2, 3]);
});
