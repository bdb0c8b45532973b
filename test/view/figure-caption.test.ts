/**
 * The caption inside the plotly spec (src/view/figure-caption.ts): renderers that draw
 * application/vnd.plotly.v1+json (JupyterLab's plotly extension) ignore the HTML figcaption, so the
 * spec carries "Figure <id>. <caption>" as an annotation. Checked as data (round trip, escaping,
 * wrapping) and drawn by plotly.js in headless Chromium (the caption is visible, inside the figure,
 * between title and plot, and the plot area keeps its size).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { lineFigure, plotlyFigure, type Figure } from "../../src/view/figure";
import { figureBundle, figureHtml, plotlySpec, PLOTLY_MIME } from "../../src/view/figure-html";
import { CAPTION_ANNOTATION_NAME, withPlotlyCaption, withoutPlotlyCaption, wrapWords } from "../../src/view/figure-caption";
import { launchChromium, plotlyJsFile, staticRenderingUnavailable } from "../../tools/static-images";

const LONG =
  "Fraction of k'-tuples a corpus of D text pieces can contain at most, 1 - (1 - 1/T)^D with T the number of tuples, " +
  "for k' = 2, 3 and 4 of N_s = 10,000 skills; the dotted line marks D = T. Numbers at θ < 0.1 & k = 8 follow Theorem 8.";

function curves(extra: Partial<Parameters<typeof lineFigure>[0]> = {}): Figure {
  const series = [1, 2, 3].map((k) => ({ name: `k = ${k}`, x: [1, 10, 100, 1000], y: [0.1 * k, 0.2 * k, 0.25 * k, 0.3 * k] }));
  return lineFigure({ title: "Coverage of k'-tuples", x: { title: "corpus size D (pieces)", log: true }, y: { title: "fraction" }, series, id: "F-07-coverage", caption: LONG, ...extra });
}

const FIGURES: Record<string, Figure> = {
  "line, long caption": curves(),
  "legend below the plot": curves({ layout: { legend: { orientation: "h", y: -0.25 }, height: 560 } }),
  "existing annotations, wide": curves({ width: 900, layout: { annotations: [{ text: "note", x: 1, y: 0.2, showarrow: false }] } }),
  "raw traces, short caption": plotlyFigure({ title: "Bars", data: [{ type: "bar", x: [1, 2], y: [3, 4] }], id: "F-x", caption: "Two bars." }),
  "no id": { ...curves(), id: undefined },
};

test("withPlotlyCaption: annotation text, escaping, wrapping; plot area unchanged; exact inverse", () => {
  for (const [name, fig] of Object.entries(FIGURES)) {
    const spec = plotlySpec(fig);
    const out = withPlotlyCaption(spec, fig);
    const ann = (out.layout.annotations as Record<string, unknown>[]).find((a) => a.name === CAPTION_ANNOTATION_NAME)!;
    assert.ok(ann, `${name}: caption annotation`);
    const text = String(ann.text);
    const plain = text.replace(/<br>/g, " ").replace(/<\/?b>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
    assert.equal(plain, fig.id ? `Figure ${fig.id}. ${fig.caption}` : fig.caption, `${name}: the whole caption, in order`);
    if (fig.id) assert.ok(text.startsWith(`<b>Figure ${fig.id}.</b> `), `${name}: id in bold first`);
    else assert.ok(!text.includes("<b>"), name);
    // No raw "<" or "&" of the caption reaches plotly's text parser.
    assert.equal(text.replace(/<br>|<\/?b>/g, "").replace(/&(lt|gt|amp);/g, "").search(/[<>&]/), -1, `${name}: escaped`);
    const grow = Number(out.layout.height) - Number(spec.layout.height);
    assert.ok(grow > 0, name);
    assert.equal((out.layout.margin as { t: number }).t - (spec.layout.margin as { t: number }).t, grow, `${name}: the plot area keeps its height`);
    assert.deepEqual(out.data, spec.data, `${name}: traces untouched`);
    assert.deepEqual(withoutPlotlyCaption(out), spec, `${name}: the inverse restores the spec exactly`);
  }
  // No caption: nothing added; the inverse of a spec without the annotation is the identity.
  const bare = plotlySpec(curves({ caption: undefined }));
  assert.deepEqual(withPlotlyCaption(bare, { id: "F-1" }), bare);
  assert.deepEqual(withoutPlotlyCaption(bare), bare);
});

test("wrapWords: greedy lines within the limit; a longer word stands alone", () => {
  assert.deepEqual(wrapWords("aa bb cc dd", 5), ["aa bb", "cc dd"]);
  assert.deepEqual(wrapWords("  a   verylongword b ", 4), ["a", "verylongword", "b"]);
  assert.deepEqual(wrapWords("", 10), []);
  for (const line of wrapWords(LONG, 40)) assert.ok(line.length <= 40 || !line.includes(" "), line);
});

test("figureBundle: the plotly JSON carries the caption; the HTML keeps its figcaption and a spec without it", () => {
  const fig = curves();
  const b = figureBundle(fig, { elementId: "el-fig-cap" });
  const spec = b.data[PLOTLY_MIME] as { layout: { annotations: { name?: string }[] } };
  assert.equal(spec.layout.annotations.filter((a) => a.name === CAPTION_ANNOTATION_NAME).length, 1);
  const html = b.data["text/html"] as string;
  assert.equal(html, figureHtml(fig, { elementId: "el-fig-cap" }));
  assert.ok(html.includes("<figcaption"), "the HTML shows the caption as text");
  assert.ok(!html.includes(CAPTION_ANNOTATION_NAME), "the HTML-drawn plot does not repeat it");
  // A realistic figure stays small: the annotation adds a few hundred bytes.
  const bytes = Buffer.byteLength(JSON.stringify(spec)) - Buffer.byteLength(JSON.stringify(plotlySpec(fig)));
  assert.ok(bytes > 0 && bytes < 1000, `${bytes} bytes added`);
});

const unavailable = staticRenderingUnavailable();
const ci = process.env.CI === "true";

test("drawn by plotly.js: caption visible, whole, between title and plot, clear of the legend", { skip: !ci && unavailable ? unavailable : false }, async () => {
  assert.equal(unavailable, null, `under CI=true Chromium is required: ${unavailable}`);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.setContent("<!DOCTYPE html><html><head><meta charset='utf-8'></head><body><div id='g'></div></body></html>");
    await page.addScriptTag({ path: plotlyJsFile() });
    for (const [name, fig] of Object.entries(FIGURES)) {
      const spec = plotlySpec(fig);
      const captioned = withPlotlyCaption(spec, fig);
      const r = await page.evaluate(
        async (a: { plain: { data: unknown[]; layout: object }; captioned: { data: unknown[]; layout: object } }) => {
          type Size = { l: number; t: number; w: number; h: number };
          const P = (window as unknown as { Plotly: { newPlot(el: Element, d: unknown[], l: object): Promise<unknown>; purge(el: Element): void } }).Plotly;
          const el = document.getElementById("g")!;
          const size = () => ({ ...(el as unknown as { _fullLayout: { _size: Size } })._fullLayout._size });
          await P.newPlot(el, a.plain.data, a.plain.layout);
          const plainSize = size();
          P.purge(el);
          await P.newPlot(el, a.captioned.data, a.captioned.layout);
          const s = size();
          const svg = el.querySelector(".main-svg")!.getBoundingClientRect();
          const rel = (b: DOMRect) => ({ left: b.left - svg.left, right: b.right - svg.left, top: b.top - svg.top, bottom: b.bottom - svg.top });
          const anns = Array.from(el.querySelectorAll(".annotation"));
          const cap = anns[anns.length - 1];
          const text = cap.querySelector(".annotation-text") as SVGGraphicsElement;
          const title = el.querySelector(".gtitle");
          const legend = el.querySelector(".legend");
          return {
            plainSize,
            size: s,
            svg: { width: svg.width, height: svg.height },
            caption: rel(text.getBoundingClientRect()),
            captionText: (text.querySelectorAll(".line").length ? Array.from(text.querySelectorAll(".line")) : [text]).map((l) => l.textContent ?? "").join(" "),
            lines: text.querySelectorAll(".line").length || 1,
            title: title ? rel(title.getBoundingClientRect()) : null,
            legend: legend ? rel(legend.getBoundingClientRect()) : null,
          };
        },
        { plain: spec, captioned },
      );
      const c = r.caption;
      assert.equal(r.captionText.replace(/\s+/g, " "), (fig.id ? `Figure ${fig.id}. ${fig.caption}` : fig.caption!).replace(/\s+/g, " "), `${name}: text`);
      assert.ok(c.left >= 0 && c.right <= r.svg.width, `${name}: caption inside the figure horizontally (${c.left}..${c.right} of ${r.svg.width})`);
      assert.ok(c.top >= 0 && c.bottom <= r.size.t + 1, `${name}: caption above the plot area (${c.top}..${c.bottom}, plot top ${r.size.t})`);
      if (r.title) assert.ok(r.title.bottom <= c.top + 1, `${name}: title (bottom ${r.title.bottom}) above the caption (top ${c.top})`);
      if (r.legend) {
        const overlap = r.legend.left < c.right && c.left < r.legend.right && r.legend.top < c.bottom && c.top < r.legend.bottom;
        assert.ok(!overlap, `${name}: legend ${JSON.stringify(r.legend)} overlaps the caption ${JSON.stringify(c)}`);
      }
      assert.deepEqual({ w: r.size.w, h: r.size.h }, { w: r.plainSize.w, h: r.plainSize.h }, `${name}: plot area unchanged`);
      console.log(`  ${name}: ${r.lines} caption line(s), ${Math.round(c.right - c.left)} px wide of ${r.svg.width}`);
    }
  } finally {
    await browser.close();
  }
});
