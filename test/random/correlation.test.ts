import { test } from "node:test";
import assert from "node:assert/strict";
import { sampleCorrelation } from "../../src/random/correlation";
import { createRng } from "../../src/random/rng";

test("sampleCorrelation: a hand-computed value, exact +1 and -1, symmetry", () => {
  // x = 1..5, y = 2,4,5,4,5: sxy = 6, sxx = 10, syy = 6, r = 6/sqrt(60) = sqrt(0.6)
  assert.ok(Math.abs(sampleCorrelation([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]) - Math.sqrt(0.6)) < 1e-15);
  assert.equal(sampleCorrelation([1, 2, 3], [3, 5, 7]), 1);
  assert.equal(sampleCorrelation([1, 2, 3], [3, 2, 1]), -1);
  assert.equal(sampleCorrelation([2, 4, 5, 4, 5], [1, 2, 3, 4, 5]), sampleCorrelation([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]));
});

test("sampleCorrelation: stable under a huge offset", () => {
  const r = sampleCorrelation([1, 2, 3, 4, 5].map((v) => v + 1e9), [2, 4, 5, 4, 5].map((v) => v - 1e9));
  assert.ok(Math.abs(r - Math.sqrt(0.6)) < 1e-9, String(r));
});

test("sampleCorrelation: y = x + noise with known correlation 1/sqrt(2) (statistical, 4 standard errors)", () => {
  const rng = createRng(7);
  const n = 20000;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // sums of 12 uniforms minus 6: mean 0, variance 1
    let a = -6;
    let b = -6;
    for (let j = 0; j < 12; j++) {
      a += rng.next();
      b += rng.next();
    }
    x[i] = a;
    y[i] = a + b;
  }
  const rho = 1 / Math.sqrt(2);
  const se = (1 - rho * rho) / Math.sqrt(n); // large-sample standard error of r
  assert.ok(Math.abs(sampleCorrelation(x, y) - rho) < 4 * se, `r = ${sampleCorrelation(x, y)}`);
});

test("sampleCorrelation: bad input names the argument", () => {
  assert.throws(() => sampleCorrelation([1], [2]), /sampleCorrelation: x must be an array of at least 2 finite numbers/);
  assert.throws(() => sampleCorrelation([1, 2], [1, 2, 3]), /sampleCorrelation: y must be an array of the same length as x \(2\)/);
  assert.throws(() => sampleCorrelation([1, NaN], [1, 2]), /sampleCorrelation: x\[1\] must be a finite number, got NaN/);
  assert.throws(() => sampleCorrelation([1, 1, 1], [1, 2, 3]), /sampleCorrelation: x must be values that vary/);
});
