import assert from "node:assert/strict";
import { expandRange } from "./expand_range.ts";
import { throwsWith } from "./_fixtures.ts";

Deno.test("expandRange() steps up to and including the end", () => {
  assert.deepEqual(expandRange({ from: 20, to: 40, step: 5 }), [20, 25, 30, 35, 40]);
  assert.deepEqual(expandRange({ from: 1, to: 2, step: 0.4 }), [1, 1.4, 1.8]);
  assert.deepEqual(expandRange({ from: 0, to: 0.3, step: 0.1 }), [0, 0.1, 0.2, 0.3]);
  assert.deepEqual(expandRange({ from: 10, to: 4, step: -3 }), [10, 7, 4]);
  assert.deepEqual(expandRange({ from: 3, to: 3, step: 1 }), [3]);
});

Deno.test("expandRange() supports geometric steps", () => {
  assert.deepEqual(expandRange({ from: 512, to: 4096, factor: 2 }), [512, 1024, 2048, 4096]);
  assert.deepEqual(expandRange({ from: 100, to: 10, factor: 0.5 }), [100, 50, 25, 12.5]);
  assert.deepEqual(expandRange({ from: 1, to: 1000, factor: 10 }), [1, 10, 100, 1000]);
});

Deno.test("expandRange() rejects ranges that never reach their end", () => {
  throwsWith(() => expandRange({ from: 1, to: 5, step: 0 }), RangeError, "never reaches its end");
  throwsWith(() => expandRange({ from: 1, to: 5, step: -1 }), RangeError, "step -1 from 1 to 5");
  throwsWith(() => expandRange({ from: 1, to: 5, factor: 1 }), RangeError, "never reaches");
  throwsWith(() => expandRange({ from: 1, to: 5, factor: 0.5 }), RangeError, "never reaches");
  throwsWith(() => expandRange({ from: 0, to: 5, factor: 2 }), RangeError, "never reaches");
  throwsWith(() => expandRange({ from: -1, to: 5, factor: 2 }), RangeError, "never reaches");
});

Deno.test("expandRange() needs exactly one of step and factor, and bounded output", () => {
  throwsWith(
    () => expandRange({ from: 1, to: 5 }),
    RangeError,
    "exactly one of 'step' or 'factor'",
  );
  throwsWith(
    () => expandRange({ from: 1, to: 5, step: 1, factor: 2 }),
    RangeError,
    "exactly one",
  );
  throwsWith(() => expandRange({ from: 0, to: 1e9, step: 1 }), RangeError, "more than");
});
