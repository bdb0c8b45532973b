/**
 * Figure builders: axes, log types, ids, validation errors, and the stored output bundle
 * (size under 200 KB for a realistic figure, plotly.js never inlined, script-safe embedding).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { lineFigure, plotlyFigure, withCaption, figureTitle, validateFigure, axisLayout } from "../../src/view/figure";
import { figureBundle, figureHtml, figureText, plotlySpec, PLOTLY_MIME, PLOTLY_JS_RELATIVE_PATH, standaloneFigureHtml } from "../../src/view/figure-html";

const base = {
  title: "Isolated vertices in G(n, p)",
  x: { title: "p (edge probability)", log: true },
  y: { title: "isolated vertices (count)" },
};

test("lineFigure: axes carry titles, log type and data-unit ranges", () => {
  const f = lineFigure({
    ...base,
    x: { title: "compute C (FLOPs)", log: true, range: [1e3, 1e9] },
    y: { title: "loss (nats)", range: [0, 4] },
    series: [{ name: "n = 100", x: new Float64Array([1e3, 1e6]), y: [3, 2] }],
    id: "F-03-isolated",
    caption: "n = 100, seed 1",
  });
  const xa = f.layout.xaxis as Record<string, unknown>;
  const ya = f.layout.yaxis as Record<string, unknown>;
  assert.equal(xa.type, "log");
  assert.deepEqual(xa.range, [3, 9], "log range is given to plotly in log10 units");
  assert.deepEqual((xa.title as { text: string }).text, "compute C (FLOPs)");
  assert.equal(ya.type, "linear");
  assert.deepEqual(ya.range, [0, 4]);
  assert.equal(f.id, "F-03-isolated");
  assert.equal(f.caption, "n = 100, seed 1");
  assert.equal(figureTitle(f), "Isolated vertices in G(n, p)");
  assert.ok(Array.isArray(f.data[0].x), "typed arrays become plain arrays (JSON)");
  assert.deepEqual(f.data[0].x, [1e3, 1e6]);
});

test("lineFigure: series options map to plotly trace keys", () => {
  const f = lineFigure({
    ...base,
    x: { title: "p" },
    series: [
      { name: "simulation", x: [1, 2], y: [3, 4], mode: "markers", color: "#123456", errorY: [0.1, 0.2] },
      { name: "theory", x: [1, 2], y: [3, 4], dash: "dash", showLegend: false },
    ],
  });
  assert.equal(f.data.length, 2);
  assert.equal(f.data[0].mode, "markers");
  assert.deepEqual(f.data[0].marker, { color: "#123456" });
  assert.deepEqual(f.data[0].error_y, { type: "data", array: [0.1, 0.2], visible: true });
  assert.deepEqual(f.data[1].line, { dash: "dash" });
  assert.equal(f.data[1].showlegend, false);
  assert.equal(f.layout.width, 760);
});

test("lineFigure: validation errors name the function, the argument and the value", () => {
  const s = (y: number[]) => [{ name: "a", x: [1, 2], y }];
  assert.throws(() => lineFigure({ ...base, series: [{ name: "a", x: [1, 2], y: [1] }] }), /lineFigure: series "a" has x of length 2 but y of length 1/);
  assert.throws(() => lineFigure({ ...base, x: { title: "p" }, series: s([1, NaN]) }), /lineFigure: series "a" y\[1\] = NaN; expected a finite number/);
  assert.throws(() => lineFigure({ ...base, x: { title: "p" }, y: { title: "q", log: true }, series: s([1, 0]) }), /y\[1\] = 0 but the axis is logarithmic/);
  assert.throws(() => lineFigure({ ...base, series: [{ name: "a", x: [0, 1], y: [1, 2] }] }), /x\[0\] = 0 but the axis is logarithmic/);
  assert.throws(() => lineFigure({ ...base, series: s([1, 2]), id: "F 03/bad" }), /lineFigure: id must be .* got "F 03\/bad"/);
  assert.throws(() => lineFigure({ ...base, series: [] }), /lineFigure: series must be a non-empty array/);
  assert.throws(() => lineFigure({ ...base, x: { title: "" }, series: s([1, 2]) }), /lineFigure \(x axis\): axis title must be a non-empty string/);
  assert.throws(() => lineFigure({ ...base, x: { title: "p", log: true, range: [0, 1] }, series: s([1, 2]) }), /range of the log axis "p" must be > 0/);
  assert.throws(() => lineFigure({ ...base, series: s([1, 2]), width: 10 }), /lineFigure: width must be an integer number of pixels in 100\.\.4000, got 10/);
  assert.throws(() => axisLayout({ title: "p", range: [2, 1] }), /axisLayout: range must be .* got \[2, 1\]/);
  // Gaps are allowed only on request, and become null (a gap in plotly).
  const g = lineFigure({ ...base, x: { title: "p" }, series: [{ name: "a", x: [1, 2], y: [1, NaN], allowGaps: true }] });
  assert.deepEqual(g.data[0].y, [1, null]);
});

test("plotlyFigure, withCaption, validateFigure", () => {
  const f = plotlyFigure({ title: "Counts", data: [{ type: "bar", x: ["a", "b"], y: new Uint32Array([1, 2]) as unknown as number[] }], id: "F-07-counts" });
  assert.deepEqual(f.data[0].y, [1, 2]);
  assert.equal(f.layout.width, 760);
  assert.throws(() => plotlyFigure({ title: "x", data: [] }), /plotlyFigure: data must be a non-empty array/);
  const c = withCaption(f, "k = 2");
  assert.equal(c.caption, "k = 2");
  assert.equal(f.caption, undefined, "withCaption does not mutate");
  assert.throws(() => validateFigure("show", { data: "nope", layout: {} }), /show: expected a Figure/);
  assert.throws(() => validateFigure("show", { data: [], layout: {}, id: "a b" }), /show: id must be/);
});

/** A figure of realistic size: 4 series x 200 points (a performance curve for four values of k). */
function realisticFigure() {
  const series = [1, 2, 3, 4].map((k) => {
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 200; i++) {
      x.push(10 ** (3 + (6 * i) / 199));
      y.push(1 / (1 + Math.exp(-(i - 100) / (10 * k))));
    }
    return { name: `k = ${k}, theta = 0.1`, x, y };
  });
  return lineFigure({ ...base, x: { title: "compute C (FLOPs)", log: true }, y: { title: "fraction competent" }, series, id: "F-05-k", caption: "k = 1..4, theta = 0.1" });
}

test("figureBundle: MIME types, metadata, and size well under 200 KB (no plotly.js inside)", () => {
  const f = realisticFigure();
  const b = figureBundle(f, { elementId: "el-fig-test" });
  assert.deepEqual(Object.keys(b.data).sort(), [PLOTLY_MIME, "text/html", "text/plain"].sort());
  assert.deepEqual(b.metadata["emergence-lab"], { kind: "figure", id: "F-05-k", caption: "k = 1..4, theta = 0.1", title: base.title, elementId: "el-fig-test" });
  assert.equal(b.data["text/plain"], `Figure F-05-k: ${base.title}\nk = 1..4, theta = 0.1`);
  const bytes = Buffer.byteLength(JSON.stringify(b));
  // Budget: the whole output under 200 KB including the static PNG (~85 KB base64 at 760x460)
  // and the WebP fallback (~25 KB) added later, so the script-side part must stay below ~90 KB.
  assert.ok(bytes < 90_000, `figure output is ${bytes} bytes before images`);
  const html = b.data["text/html"] as string;
  assert.ok(!/cdn\.plot\.ly|https?:\/\//.test(html), "no CDN or network URL in the output");
  assert.ok(html.includes(PLOTLY_JS_RELATIVE_PATH), "loads the installed plotly.js via the Jupyter files route");
  assert.ok(!html.includes("Copyright 2012"), "plotly.js source is not inlined");
  // The stored spec keeps 7 significant digits: equal to the data within 5e-7 relative.
  const spec = plotlySpec(f);
  const xs = spec.data[0].x as number[];
  (f.data[0].x as number[]).forEach((v, i) => assert.ok(Math.abs(xs[i] - v) <= 5e-7 * Math.abs(v)));
});

test("figureHtml: a title with </script> cannot break out; the drawing script parses", () => {
  const f = lineFigure({ title: "</script><script>alert(1)</script>", x: { title: "a" }, y: { title: "b" }, series: [{ name: "<b>x</b>", x: [1], y: [2] }] });
  const html = figureHtml(f, { elementId: "el-fig-1" });
  assert.equal(html.split("</script>").length, 2, "exactly one closing script tag");
  assert.ok(html.includes("&lt;/script&gt;"), "the title is escaped in the fallback text");
  const script = html.slice(html.indexOf("<script type=\"text/javascript\">") + 31, html.lastIndexOf("</script>"));
  assert.doesNotThrow(() => new Function(script), "the page-side script is valid JavaScript");
  assert.throws(() => figureHtml(f, { elementId: "1 bad" }), /figureHtml: elementId must be a DOM id/);
  assert.throws(() => figureHtml(f, { elementId: "ok", fallbackImage: "javascript:alert(1)" }), /fallbackImage must be a base64 data: URL/);
});

test("figureText and standalone HTML", () => {
  const f = realisticFigure();
  assert.match(figureText(f), /^Figure F-05-k: Isolated vertices/);
  const page = standaloneFigureHtml(f, "window.Plotly = {};");
  assert.ok(page.startsWith("<!DOCTYPE html>"));
  assert.ok(page.includes("window.Plotly = {};"), "plotly.js is inlined in the standalone page");
  assert.ok(page.includes("k = 1..4, theta = 0.1"), "caption shown");
});

test("packSpec: big specs are embedded gzip-compressed, deterministically and losslessly", async () => {
  const { packSpec, GZIP_ABOVE_BYTES } = await import("../../src/view/figure-html");
  const { gunzipSync } = await import("node:zlib");
  const small = { data: [{ x: [1], y: [2] }], layout: {} };
  assert.deepEqual(packSpec(small), { json: small });
  const big = plotlySpec(realisticFigure());
  assert.ok(JSON.stringify(big).length > GZIP_ABOVE_BYTES);
  const packed = packSpec(big) as { gzip: string };
  assert.deepEqual(JSON.parse(gunzipSync(Buffer.from(packed.gzip, "base64")).toString("utf8")), big);
  assert.equal((packSpec(big) as { gzip: string }).gzip, packed.gzip, "same spec, same bytes");
});

test("a noisy 3 x 1000-point figure: output under 110 KB before images (leaves ~90 KB for PNG + WebP)", () => {
  // Deterministic "noise" (a logistic map), so the numbers do not compress unrealistically well.
  let v = 0.3;
  const series = [0, 1, 2].map((k) => {
    const x = Array.from({ length: 1000 }, (_, i) => i + 1);
    const y = x.map(() => (v = 3.99 * v * (1 - v)) + k);
    return { name: `run ${k}`, x, y };
  });
  const f = lineFigure({ title: "running mean", x: { title: "draws (count)" }, y: { title: "mean (1)" }, series, id: "F-00-noisy" });
  const bytes = Buffer.byteLength(JSON.stringify(figureBundle(f, { elementId: "el-x" })));
  assert.ok(bytes < 110_000, `3000-point figure output is ${bytes} bytes before images`);
});
