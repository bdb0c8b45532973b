import { test } from "node:test";
import assert from "node:assert/strict";
import { sampleMoments } from "../../src/random/moments";

test("sampleMoments: textbook values (mean 5, unbiased variance 32/7 for 2,4,4,4,5,5,7,9)", () => {
  const m = sampleMoments([2, 4, 4, 4, 5, 5, 7, 9]);
  assert.equal(m.n, 8);
  assert.equal(m.mean, 5);
  assert.ok(Math.abs(m.variance - 32 / 7) < 1e-15);
  assert.ok(Math.abs(m.std - Math.sqrt(32 / 7)) < 1e-15);
  assert.deepEqual([m.min, m.max], [2, 9]);
});

test("sampleMoments: stable with a huge offset (naive sum of squares loses every digit here)", () => {
  const offset = 1e9;
  const m = sampleMoments(Float64Array.from([4, 7, 13, 16], (x) => x + offset));
  assert.equal(m.mean, offset + 10);
  assert.ok(Math.abs(m.variance - 30) < 1e-6, `variance ${m.variance}`); // (36+9+9+36)/3 = 30
});

test("sampleMoments: one value has variance 0; bad input names the argument", () => {
  assert.equal(sampleMoments([3]).variance, 0);
  assert.throws(() => sampleMoments([]), /sampleMoments: values must be a non-empty array/);
  assert.throws(() => sampleMoments([1, NaN]), /sampleMoments: values\[1\] must be a finite number, got NaN/);
});
