/**
 * Figure builders of lesson 08: titles, axis labels with units, one series per quantity, clear errors.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { skillMeasureFigure, measureBoundFigure, skillGuaranteeFigure, frequencyEmergenceFigure } from "../../src/view/measures";
import type { MeasureBoundRow, TupleFrequencyRow } from "../../src/sim/experiments";
import type { FrequencyEmergencePoint } from "../../src/theory/generalMeasure";

const row = (alpha: number): MeasureBoundRow => ({
  alpha, rarestMeasure: alpha / 7, theoremBeta: 4.5, numberBeta: 15, numberFiniteSizeBeta: 15.4, numberAdversaryBeta: 9,
  numberRandomBeta: 1.2, measureFiniteSizeBeta: 4.6, measureLimitBeta: 3, measureAdversaryBeta: 3.1, measureRandomBeta: 1.1,
});

function titles(f: { layout: Record<string, unknown> }): string[] {
  const t = (x: unknown) => ((x as { title: { text: string } }).title.text);
  return [t(f.layout), t(f.layout.xaxis), t(f.layout.yaxis)];
}

test("measureBoundFigure: by number and by measure draw their own bounds and simulations, with the rate-1 line", () => {
  const rows = [row(0.05), row(0.1), row(0.2)];
  const n = measureBoundFigure(rows, { by: "number", theta: 0.1, id: "F-08-number" });
  const m = measureBoundFigure(rows, { by: "measure", theta: 0.1 });
  assert.equal(n.id, "F-08-number");
  for (const f of [n, m]) {
    assert.equal(f.data.length, 6);
    assert.ok(titles(f).every((s) => s.length > 3));
    const last = f.data[5] as { x: number[]; y: number[] };
    assert.deepEqual(last.y, [10, 10], "the rate-1 line is straight: its two ends");
    assert.deepEqual(last.x, [0.05, 0.2]);
  }
  assert.deepEqual((n.data[0] as { y: number[] }).y, [15, 15, 15]);
  assert.deepEqual((m.data[0] as { y: number[] }).y, [4.5, 4.5, 4.5]);
  assert.throws(() => measureBoundFigure(rows, { by: "size" as never, theta: 0.1 }), /measureBoundFigure: options.by must be "number" or "measure", got size/);
  assert.throws(() => measureBoundFigure([], { by: "number", theta: 0.1 }), /measureBoundFigure: rows must be a non-empty array/);
});

test("skillMeasureFigure and skillGuaranteeFigure: ranks from the most frequent skill; gaps where there is no guarantee", () => {
  const p = [0.1, 0.6, 0.3];
  const f = skillMeasureFigure({ skillMeasure: p, degrees: [10, 50, 40], edges: 100 });
  // The shares (markers) first, the measure drawn on top of them.
  assert.deepEqual((f.data[1] as { y: number[] }).y, [0.6, 0.3, 0.1]);
  assert.deepEqual((f.data[0] as { y: number[] }).y, [0.5, 0.4, 0.1]);
  assert.throws(() => skillMeasureFigure({ skillMeasure: p, degrees: [1, 2] }), /skillMeasureFigure: degrees must have one entry per skill \(3\), got 2/);
  const g = skillGuaranteeFigure({ skillMeasure: p, guarantees: [{ theta: 0.1, competence: [-Infinity, 0.8, 0.5] }], simulated: [{ name: "adversary", competence: [0.2, 0.9, 0.7] }] });
  assert.deepEqual((g.data[0] as { y: (number | null)[] }).y, [0.8, 0.5], "the line ends at the rarest skill with a guarantee");
  assert.deepEqual((g.data[1] as { y: number[] }).y, [0.9, 0.7, 0.2]);
  assert.ok(titles(g).every((s) => s.length > 3));
});

test("frequencyEmergenceFigure: guarantee lines per tuple and simulated markers per class at their budgets", () => {
  const theory: FrequencyEmergencePoint[] = [1e20, 1e22].map((c, i) => ({ compute: c, N: 1, D: 1, reducibleLoss: 0.1, theta: 0.2 / (i + 1), tuples: [{ name: "frequent", competence: i === 0 ? null : 0.4, vacuous: i === 0 }, { name: "rare", competence: -1, vacuous: true }] }));
  const sim: TupleFrequencyRow[] = [0.2, 0.1].flatMap((theta) => ["frequent", "rare"].map((className) => ({ theta, className, kPrime: 2, meanMeasure: 0.1, guarantee: null, randomCompetence: 0.7, adversarialCompetence: 0.5 })));
  const f = frequencyEmergenceFigure({ theory, simulation: { computes: [1e20, 1e22], rows: sim } });
  assert.equal(f.data.length, 2 + 4);
  assert.deepEqual((f.data[0] as { y: (number | null)[] }).y, [null, 0.4]);
  assert.deepEqual((f.data[1] as { y: (number | null)[] }).y, [null, null]);
  assert.deepEqual((f.data[2] as { x: number[] }).x, [1e20, 1e22]);
  assert.throws(() => frequencyEmergenceFigure({ theory, simulation: { computes: [1e20], rows: sim } }), /one budget per theta/);
});
