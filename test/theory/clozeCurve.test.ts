import { test } from "node:test";
import assert from "node:assert/strict";
import { clozeTheoryCurve } from "../../src/theory/cloze";

test("clozeTheoryCurve: Markov 2δ, Pinsker δ/(2m²) (both capped at 1) and e^(−ln 2/δ) on the grid", () => {
  const pts = clozeTheoryCurve({ deltas: [0, 0.01, Math.LN2, 0.8], margin: 0.1 });
  assert.deepEqual(pts.map((p) => p.markovBound), [0, 0.02, 1, 1]);
  const pinsker = pts.map((p) => p.pinskerBound);
  [0, 0.5, 1, 1].forEach((v, i) => assert.ok(Math.abs(pinsker[i] - v) < 1e-12, `Pinsker at δ = ${pts[i].delta}: ${pinsker[i]}`));
  assert.equal(pts[0].exponentialCertain, 0);
  assert.ok(Math.abs(pts[2].exponentialCertain - Math.exp(-1)) < 1e-15, "at δ = ln 2 the exact value is e^(−1)");
  assert.equal(clozeTheoryCurve({ deltas: [0.25] })[0].pinskerBound, 0.5, "default margin 1/2: δ/(2·1/4) = 2δ");
  assert.throws(() => clozeTheoryCurve({ deltas: [] }), /clozeTheoryCurve: deltas must be a non-empty array/);
  assert.throws(() => clozeTheoryCurve({ deltas: [-0.1] }), /clozeTheoryCurve: deltas\[0\]/);
});
