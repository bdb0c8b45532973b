import { test } from "node:test";
import assert from "node:assert/strict";
import { computeOptimalCurve, isoLossCurve } from "../../src/scaling/curves";
import { HOFFMANN_2022, chinchillaLoss } from "../../src/scaling/law";

test("computeOptimalCurve: C = 6ND at every budget, N_opt ∝ C^(β/(α+β)) (Hoffmann et al. 2022, eq. 4)", () => {
  const pts = computeOptimalCurve({ params: HOFFMANN_2022, from: 1e18, to: 1e26, points: 9 });
  assert.equal(pts.length, 9);
  for (const p of pts) assert.ok(Math.abs((6 * p.N * p.D) / p.compute - 1) < 1e-12);
  const { alpha, beta } = HOFFMANN_2022;
  const slope = Math.log(pts[8].N / pts[0].N) / Math.log(pts[8].compute / pts[0].compute);
  assert.ok(Math.abs(slope - beta / (alpha + beta)) < 1e-12, `slope ${slope}`);
  assert.throws(() => computeOptimalCurve({ params: HOFFMANN_2022, from: 0, to: 1 }), /computeOptimalCurve: from/);
});

test("isoLossCurve: every point has the contour's loss; it enters and leaves through the box", () => {
  const N: [number, number] = [3e7, 1e12];
  const D: [number, number] = [1e8, 1e14];
  for (const loss of [2.2, 2.6, 3.0]) {
    const pts = isoLossCurve({ params: HOFFMANN_2022, loss, N, D, points: 150 });
    assert.equal(pts.length, 150);
    for (const p of pts) {
      if (p.D > D[0] * 1.0000001 && p.D < D[1] * 0.9999999) assert.ok(Math.abs(chinchillaLoss({ N: p.N, D: p.D, params: HOFFMANN_2022 }) - loss) < 1e-9);
      assert.ok(p.N >= N[0] * 0.999999 && p.N <= N[1] * 1.000001 && p.D >= D[0] && p.D <= D[1]);
    }
    for (let i = 1; i < pts.length; i++) assert.ok(pts[i].D <= pts[i - 1].D, "D falls as N grows along a contour");
  }
  // Below the entropy E no model reaches the loss: nothing in the box.
  assert.deepEqual(isoLossCurve({ params: HOFFMANN_2022, loss: 1.5, N, D }), []);
  assert.throws(() => isoLossCurve({ params: HOFFMANN_2022, loss: 2, N: [1, 0.5], D }), /isoLossCurve: N must be \[low, high\]/);
});
