/**
 * The figure rules (tools/lib/figure-rules.ts) and the layout rules the view layer applies
 * (src/view/layout.ts), without a browser: every rule is shown to fail on a figure that breaks it
 * (built here, or as a lesson drew it before the rules, test/fixtures/figures/*.before.json) and to
 * pass on one that follows it. The drawn rules are fed hand-made measurements of the drawn figure;
 * test/ui/figure-rules.test.ts measures the lessons' figures in Chromium.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { lineFigure, plotlyFigure, checkDistinguishable, type Figure, type Trace } from "../../src/view/figure";
import { dataRanges, logAxisTicks, logTickLabel, occupiedPoints, placeLegend } from "../../src/view/layout";
import { drawnProblems, parseTickLabel, specProblems, type DrawnFigure } from "../../tools/lib/figure-rules";
import { performanceCurveFigure, thetaVsDeltaFigure } from "../../src/view/theory";
import { emergenceBoundFigure } from "../../src/view/sim";
import { alphaGrid, performanceCurve } from "../../src/theory/performanceCurve";
import type { EmergenceBoundRow, ClozeFailureRow } from "../../src/sim/experiments";

const FIXTURES = path.resolve(__dirname, "..", "..", "..", "test", "fixtures", "figures");

function fixture(id: string): Figure {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, `${id}.before.json`), "utf8")) as Figure;
}

function rules(problems: { rule: string }[]): string[] {
  return [...new Set(problems.map((p) => p.rule))].sort();
}

const grid = (n: number, lo: number, hi: number) => Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));

// ---- log axes ---------------------------------------------------------------------------------

test("logAxisTicks: full-number labels on a short range, each label parses back to its value", () => {
  const short = logAxisTicks([0.015, 0.25]) as { tickvals: number[]; ticktext: string[] };
  assert.deepEqual(short.ticktext, ["0.02", "0.05", "0.1", "0.2"]);
  const tokens = logAxisTicks([17, 170]) as { tickvals: number[]; ticktext: string[] };
  assert.ok(tokens.ticktext.includes("20") && !tokens.ticktext.includes("2"), `labels ${tokens.ticktext}`);
  for (const t of [short, tokens, logAxisTicks([0.45, 0.9]) as typeof short, logAxisTicks([3e-6, 2e-5]) as typeof short]) {
    assert.ok(t.tickvals.length >= 4, `at least four labels, got ${t.ticktext}`);
    t.tickvals.forEach((v, i) => assert.ok(Math.abs((parseTickLabel(t.ticktext[i]) as number) - v) <= 1e-9 * v, `"${t.ticktext[i]}" for ${v}`));
  }
  assert.equal(logTickLabel(2e-5), "2·10<sup>−5</sup>");
  assert.equal(parseTickLabel("2·10<sup>−5</sup>"), 2e-5);
  assert.equal(parseTickLabel("10<sup>26</sup>"), 1e26);
  assert.throws(() => logAxisTicks([0, 1]), /logAxisTicks: range must be \[lo, hi\] with 0 < lo < hi, got \[0, 1\]/);
});

test("logAxisTicks: powers of ten over many decades, fewer labels the more decades", () => {
  const eight = logAxisTicks([1e18, 1e26]);
  assert.equal(eight.dtick, 1);
  assert.equal(eight.tickmode, "linear");
  assert.equal(eight.exponentformat, "power");
  assert.equal(logAxisTicks([1e-14, 2]).dtick, 2);
  assert.equal(logAxisTicks([1e21, 1e50]).dtick, 4);
});

// ---- ranges -----------------------------------------------------------------------------------

test("dataRanges: data at the ends of the doubles give finite ranges and valid log ticks", () => {
  const M = Number.MAX_VALUE;
  const lin = dataRanges([{ type: "scatter", mode: "markers", x: [1, 2], y: [-M, M] }], {});
  const yr = (lin.yaxis as { range: number[] }).range;
  assert.deepEqual(yr, [-M, M]); // padding stops at the largest double
  const flat = dataRanges([{ type: "scatter", mode: "markers", x: [1, 2], y: [M, M] }], {});
  for (const v of (flat.yaxis as { range: number[] }).range) assert.ok(Number.isFinite(v), `flat range ${v}`);
  const log = dataRanges([{ type: "scatter", mode: "markers", x: [5e-324, 1e-300], y: [1, 1.7e308] }], { xaxis: { type: "log" }, yaxis: { type: "log" } });
  for (const key of ["xaxis", "yaxis"]) {
    const r = (log[key] as { range: number[] }).range.map((e) => 10 ** e);
    assert.ok(r[0] > 0 && Number.isFinite(r[1]) && r[1] > r[0], `${key} range ${r}`);
  }
  // Before the clamp, 5e-324 padded outwards underflowed to 0 and logAxisTicks refused the range.
  assert.equal((log.xaxis as { tickmode: string }).tickmode, "linear");
});

test("dataRanges: bars are inside the range with their full width, counts start at 0", () => {
  const bars: Trace[] = [{ type: "bar", name: "a", x: [0.685, 0.9], y: [80, 150], width: 0.005 }];
  const l = dataRanges(bars, { xaxis: {}, yaxis: {} });
  const [x0, x1] = (l.xaxis as { range: number[] }).range;
  assert.ok(x0 < 0.685 - 0.0025 && x1 > 0.9 + 0.0025, `x range ${x0}..${x1}`);
  assert.equal((l.yaxis as { range: number[] }).range[0], 0);
  // A log axis gets its range in log10 units and unambiguous ticks.
  const logged = dataRanges([{ type: "scatter", x: [100, 1e5], y: [0.2, 0.02] }], { xaxis: { type: "log" }, yaxis: { type: "log" } });
  const ya = logged.yaxis as { range: number[]; ticktext: string[] };
  assert.ok(ya.range[0] < Math.log10(0.02) && ya.range[1] > Math.log10(0.2));
  assert.deepEqual(ya.ticktext, ["0.02", "0.05", "0.1", "0.2"]);
  // An explicit range is kept.
  assert.deepEqual((dataRanges(bars, { xaxis: { range: [0, 1] }, yaxis: {} }).xaxis as { range: number[] }).range, [0, 1]);
});

// ---- legend placement -------------------------------------------------------------------------

test("placeLegend: inside the plot where no data lies, else beside a narrow one, else below a wide one", () => {
  // A curve rising from bottom left to top right leaves the top-left corner empty.
  const x = grid(200, 0, 1);
  const rising: Trace[] = [
    { type: "scatter", mode: "lines", name: "rising", x, y: x.map((v) => v * v) },
    { type: "scatter", mode: "lines", name: "also rising", x, y: x.map((v) => v ** 3) },
  ];
  const layout = dataRanges(rising, { width: 760, height: 460, margin: { t: 60, r: 20, b: 60, l: 70 }, xaxis: {}, yaxis: {} });
  const placed = placeLegend(rising, layout).legend as { x: number; y: number; xanchor: string; yanchor: string };
  assert.equal(placed.xanchor, "left");
  assert.equal(placed.yanchor, "top");
  // Nothing of the data lies in the box the legend takes (estimated as the layout module does).
  const pts = occupiedPoints(rising, layout) ?? [];
  assert.ok(!pts.some(([px, py]) => px < 0.25 && py > 0.85), "the top-left corner holds no data");
  // Data everywhere: a narrow legend goes beside the plot, a wide one below it, and the figure grows.
  const everywhere: Trace[] = [
    { type: "scatter", mode: "markers", name: "a", x: grid(400, 0, 1).map((v, i) => (i * 0.618) % 1), y: grid(400, 0, 1) },
    { type: "scatter", mode: "markers", name: "b", x: [0.5], y: [0.5] },
  ];
  const full = dataRanges(everywhere, { width: 760, height: 460, margin: { t: 60, r: 20, b: 60, l: 70 }, xaxis: {}, yaxis: {} });
  assert.equal((placeLegend(everywhere, full).legend as { x: number }).x, 1.02);
  const long = everywhere.map((t, i) => ({ ...t, name: `a very long legend entry that names every parameter of series ${i}` }));
  const below = placeLegend(long, full);
  assert.equal((below.legend as { orientation: string }).orientation, "h");
  assert.ok((below.height as number) > 460, "the figure grows to keep the plot's height");
  // A legend placed by the caller is left alone.
  assert.deepEqual(placeLegend(rising, { ...layout, legend: { x: 0.3, y: 0.3 } }).legend, { x: 0.3, y: 0.3 });
});

// ---- the view layer refuses hidden duplicates ---------------------------------------------------

test("lineFigure: two series with the same points in the same style are refused, distinguishable ones pass", () => {
  const x = grid(120, 0.01, 0.5);
  const y = x.map(Math.sqrt);
  assert.throws(
    () => lineFigure({ title: "t", x: { title: "α" }, y: { title: "c" }, series: [{ name: "before", x, y, color: "#1f77b4" }, { name: "after", x, y, color: "#1f77b4" }] }),
    /lineFigure: series "after" draws the same points in the same style as "before", which it would hide/,
  );
  const ok = lineFigure({
    title: "t",
    x: { title: "α" },
    y: { title: "c" },
    series: [{ name: "before", x, y, color: "#1f77b4", halo: true }, { name: "after", x, y, color: "#1f77b4", dash: "dash" }],
    caption: "The two curves coincide.",
  });
  assert.equal((ok.data[0].line as { width: number }).width, 8);
  assert.equal(ok.data[0].opacity, 0.35);
  assert.deepEqual(specProblems(ok), []);
  assert.doesNotThrow(() => checkDistinguishable("t", [{ x: [1], y: [1] }, { x: [1], y: [1] }]), "traces without colours get plotly's different colours");
});

// ---- the rules on the JSON ----------------------------------------------------------------------

test("specProblems: each rule fails on a figure that breaks it", () => {
  const x = grid(5, 0.01, 0.5);
  const broken: Figure = {
    id: "broken",
    data: [
      { type: "scatter", mode: "lines", name: "theory on 5 points", x, y: x.map(Math.sqrt) },
      { type: "scatter", mode: "lines", name: "never drawn", x, y: x.map(() => null) },
      { type: "scatter", mode: "lines", name: "simulated", x, y: x, line: { color: "red" } },
      { type: "scatter", mode: "lines", name: "copy", x, y: x, line: { color: "red" } },
      { type: "scatter", mode: "lines", name: "with error bars", x, y: x, error_y: { type: "data", array: x.map(() => 0.01) } },
      { type: "bar", name: "bars", x: [0.3, 0.9], y: [1, 2], width: 0.1 },
    ],
    layout: { xaxis: { type: "log", range: [-2, Math.log10(0.6)] }, yaxis: {} },
  };
  const got = specProblems(broken);
  assert.deepEqual(rules(got), ["duplicate", "legend", "log-ticks", "markers", "range", "smooth"]);
  assert.match(got.find((p) => p.rule === "smooth")!.message, /"theory on 5 points" is a curved line of 5 points/);
  assert.match(got.find((p) => p.rule === "legend")!.message, /"never drawn" is in the legend but has no finite point/);
  assert.match(got.find((p) => p.rule === "range")!.message, /"bars" draws 2 value\(s\) outside the xaxis range/);
});

test("specProblems: straight reference lines, dense curves and markers pass", () => {
  const f = lineFigure({
    title: "t",
    x: { title: "n", log: true },
    y: { title: "fraction", log: true },
    series: [
      { name: "simulated", x: [1e2, 1e3, 1e4, 1e5], y: [0.19, 0.09, 0.042, 0.022], mode: "markers" },
      // Four points of a power law: straight on log-log axes.
      { name: "slope −1/3", x: [1e2, 1e3, 1e4, 1e5], y: [1e2, 1e3, 1e4, 1e5].map((n) => 0.022 * (n / 1e5) ** (-1 / 3)), dash: "dash", color: "black" },
      { name: "a dense curve", x: grid(150, 100, 1e5), y: grid(150, 100, 1e5).map((n) => 0.3 / (1 + Math.log10(n))), color: "grey" },
    ],
  });
  assert.deepEqual(specProblems(f), []);
});

test("figure builders pass the JSON rules: performance curves, the simulation over the bound, wrong answers versus δ", () => {
  const points = performanceCurve({ theta: 0.1, k: 8, alphas: alphaGrid({ from: 0.001, to: 0.5, count: 300 }) });
  assert.deepEqual(specProblems(performanceCurveFigure({ curves: [{ name: "k = 8", points }] })), []);
  const rows: EmergenceBoundRow[] = [0.05, 0.1, 0.2].map((alpha, i) => ({
    alpha, theoremBeta: 3 - i, finiteSizeBeta: 3.1 - i, limitBeta: 2 - i / 2, randomBeta: 1.2, greedyBeta: 1.8 - i / 2, adversarialBeta: 1.9 - i / 2,
    theoremCompetence: 0.7 + i / 10, randomCompetence: 0.88, adversarialCompetence: 0.81,
  }));
  // Without a dense theory grid the bounds are markers at the simulated alphas, never a 3-point polyline.
  const noTheory = emergenceBoundFigure(rows, { theta: 0.1 });
  assert.deepEqual(specProblems(noTheory), []);
  assert.ok(noTheory.data.every((t) => t.mode === "markers"));
  const cloze: ClozeFailureRow[] = [0.05, 0.1, 0.2, 0.4].map((d) => ({
    delta: d, meanLoss: d, theta: Math.exp(-Math.LN2 / d), thetaLossAtLeastHalf: Math.exp(-0.5 / d), markovBound: Math.min(1, 2 * d),
    pinskerBound: Math.min(1, 2 * d), meanTotalVariation: 0, totalVariationBound: Math.sqrt(d / 2),
  }));
  const wrong = thetaVsDeltaFigure({ scenarios: [{ name: "certain answers, exponential loss", points: cloze }] });
  assert.deepEqual(specProblems(wrong), []);
  const exact = wrong.data.find((t) => String(t.name).startsWith("exact")) as { x: number[] };
  assert.ok(exact.x.length >= 100);
  assert.equal((wrong.layout.xaxis as { type: string }).type, "linear", "2δ is straight on linear axes");
});

// ---- the rules on the drawn figure (measurements given by hand) -----------------------------------

function drawn(over: Partial<DrawnFigure> & { axes?: DrawnFigure["axes"] }): DrawnFigure {
  return {
    width: 760,
    height: 460,
    plot: { l: 70, t: 60, w: 600, h: 340 },
    axes: {
      xaxis: { type: "linear", range: [0, 1], offset: 70, length: 600, ticks: [] },
      yaxis: { type: "linear", range: [0, 1], offset: 60, length: 340, ticks: [] },
    },
    legend: null,
    ...over,
  };
}

test("drawnProblems: a log axis that labels 0.2 and 0.02 as \"2\" fails; full labels pass", () => {
  const logY = (ticks: { x: number; text: string }[]) =>
    drawn({ axes: { xaxis: { type: "linear", range: [0, 1], offset: 70, length: 600, ticks: [] }, yaxis: { type: "log", range: [-2, 0], offset: 60, length: 340, ticks } } });
  const fig: Figure = { data: [], layout: { yaxis: { type: "log" } } };
  const bad = drawnProblems(fig, logY([{ x: Math.log10(0.02), text: "2" }, { x: -1, text: "10<sup>−1</sup>" }, { x: Math.log10(0.2), text: "2" }]));
  assert.deepEqual(rules(bad), ["log-labels"]);
  assert.equal(bad.length, 2);
  assert.deepEqual(drawnProblems(fig, logY([{ x: Math.log10(0.02), text: "0.02" }, { x: -1, text: "0.1" }, { x: Math.log10(0.2), text: "0.2" }])), []);
});

test("drawnProblems: a legend wider than a quarter of the figure, or covering data, fails", () => {
  const x = grid(100, 0, 1);
  const fig: Figure = { data: [{ type: "scatter", mode: "lines", name: "a", x, y: x }, { type: "scatter", mode: "lines", name: "b", x, y: x.map((v) => v / 2) }], layout: {} };
  assert.deepEqual(rules(drawnProblems(fig, drawn({ plot: { l: 70, t: 60, w: 380, h: 340 }, legend: { x: 470, y: 60, w: 280, h: 200 } }))), ["legend-size"]);
  // Inside, in the top-left corner (no data there): fine; in the bottom-right (over both lines): fails.
  assert.deepEqual(drawnProblems(fig, drawn({ legend: { x: 75, y: 65, w: 150, h: 50 } })), []);
  const covering = drawnProblems(fig, drawn({ legend: { x: 500, y: 200, w: 160, h: 190 } }));
  assert.deepEqual(rules(covering), ["legend-covers"]);
});

test("drawnProblems: a curve under another in the same place fails unless drawn distinguishably and said so", () => {
  const x = grid(120, 0, 1);
  const y = x.map((v) => v * v);
  const same: Figure = { data: [{ type: "scatter", mode: "lines", name: "before", x, y, line: { color: "#1f77b4" } }, { type: "scatter", mode: "lines", name: "after", x, y, line: { color: "#1f77b4", dash: "dash" } }], layout: {} };
  assert.deepEqual(rules(drawnProblems(same, drawn({}))), ["hidden"]);
  const halo: Figure = { ...same, data: [{ ...same.data[0], line: { color: "#1f77b4", width: 8 }, opacity: 0.35 }, same.data[1]] };
  assert.match(drawnProblems(halo, drawn({}))[0].message, /the caption does not say that they coincide/);
  assert.deepEqual(drawnProblems({ ...halo, caption: "The two curves coincide." }, drawn({})), []);
  const markers: Figure = { caption: "The circles lie on the line.", layout: {}, data: [same.data[0], { type: "scatter", mode: "markers", name: "after", x: x.filter((_, i) => i % 10 === 0), y: y.filter((_, i) => i % 10 === 0) }] };
  assert.deepEqual(drawnProblems(markers, drawn({})), []);
});

test("drawnProblems: error bars inside their markers, and bars touching the axis end, fail", () => {
  const tiny: Figure = { data: [{ type: "scatter", mode: "markers", name: "simulation", x: [0.2, 0.5, 0.8], y: [0.1, 0.5, 0.9], error_y: { type: "data", array: [0.001, 0.001, 0.001] } }], layout: {} };
  assert.deepEqual(rules(drawnProblems(tiny, drawn({}))), ["error-bars"]);
  const visible: Figure = { data: [{ ...tiny.data[0], error_y: { type: "data", array: [0.05, 0.05, 0.05] } }], layout: {} };
  assert.deepEqual(drawnProblems(visible, drawn({})), []);
  const bars: Figure = { data: [{ type: "bar", name: "skills", x: [0.005, 0.5], y: [3, 5], width: 0.01 }], layout: {} };
  assert.deepEqual(rules(drawnProblems(bars, drawn({ axes: { xaxis: { type: "linear", range: [0, 1], offset: 70, length: 600, ticks: [] }, yaxis: { type: "linear", range: [0, 6], offset: 60, length: 340, ticks: [] } } }))), ["cut"]);
});

// ---- the lessons' figures as they were drawn before these rules -----------------------------------

test("the JSON rules fail on figures as the lessons drew them before (fixtures)", () => {
  const expect: Record<string, string[]> = {
    "F-05-sim": ["log-ticks", "smooth"],
    "F-06-takeaway": ["log-ticks", "smooth"],
    "F-06-scale": ["legend", "log-ticks", "smooth"],
    "F-02-theta-delta": ["log-ticks", "smooth"],
    "F-03-critical": ["log-ticks"],
    "F-07-coverage-sim": ["log-ticks", "smooth"],
  };
  for (const [id, want] of Object.entries(expect)) assert.deepEqual(rules(specProblems(fixture(id))), want, id);
  // The same figures built with today's builders pass: see test/ui/figure-rules.test.ts (all lessons).
  const rebuilt = plotlyFigure({ title: "t", data: fixture("F-04-adversarial").data, layout: { xaxis: {}, yaxis: {} } });
  const [x0] = (rebuilt.layout.xaxis as { range: number[] }).range;
  const bars = rebuilt.data[1] as { x: number[]; width: number };
  assert.ok(x0 < Math.min(...bars.x) - bars.width / 2, "rebuilt, the targeted cluster's bars lie inside the x range");
});
