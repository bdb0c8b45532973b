import { test } from "node:test";
import * as assert from "node:assert/strict";
import { createRng } from "../../src/random/rng";
import { clozeFailureExperiment } from "../../src/sim/experiments";
import { clozeThetaExponentialCertain, thetaFromReducibleLoss, thetaPinskerBound } from "../../src/theory/cloze";

/** Five binomial standard errors: a statistical test fails by chance with probability < 1e-6. */
function fiveSe(p: number, n: number): number {
  return 5 * Math.sqrt(Math.max(p * (1 - p), 1 / n) / n);
}

test("thetaFromReducibleLoss: Markov link theta = min(1, factor delta)", () => {
  assert.equal(thetaFromReducibleLoss(0.1), 0.2);
  assert.equal(thetaFromReducibleLoss(0), 0);
  assert.equal(thetaFromReducibleLoss(0.7), 1);
  assert.ok(Math.abs(thetaFromReducibleLoss(0.1, { factor: 2.2 }) - 0.22) < 1e-15);
  assert.throws(() => thetaFromReducibleLoss(-0.1), /thetaFromReducibleLoss: delta must be a finite number >= 0, got -0.1/);
  assert.throws(() => thetaFromReducibleLoss(0.1, { factor: 0 }), /thetaFromReducibleLoss: factor must be a finite number > 0, got 0/);
});

test("thetaPinskerBound: delta / (2 m^2); margin 1/2 gives the paper's 2 delta", () => {
  assert.equal(thetaPinskerBound(0.1), 0.2);
  assert.ok(Math.abs(thetaPinskerBound(0.01, { margin: 0.1 }) - 0.5) < 1e-15);
  assert.equal(thetaPinskerBound(1, { margin: 0.1 }), 1);
  assert.throws(() => thetaPinskerBound(0.1, { margin: 0.6 }), /thetaPinskerBound: margin must be a finite number in \(0, 0.5\], got 0.6/);
});

test("clozeFailureExperiment: exact seeded SNAPSHOT (statistical tests below check the law)", () => {
  // Snapshot recorded from this implementation on 2026-11-29 (Alea seed "snapshot", forks "delta-i").
  const r = clozeFailureExperiment({ deltas: [0.2], questions: 50, margin: [0.1, 0.5], rng: "snapshot" });
  assert.deepEqual(
    r.map((p) => [p.theta, p.thetaLossAtLeastHalf, p.meanLoss]),
    SNAPSHOT,
  );
});
const SNAPSHOT: [number, number, number][] = [[0.4, 0.02, 0.1700313249206175]];

test("clozeFailureExperiment: same seed, same numbers; another seed, other numbers", () => {
  const opts = { deltas: [0.1, 0.3], questions: 500, margin: [0, 0.5] as [number, number] };
  assert.deepEqual(clozeFailureExperiment({ ...opts, rng: 7 }), clozeFailureExperiment({ ...opts, rng: createRng(7) }));
  assert.notDeepEqual(clozeFailureExperiment({ ...opts, rng: 7 }), clozeFailureExperiment({ ...opts, rng: 8 }));
});

test("clozeFailureExperiment: the inequalities hold on every sample (Markov, Pinsker, Pinsker + Jensen)", () => {
  for (const lossShape of ["even", "exponential", "concentrated"] as const) {
    for (const margin of [0.5, [0.2, 0.5], [0.05, 0.3]] as const) {
      const pts = clozeFailureExperiment({ deltas: [0.01, 0.05, 0.2, 0.6], questions: 2000, margin, lossShape, rng: `ineq-${lossShape}` });
      for (const p of pts) {
        assert.ok(p.thetaLossAtLeastHalf <= p.markovBound + 1e-15, `Markov ${lossShape}`);
        assert.ok(p.theta <= p.pinskerBound + 1e-15, `Pinsker-type ${lossShape} ${JSON.stringify(margin)}: ${p.theta} > ${p.pinskerBound}`);
        // q is found by bisection to ~1e-13, so allow 1e-9 on the mean total variation
        assert.ok(p.meanTotalVariation <= p.totalVariationBound + 1e-9, `TV ${lossShape}`);
        if (margin === 0.5) assert.ok(p.theta <= p.meanLoss / Math.LN2 + 1e-15, "certain answers: theta <= delta / ln 2");
      }
    }
  }
});

test("clozeFailureExperiment: certain answers, exponential loss: theta = exp(-ln 2 / delta) within 5 s.e.", () => {
  const n = 20000;
  const deltas = [0.1, 0.2, 0.4, 0.8];
  const pts = clozeFailureExperiment({ deltas, questions: n, margin: 0.5, lossShape: "exponential", rng: "exp-certain" });
  pts.forEach((p, i) => {
    // P(Exp(mean delta) > ln 2) = exp(-ln 2 / delta), computed here directly
    const expected = Math.exp(-Math.LN2 / deltas[i]);
    assert.ok(Math.abs(p.theta - expected) <= fiveSe(expected, n), `delta=${deltas[i]}: ${p.theta} vs ${expected}`);
    assert.equal(clozeThetaExponentialCertain(deltas[i]), expected);
  });
});

test("clozeFailureExperiment: uncertain truth, even loss: theta = 2 m* (m* solves ln 2 - H(1/2 + m*) = delta) within 5 s.e.", () => {
  const n = 20000;
  const deltas = [0.005, 0.02, 0.08];
  const pts = clozeFailureExperiment({ deltas, questions: n, margin: [0, 0.5], lossShape: "even", rng: "even-uniform" });
  pts.forEach((p, i) => {
    // independent bisection for m*: g(m) = ln 2 + (1/2+m) ln(1/2+m) + (1/2-m) ln(1/2-m) increases on [0, 1/2)
    const g = (m: number) => Math.LN2 + (0.5 + m) * Math.log(0.5 + m) + (0.5 - m) * Math.log(0.5 - m) - deltas[i];
    let lo = 0;
    let hi = 0.4999999;
    for (let j = 0; j < 100; j++) {
      const mid = (lo + hi) / 2;
      if (g(mid) < 0) lo = mid;
      else hi = mid;
    }
    const expected = lo / 0.5;
    assert.ok(Math.abs(p.theta - expected) <= fiveSe(expected, n), `delta=${deltas[i]}: ${p.theta} vs ${expected}`);
    // the Pinsker regime: failures grow like sqrt(2 delta), far above the linear 2 delta for small delta
    assert.ok(p.theta > 2 * deltas[i]);
  });
});

test("clozeFailureExperiment: concentrated loss on certain answers fails exactly the loaded questions once delta/phi > ln 2", () => {
  const n = 20000;
  const phi = 0.1;
  const pts = clozeFailureExperiment({ deltas: [0.05, 0.1], questions: n, margin: 0.5, lossShape: "concentrated", concentration: phi, rng: "conc" });
  assert.equal(pts[0].theta, 0); // delta/phi = 0.5 < ln 2: nobody fails
  assert.ok(Math.abs(pts[1].theta - phi) <= fiveSe(phi, n)); // delta/phi = 1 > ln 2: the loaded fraction fails
});

test("clozeFailureExperiment: validation", () => {
  assert.throws(() => clozeFailureExperiment({ deltas: [0.1], rng: undefined as never }), /rng is required/);
  assert.throws(() => clozeFailureExperiment({ deltas: [-1], rng: 1 }), /clozeFailureExperiment: deltas\[0\] must be a finite number >= 0, got -1/);
  assert.throws(() => clozeFailureExperiment({ deltas: [0.1], questions: 2.5, rng: 1 }), /clozeFailureExperiment: questions must be an integer >= 1, got 2.5/);
  assert.throws(() => clozeFailureExperiment({ deltas: [0.1], margin: [0.4, 0.2], rng: 1 }), /margin must be \[lo, hi\] with lo <= hi/);
  assert.throws(() => clozeFailureExperiment({ deltas: [0.1], lossShape: "spiky" as never, rng: 1 }), /lossShape must be/);
});

test("clozeFailureExperiment: the model's q really sits at KL distance delta_i (mean |p - q| against a brute-force inversion)", () => {
  // Even loss and a fixed margin: every question has the same p and delta, so q is one number. Find it by
  // a plain bisection on KL(p || q) = delta over q in (0, p] and compare with the reported mean |p - q|.
  for (const [margin, delta] of [[0.3, 0.05], [0.45, 0.3], [0.1, 0.001]]) {
    const p = 0.5 + margin;
    const kl = (q: number) => p * Math.log(p / q) + (1 - p) * Math.log((1 - p) / (1 - q));
    let lo = 1e-300;
    let hi = p;
    for (let j = 0; j < 2000; j++) {
      const mid = (lo + hi) / 2;
      if (kl(mid) > delta) lo = mid;
      else hi = mid;
    }
    const [pt] = clozeFailureExperiment({ deltas: [delta], questions: 3, margin, lossShape: "even", rng: 1 });
    assert.ok(Math.abs(pt.meanTotalVariation - (p - lo)) < 1e-12, `margin ${margin}, delta ${delta}: ${pt.meanTotalVariation} vs ${p - lo}`);
  }
});

test("thetaPinskerBound: a margin so small that m^2 underflows still gives 0 at delta = 0 and 1 above", () => {
  assert.equal(thetaPinskerBound(0, { margin: 1e-300 }), 0);
  assert.equal(thetaPinskerBound(1e-300, { margin: 1e-300 }), 1); // 1e-300 / 2e-600 is huge
  // Just below the switch to two divisions, the same value as the closed form within rounding.
  const m = 1e-151, delta = 1e-303;
  assert.ok(Math.abs(thetaPinskerBound(delta, { margin: m }) - 0.05) < 1e-15);
});
