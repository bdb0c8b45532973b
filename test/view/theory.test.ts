import { test } from "node:test";
import * as assert from "node:assert/strict";
import { HOFFMANN_2022 } from "../../src/scaling/law";
import { clozeFailureExperiment } from "../../src/sim/experiments";
import { emergenceVsScale } from "../../src/theory/emergence";
import { performanceCurve } from "../../src/theory/performanceCurve";
import { emergenceVsScaleFigure, performanceCurveFigure, thetaVsDeltaFigure } from "../../src/view/theory";

test("performanceCurveFigure: vacuous and infeasible points are gaps; overlays are drawn; id and caption kept", () => {
  const points = performanceCurve({ theta: 0.1, k: 8, alphas: [0.001, 0.1, 0.4] });
  assert.ok(points[0].vacuous && !points[2].vacuous); // guards the premise of the gap check
  const fig = performanceCurveFigure({
    curves: [{ name: "k = 8", points }],
    overlays: [{ name: "simulated", x: [0.1], y: [0.9], mode: "markers" }],
    id: "F-test-curve",
    caption: "theta = 0.1, k = 8",
  });
  assert.equal(fig.id, "F-test-curve");
  assert.equal(fig.caption, "theta = 0.1, k = 8");
  assert.equal(fig.data.length, 2);
  const y = fig.data[0].y as (number | null)[];
  assert.equal(y[0], null);
  assert.equal(y[2], points[2].competence);
  assert.equal(fig.data[1].name, "simulated");
  const shown = performanceCurveFigure({ curves: [{ name: "k = 8", points }], showVacuous: true });
  assert.equal((shown.data[0].y as number[])[0], points[0].competence);
  assert.throws(() => performanceCurveFigure({ curves: [] }), /performanceCurveFigure: curves must be a non-empty array/);
});

test("emergenceVsScaleFigure: one line per (law, k') plus theta; gaps where no guarantee", () => {
  const rows = emergenceVsScale({ params: HOFFMANN_2022, computes: [1e18, 1e22, 1e26], k: 8, alpha: 0.3, kPrimes: [1, 2] });
  const fig = emergenceVsScaleFigure({ runs: [{ name: "Hoffmann", rows }], id: "F-test-scale" });
  assert.equal(fig.data.length, 3);
  const y = fig.data[0].y as (number | null)[];
  rows.forEach((r, i) => {
    const c = r.tuples[0].competence;
    assert.equal(y[i], c === null || c < 0 ? null : c);
  });
});

test("thetaVsDeltaFigure: simulated theta against meanLoss, with the Markov line", () => {
  const points = clozeFailureExperiment({ deltas: [0.05, 0.2], questions: 200, rng: 1 });
  const fig = thetaVsDeltaFigure({ scenarios: [{ name: "certain", points }] });
  assert.deepEqual(fig.data[0].x, points.map((p) => p.meanLoss));
  assert.deepEqual(fig.data[0].y, points.map((p) => p.theta));
  assert.match(String(fig.data[1].name), /Markov/);
});
