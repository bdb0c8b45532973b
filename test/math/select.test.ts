/** Quickselect and the sorted-sample quantile of src/math, against sorting and numpy's definition. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { quantileSorted } from "../../src/math/quantile";
import { selectKthLargest } from "../../src/math/select";
import { createRng } from "../../src/random/rng";

test("selectKthLargest: the m-th largest equals the sorted array's entry, with ties and duplicates", () => {
  const rng = createRng("select");
  for (const n of [1, 2, 3, 10, 101, 1000]) {
    for (const distinct of [true, false]) {
      const a = Float64Array.from({ length: n }, () => (distinct ? rng.double() : rng.int(5)));
      const sorted = Float64Array.from(a).sort();
      for (const m of [1, Math.ceil(n / 3), n]) {
        assert.equal(selectKthLargest(Float64Array.from(a), m), sorted[n - m], `n = ${n}, m = ${m}, distinct = ${distinct}`);
      }
    }
  }
});

test("quantileSorted: linear interpolation between order statistics (numpy's default)", () => {
  // numpy.quantile([1, 2, 3, 4], q) with method "linear": position q (n - 1).
  const xs = [1, 2, 3, 4];
  assert.equal(quantileSorted(xs, 0), 1);
  assert.equal(quantileSorted(xs, 1), 4);
  assert.equal(quantileSorted(xs, 0.5), 2.5);
  assert.equal(quantileSorted(xs, 0.25), 1.75);
  assert.equal(quantileSorted([7], 0.9), 7);
});
