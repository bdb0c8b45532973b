/**
 * The simulation figure builders (src/view/sim.ts): counts, series and ids; bad input throws.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { competenceHistogramFigure, concentrationFigure, emergenceBoundFigure, finiteSizeFigure, finiteSizeTermFigure } from "../../src/view/sim";
import { emergenceBoundExperiment, finiteSizeExperiment, concentrationExperiment } from "../../src/sim/experiments";
import { randomTestGraph } from "../sim/helpers";

test("competenceHistogramFigure: bar counts add up to the number of values; prediction curve appended", () => {
  const values = Array.from({ length: 500 }, (_, i) => 0.8 + (i % 50) / 250);
  const f = competenceHistogramFigure({ series: [{ name: "a", values }], bins: 17, prediction: { name: "p", mean: 0.9, std: 0.05 }, id: "F-test-h" });
  assert.equal(f.id, "F-test-h");
  assert.equal(f.data.length, 2);
  const counts = f.data[0].y as number[];
  assert.equal(counts.length, 17);
  assert.equal(counts.reduce((a, b) => a + b, 0), 500);
  assert.doesNotThrow(() => JSON.stringify(f));
  assert.throws(() => competenceHistogramFigure({ series: [] }), /competenceHistogramFigure: series must be a non-empty array/);
  assert.throws(() => competenceHistogramFigure({ series: [{ name: "x", values: [NaN] }] }), /values\[0\] = NaN/);
});

test("experiment figures: one series per quantity, ids kept, gaps for infeasible bounds", () => {
  const g = randomTestGraph(100, 5000, 4, "view");
  const rows = emergenceBoundExperiment({ graph: g, theta: 0.1, alphas: [0.001, 0.1], rng: 1 });
  const f = emergenceBoundFigure(rows, { theta: 0.1, id: "F-test-sim" });
  assert.equal(f.data.length, 6);
  assert.equal((f.data[0].y as (number | null)[])[0], null, "alpha = 0.001 is infeasible/vacuous: a gap");
  assert.throws(() => emergenceBoundFigure(rows, { theta: 2 }), /emergenceBoundFigure: options.theta must be in \(0, 1\), got 2/);
  const fs = finiteSizeExperiment({ skills: 50, ratios: [2, 20], k: 4, theta: 0.1, alpha: 0.1, rng: 2 });
  assert.equal(finiteSizeFigure(fs, { id: "F-test-fs" }).data.length, 5);
  assert.equal(finiteSizeTermFigure(fs).data.length, 2);
  const cs = concentrationExperiment({ skills: 50, textsList: [500, 5000], k: 4, theta: 0.1, rng: 3 });
  assert.equal(concentrationFigure(cs).data.length, 3);
  assert.throws(() => concentrationFigure([]), /concentrationFigure: rows must be a non-empty array/);
});
