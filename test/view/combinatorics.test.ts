/**
 * Lesson 07 figure builders (src/view/combinatorics.ts) and coverageExperiment. Figures are checked
 * for ids, captions that state the parameters, log axes and values taken from the core formulas
 * (recomputed here from closed forms, not copied from the builders' output).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { coverageExperiment } from "../../src/combinatorics/experiments";
import { tupleCountCurve, tupleCoverageCurve } from "../../src/combinatorics/curves";
import { skillMixBound, skillMixCurve } from "../../src/combinatorics/skillmix";
import { coverageExperimentFigure, skillMixFigure, tupleCountsFigure, tupleCoverageFigure } from "../../src/view/combinatorics";

type Axis = { type: string };

test("tupleCountsFigure: C(N, k') on log axes with corpus lines", () => {
  const f = tupleCountsFigure({ points: tupleCountCurve({ skills: [1000, 10000], kPrimes: [2, 4] }), corpora: [{ name: "10^10 text pieces", size: 1e10 }], id: "F-07-counts" });
  assert.equal(f.id, "F-07-counts");
  assert.equal(tupleCountsFigure({ points: tupleCountCurve({ skills: [10], kPrimes: [2] }), corpora: [] }).id, undefined, "no lesson id by default");
  assert.match(f.caption ?? "", /N = 1000\.\.10000 skills and k' = 2, 4/);
  assert.equal((f.layout.xaxis as Axis).type, "log");
  assert.equal((f.layout.yaxis as Axis).type, "log");
  const k4 = f.data[1].y as number[];
  const c4 = (1000 * 999 * 998 * 997) / 24; // C(1000, 4) = 41,417,124,750
  assert.ok(Math.abs(k4[0] - c4) / c4 < 1e-12, `C(1000,4): ${k4[0]}`);
  assert.deepEqual(f.data[2].y, [1e10, 1e10]);
  const ordered = tupleCountsFigure({ points: tupleCountCurve({ skills: [1000], kPrimes: [4], kind: "orderedWithRepetition" }), corpora: [] });
  assert.ok(Math.abs((ordered.data[0].y as number[])[0] - 1e12) / 1e12 < 1e-12, "1000^4 = 10^12");
});

test("tupleCoverageFigure: random-corpus fraction below the counting bound", () => {
  const f = tupleCoverageFigure({ points: tupleCoverageCurve({ skills: 10000, k: 5, kPrimes: [3, 4], texts: [1e8, 1e10, 1e12] }), id: "F-07-coverage" });
  assert.equal(f.id, "F-07-coverage");
  assert.match(f.caption ?? "", /N = 10000 skills, k = 5 .*k' = 3, 4/);
  const random4 = f.data[2].y as number[];
  const best4 = f.data[3].y as number[];
  const q = 5 / ((10000 * 9999 * 9998 * 9997) / 24);
  random4.forEach((y, i) => {
    const T = [1e8, 1e10, 1e12][i];
    assert.ok(Math.abs(y - -Math.expm1(T * Math.log1p(-q))) <= 1e-12 * y);
    assert.ok(y <= best4[i] * (1 + 1e-12));
    assert.ok(Math.abs(best4[i] - Math.min(1, T * q)) <= 1e-12 * best4[i]);
  });
});

test("skillMixFigure: bound curve, the vacuous line, the paper's rounded values", () => {
  const f = skillMixFigure({ points: skillMixCurve({ ks: [1, 2, 3, 4, 5, 6, 7] }), id: "F-07-skillmix" });
  assert.equal(f.id, "F-07-skillmix");
  assert.match(f.caption ?? "", /p_s = 0\.0144, p_t = 0\.0022 \(per sentence\), L = 5\.0e\+10 sentences \(the paper's reported values\)/);
  assert.match(f.caption ?? "", /arXiv 2310\.17567/);
  assert.equal((f.layout.yaxis as Axis).type, "log");
  assert.equal(f.data.length, 3);
  assert.deepEqual(f.data[2].x, [5, 6]);
  const custom = skillMixFigure({ points: skillMixCurve({ ks: [1, 2], pS: 0.1 }) });
  assert.equal(custom.data.length, 2, "no paper markers with other inputs");
  assert.equal((custom.data[0].y as number[])[1], skillMixBound({ k: 2, pS: 0.1 }));
});

test("coverageExperiment: z-scores are standard-normal-sized and the figure draws 2 SE bars", () => {
  const points = coverageExperiment({ skills: 30, k: 5, kPrime: 2, texts: [20, 100, 400], distinct: true, replicates: 50, rng: "test/figures" });
  assert.equal(points.length, 3);
  for (const p of points) {
    // 5-sigma tolerance on each point (the formula's own standard error of the mean of 50 runs).
    assert.ok(Math.abs(p.z) < 5, `T=${p.texts}: z = ${p.z}`);
    assert.ok(p.expectedFraction > 0 && p.expectedFraction < 1);
    // Sample vs formula standard error: a sample sd from 50 runs has relative sd ~ 1/sqrt(2·49) ~ 0.10
    // (normal approximation), so a factor of 2 either way is beyond 5 of those sds.
    assert.ok(p.simulatedStdErr > 0.5 * p.expectedStdErr && p.simulatedStdErr < 2 * p.expectedStdErr);
  }
  const f = coverageExperimentFigure({ points, skills: 30, k: 5, kPrime: 2, distinct: true, replicates: 50, seed: "test/figures", id: "F-07-coverage-sim" });
  assert.equal(f.id, "F-07-coverage-sim");
  assert.match(f.caption ?? "", /50 random skill graphs per corpus size, seed "test\/figures"/);
  // The error bars are drawn on the difference simulated − formula, in a panel of their own.
  const diff = f.data.find((t) => t.error_y !== undefined) as { y: number[]; yaxis: string; error_y: { array: number[] } };
  assert.equal(diff.yaxis, "y2");
  assert.equal(diff.error_y.array[1], 2 * points[1].expectedStdErr);
  assert.equal(diff.y[1], points[1].simulatedFraction - points[1].expectedFraction);
  const formula = f.data.find((t) => t.mode === "lines" && t.yaxis === undefined) as { x: number[] };
  assert.ok(formula.x.length >= 100, `the formula is drawn as a smooth curve, got ${formula.x.length} points`);
  assert.throws(() => coverageExperiment({ skills: 30, k: 5, kPrime: 2, texts: [10], distinct: true, replicates: 1, rng: 1 }), /coverageExperiment: replicates must be >= 2.*got 1/);
  assert.throws(() => coverageExperiment({ skills: 30, k: 5, kPrime: 2, texts: [0], distinct: true, replicates: 5, rng: 1 }), /coverageExperiment: texts\[0\] must be a positive integer, got 0/);
  assert.throws(() => tupleCountCurve({ skills: [], kPrimes: [2] }), /tupleCountCurve: skills must be a non-empty array/);
  assert.throws(() => tupleCountsFigure({ points: [], corpora: [] }), /tupleCountsFigure: points must be a non-empty array/);
});
