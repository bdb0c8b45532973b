/** The normal density (src/random/normal). */
import { test } from "node:test";
import assert from "node:assert/strict";
import { normalDensity } from "../../src/random/normal";

test("normalDensity: 1/(σ√(2π)) at the mean, symmetric, integrates to 1 (trapezoid over ±10σ)", () => {
  assert.ok(Math.abs(normalDensity({ x: 3, mean: 3, std: 2 }) - 1 / (2 * Math.sqrt(2 * Math.PI))) < 1e-16);
  assert.equal(normalDensity({ x: 3 - 1.25, mean: 3, std: 2 }), normalDensity({ x: 3 + 1.25, mean: 3, std: 2 })); // exactly representable offsets
  let area = 0;
  const h = 0.001;
  for (let x = -20; x < 20; x += h) area += (h * (normalDensity({ x, mean: 0, std: 2 }) + normalDensity({ x: x + h, mean: 0, std: 2 }))) / 2;
  assert.ok(Math.abs(area - 1) < 1e-6, `area ${area}`);
  assert.throws(() => normalDensity({ x: 0, mean: 0, std: 0 }), /normalDensity: std must be a finite number > 0, got 0/);
});
