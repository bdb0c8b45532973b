import { test } from "node:test";
import assert from "node:assert/strict";
import { HOFFMANN_2022, chinchillaLoss, computeOptimal } from "../../src/scaling/law";
import { syntheticChinchillaRuns } from "../../src/scaling/runs";
import { bootstrapHistogramFigure, computeFrontierFigure, isoLossContourFigure, lossParityFigure, tokensPerParameterFigure } from "../../src/view/scaling";

const runs = syntheticChinchillaRuns({ rng: "view", params: HOFFMANN_2022, runs: 30 });
const laws = [{ name: "Hoffmann et al. 2022", params: HOFFMANN_2022 }];

test("isoLossContourFigure: every contour point has the loss of its label; frontier satisfies the first-order condition", () => {
  const f = isoLossContourFigure({ params: HOFFMANN_2022, runs, resolution: 40, id: "F-01-test" });
  const contours = f.data.filter((t) => t.legendgroup === "iso-loss") as unknown as { x: number[]; y: number[]; hovertemplate: string }[];
  assert.ok(contours.length >= 6, `${contours.length} contours`);
  for (const c of contours) {
    const level = Number(/L = ([0-9.]+)/.exec(c.hovertemplate)![1]);
    for (let k = 0; k < c.x.length; k += 5) {
      // Points are rounded to 1e-4 decades; dL/dlog10 D = beta ln10 B/D^beta < 0.28 * 2.31 * 1.5,
      // so the loss at a rounded point is within 1e-4 * 1 nat of the level (1e-3 leaves margin).
      const L = chinchillaLoss({ N: 10 ** c.x[k], D: 10 ** c.y[k], params: HOFFMANN_2022 });
      assert.ok(Math.abs(L - level) < 1e-3, `level ${level}: L = ${L}`);
    }
  }
  const frontier = f.data.find((t) => t.name === "compute-optimal frontier") as unknown as { x: number[]; y: number[] };
  assert.ok(frontier.x.length > 10);
  // On the frontier alpha A N^-alpha = beta B D^-beta (first-order condition), independent of C.
  for (let k = 0; k < frontier.x.length; k += 7) {
    const N = 10 ** frontier.x[k], D = 10 ** frontier.y[k];
    const ratio = (HOFFMANN_2022.alpha * HOFFMANN_2022.A * N ** -HOFFMANN_2022.alpha) / (HOFFMANN_2022.beta * HOFFMANN_2022.B * D ** -HOFFMANN_2022.beta);
    assert.ok(Math.abs(ratio - 1) < 1e-9);
  }
  assert.equal(f.id, "F-01-test");
  assert.doesNotThrow(() => JSON.stringify(f));
  assert.throws(() => isoLossContourFigure({ params: HOFFMANN_2022, N: [1e9, 1e8] }), /isoLossContourFigure: N must be \[low, high\]/);
});

test("frontier, tokens-per-parameter, parity and histogram figures carry the computed numbers", () => {
  const fr = computeFrontierFigure({ laws, C: [1e20, 1e24], points: 5 });
  const nTrace = fr.data[0] as unknown as { x: number[]; y: number[] };
  assert.ok(Math.abs(nTrace.y[4] / computeOptimal(1e24, HOFFMANN_2022).N - 1) < 1e-12);
  const tp = tokensPerParameterFigure({ laws, C: [1e20, 1e24], points: 5 });
  const t0 = tp.data[0] as unknown as { y: number[] };
  assert.ok(Math.abs(t0.y[0] / computeOptimal(1e20, HOFFMANN_2022).tokensPerParameter - 1) < 1e-12);
  const par = lossParityFigure({ runs, laws });
  const p0 = par.data[0] as unknown as { x: number[]; y: number[] };
  assert.equal(p0.x[3], runs[3].loss);
  assert.ok(Math.abs(p0.y[3] - chinchillaLoss({ N: runs[3].N, D: runs[3].D, params: HOFFMANN_2022 })) < 1e-12);
  const h = bootstrapHistogramFigure({ name: "beta", draws: [0.3, 0.31, 0.32], marks: [{ name: "Hoffmann", value: 0.28 }] });
  const range = (h.layout.xaxis as { range: [number, number] }).range;
  assert.ok(range[0] < 0.28 && range[1] > 0.32, "the axis shows every mark");
  assert.throws(() => bootstrapHistogramFigure({ name: "beta", draws: [] }), /draws must be a non-empty array/);
  assert.throws(() => computeFrontierFigure({ laws: [] }), /laws must be a non-empty array/);
  assert.throws(() => lossParityFigure({ runs: [], laws }), /runs must be a non-empty array/);
});

test("isoLossContourFigure: the axis ranges hold every run, even runs outside the requested box", () => {
  // Runs below N = 3e7 and above D = 1e14 (the default box), as a synthetic draw can produce.
  const outside = [{ N: 1e7, D: 3e9, loss: 3 }, { N: 1e9, D: 5e14, loss: 2 }, ...runs];
  const f = isoLossContourFigure({ params: HOFFMANN_2022, runs: outside, resolution: 40 });
  const xr = (f.layout.xaxis as { range: number[] }).range, yr = (f.layout.yaxis as { range: number[] }).range;
  const m = f.data.find((t) => t.mode === "markers") as unknown as { x: number[]; y: number[] };
  for (let i = 0; i < m.x.length; i++) {
    assert.ok(m.x[i] >= xr[0] + 0.09 && m.x[i] <= xr[1] - 0.09, `run ${i}: log10 N = ${m.x[i]} against ${xr}`);
    assert.ok(m.y[i] >= yr[0] + 0.09 && m.y[i] <= yr[1] - 0.09, `run ${i}: log10 D = ${m.y[i]} against ${yr}`);
  }
  assert.ok(Math.abs(xr[0] - (7 - 0.1)) < 1e-12 && Math.abs(yr[1] - (Math.log10(5e14) + 0.1)) < 1e-12, `${xr} ${yr}`);
  // Runs inside the box leave it as requested.
  const g = isoLossContourFigure({ params: HOFFMANN_2022, runs: [{ N: 1e9, D: 1e10, loss: 2.5 }], resolution: 40 });
  assert.deepEqual((g.layout.xaxis as { range: number[] }).range, [Math.log10(3e7), 12]);
});

test("lossParityFigure: a halo law gets large pale markers, the law drawn after it small opaque ones", () => {
  const f = lossParityFigure({ runs, laws: [{ name: "fit", params: HOFFMANN_2022, halo: true }, { name: "published", params: HOFFMANN_2022 }] });
  const [a, b] = f.data as unknown as { marker: { size: number }; opacity?: number; y: number[] }[];
  assert.deepEqual(a.y, b.y);
  assert.ok(b.marker.size <= 0.6 * a.marker.size, `${b.marker.size} vs ${a.marker.size}`);
  assert.ok(a.opacity !== undefined && a.opacity < 0.5 && b.opacity === undefined);
});
