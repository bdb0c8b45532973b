/** Threshold search of src/math/bisect against thresholds known in closed form. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { bisectFirst, scanThenBisect } from "../../src/math/bisect";

test("bisectFirst: finds sqrt(2) as the first x with x^2 >= 2, within the absolute tolerance, never below it", () => {
  const x = bisectFirst((v) => v * v >= 2, 1, 2, { tolerance: 1e-12 });
  assert.ok(x >= Math.SQRT2 && x - Math.SQRT2 <= 1e-12, `got ${x}`);
});

test("bisectFirst: a relative tolerance scales with hi; maxIterations caps the halvings", () => {
  const t = 1e6 + 0.123456789;
  const rel = bisectFirst((v) => v >= t, 1, 4e6, { tolerance: 1e-10, relative: true });
  assert.ok(rel >= t && rel - t <= 1e-10 * rel, `got ${rel}`);
  const small = 0.123456789;
  const abs = bisectFirst((v) => v >= small, 0, 4, { tolerance: 1e-10 });
  assert.ok(abs >= small && abs - small <= 1e-10, `got ${abs}`);
  let calls = 0;
  bisectFirst((v) => (calls++, v >= 0.3), 0, 1, { tolerance: 0, maxIterations: 7 });
  assert.equal(calls, 7);
});

test("scanThenBisect: brackets the first crossing of a non-monotone predicate; NaN when no grid point reaches", () => {
  // true on [0.25, 0.5] and on [0.8, 1]: the scan must find the first interval's left end, 0.25
  const reaches = (x: number) => (x >= 0.25 && x <= 0.5) || x >= 0.8;
  const x = scanThenBisect(reaches, 0, 1, 10);
  assert.ok(x >= 0.25 && x - 0.25 <= 1e-10, `got ${x}`);
  assert.ok(Number.isNaN(scanThenBisect(() => false, 0, 1, 10)));
  // reached at the first grid point: the left end itself
  assert.equal(scanThenBisect(() => true, 3, 4, 5), 3);
});
