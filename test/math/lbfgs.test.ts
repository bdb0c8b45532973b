/** L-BFGS with a strong-Wolfe line search (src/math/lbfgs), on textbook problems. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { lbfgsMinimize } from "../../src/math/lbfgs";

test("lbfgsMinimize finds the minimum of the Rosenbrock function (1, 1) from (-1.2, 1)", () => {
  const fg = (x: Float64Array, g: Float64Array): number => {
    const a = 1 - x[0], b = x[1] - x[0] * x[0];
    g[0] = -2 * a - 400 * x[0] * b;
    g[1] = 200 * b;
    return a * a + 100 * b * b;
  };
  const r = lbfgsMinimize(fg, [-1.2, 1], { gradientTolerance: 1e-10, relativeTolerance: 0 });
  assert.ok(Math.abs(r.x[0] - 1) < 1e-7 && Math.abs(r.x[1] - 1) < 1e-7, `x = ${Array.from(r.x)}, stop ${r.stop}`);
  assert.ok(r.iterations < 100, `iterations ${r.iterations}`);
});

test("lbfgsMinimize reports why it stopped: max-iterations, non-finite start, gradient on a quadratic", () => {
  // f = sum_i (i+1) x_i^2 / 2 (condition number 5): L-BFGS reaches the gradient tolerance quickly.
  const quad = (x: Float64Array, g: Float64Array): number => {
    let f = 0;
    for (let i = 0; i < x.length; i++) {
      g[i] = (i + 1) * x[i];
      f += 0.5 * (i + 1) * x[i] * x[i];
    }
    return f;
  };
  const ok = lbfgsMinimize(quad, [1, -2, 3, 0.5, 4], { gradientTolerance: 1e-12, relativeTolerance: 0 });
  assert.equal(ok.stop, "gradient");
  assert.ok(ok.converged && ok.gradientNorm <= 1e-12);
  const capped = lbfgsMinimize(quad, [1, -2, 3, 0.5, 4], { maxIterations: 1, gradientTolerance: 0, relativeTolerance: 0 });
  assert.equal(capped.stop, "max-iterations");
  assert.equal(capped.converged, false);
  const bad = lbfgsMinimize(() => NaN, [0, 0]);
  assert.equal(bad.stop, "non-finite");
  assert.equal(bad.converged, false);
});
