/**
 * The output bundle of a figure, as stored in an executed notebook. Pure functions (no I/O).
 *
 * One display_data output carries several representations; every Jupyter front-end draws exactly
 * one of them (the first in its own preference order), so nothing is drawn twice:
 * - `application/vnd.plotly.v1+json`: the spec, for front-ends with a native plotly renderer
 *   (JupyterLab with the plotly extension, VS Code). They prefer it over HTML.
 * - `text/html`: a div and a small script. In a live Jupyter page (classic Notebook 6, JupyterLab 4,
 *   Notebook 7) the script loads plotly.js ONCE per page from the Jupyter server's files route,
 *   `<base_url>files/node_modules/plotly.js-dist-min/plotly.min.js` (the server is rooted at the
 *   project folder: `npm run lab`), never from a CDN, and draws the interactive figure. Where no
 *   script runs (GitHub, nbviewer, an untrusted notebook: sanitizers strip scripts but keep images)
 *   the div's fallback shows instead: the static PNG once `npm run lessons` has added it, else a
 *   text line. If plotly.js cannot be loaded the fallback stays and a visible message says why.
 * - `image/png`: added after execution by tools/static-images.ts (headless Chromium).
 * - `text/plain`: title and caption, for terminals and plain nbconvert.
 *
 * plotly.py's notebook renderer solves the same problem with require.js: it defines the module
 * "plotly" through `requirejs.config({paths})` (connected) or an inline `define("plotly", ...)`
 * (offline, 3+ MB per notebook), then `require(["plotly"], ...)` in each figure. We do the same
 * with a `paths` + `shim` entry when require.js is present (classic Notebook), so both a UMD
 * bundle that calls define() and plotly.js 4's bundle (which only sets window.Plotly) load once.
 */
import { gzipSync } from "node:zlib";
import { figureTitle, type Figure } from "./figure";
import { escapeHtml } from "./format";
import { withPlotlyCaption } from "./figure-caption";

/** MIME type of plotly figure JSON (the one plotly.py and the jupyterlab-plotly renderer use). */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** Output metadata key under which the lesson pack stores figure id, caption and element id. */
export const VIEW_METADATA_KEY = "emergence-lab";

/** Path of plotly.js relative to the project root (served by Jupyter at `files/<this>`). */
export const PLOTLY_JS_RELATIVE_PATH = "node_modules/plotly.js-dist-min/plotly.min.js";

/** What the output metadata records about a figure. */
export interface FigureOutputMetadata {
  kind: "figure";
  id: string | null;
  caption: string | null;
  title: string;
  elementId: string;
}

/** Significant digits kept for non-integer numbers in stored specs (a 760-px figure needs ~4). */
export const SPEC_DIGITS = 7;

function roundReplacer(_key: string, value: unknown): unknown {
  if (typeof value === "number" && Number.isFinite(value) && !Number.isInteger(value)) {
    return Number(value.toPrecision(SPEC_DIGITS));
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
  return value;
}

/**
 * The plain spec (data + layout) as stored in outputs, without id/caption: a JSON copy with
 * non-integer numbers rounded to {@link SPEC_DIGITS} significant digits (halves the size of a
 * spec; invisible in a drawn figure and still precise in hover labels).
 */
export function plotlySpec(figure: Figure): { data: Figure["data"]; layout: Figure["layout"] } {
  return JSON.parse(JSON.stringify({ data: figure.data, layout: figure.layout }, roundReplacer));
}

/** JSON safe to embed inside a <script> element (no "</script>", no "<!--"). */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** Specs above this many bytes of JSON are embedded gzip-compressed in the HTML. */
export const GZIP_ABOVE_BYTES = 4096;

/**
 * The spec as embedded in the HTML's script: `{ json }`, or for big specs `{ gzip }` (base64 of
 * the gzip-compressed JSON, unpacked in the page with DecompressionStream). Numeric arrays shrink
 * about 3x, which keeps a figure output with thousands of points under the 200 KB budget even
 * though the spec is also stored uncompressed as application/vnd.plotly.v1+json.
 * Node's gzip writes no time stamp, so the output is deterministic.
 */
export function packSpec(spec: unknown): { json: unknown } | { gzip: string } {
  const text = JSON.stringify(spec);
  if (Buffer.byteLength(text) <= GZIP_ABOVE_BYTES) return { json: spec };
  return { gzip: gzipSync(Buffer.from(text, "utf8"), { level: 9 }).toString("base64") };
}

/** The text/plain representation: "Figure F-05-k: title" and the caption on a second line. */
export function figureText(figure: Figure): string {
  const head = `Figure${figure.id ? " " + figure.id : ""}: ${figureTitle(figure) || "(untitled)"}`;
  return figure.caption ? `${head}\n${figure.caption}` : head;
}

/** Options of {@link figureHtml}. */
export interface FigureHtmlOptions {
  /** DOM id of the figure's container; unique in the page. */
  elementId: string;
  /**
   * Static image of the figure shown where scripts do not run, as a data: URL
   * (e.g. "data:image/webp;base64,..."; WebP is ~3x smaller than the optimized PNG for line charts).
   */
  fallbackImage?: string;
  /** Base64 PNG (no data: prefix) added to the bundle as image/png by {@link figureBundle}. */
  pngBase64?: string;
}

/**
 * The page-side loader and drawer, as one self-contained script (ES5, no template literals, so it
 * runs in any front-end). Placeholders: __ID__, __SPEC__, __REL__.
 */
const DRAW_SCRIPT = `(function () {
  // This output's container: the element just before this script when the front-end runs it in
  // place (JupyterLab), else the first not-yet-drawn container with this id (a copied cell
  // duplicates ids; the classic Notebook runs scripts through jQuery, away from the output).
  var id = __ID__, el = null, cs = document.currentScript;
  if (cs && cs.previousElementSibling && cs.previousElementSibling.id === id) { el = cs.previousElementSibling; }
  if (!el) {
    var all = document.querySelectorAll('figure[id="' + id + '"]');
    for (var k = 0; k < all.length && !el; k++) { if (!all[k].getAttribute("data-el-state")) { el = all[k]; } }
  }
  if (!el || el.getAttribute("data-el-state")) { return; }
  el.setAttribute("data-el-state", "loading");
  var packed = __SPEC__;
  var rel = __REL__;
  function say(msg) {
    var s = el.querySelector(".el-fig-status");
    if (s) { s.textContent = msg; s.style.display = "block"; }
  }
  function baseUrl() {
    var c = document.getElementById("jupyter-config-data");
    if (c) { try { var b = JSON.parse(c.textContent).baseUrl; if (b) { return b; } } catch (e) {} }
    if (document.body && document.body.getAttribute("data-base-url")) { return document.body.getAttribute("data-base-url"); }
    return null;
  }
  function load() {
    if (window.Plotly && window.Plotly.newPlot) { return Promise.resolve(window.Plotly); }
    if (window.__emergenceLabPlotly) { return window.__emergenceLabPlotly; }
    var base = baseUrl();
    if (base === null) { return Promise.reject(new Error("this page is not a Jupyter page, so plotly.js cannot be loaded from the project")); }
    var url = base.replace(/\\/?$/, "/") + "files/" + rel;
    var p = new Promise(function (resolve, reject) {
      var failed = function () { reject(new Error("could not load plotly.js from " + url + " (start Jupyter in the project folder, e.g. npm run lab)")); };
      if (typeof window.requirejs === "function" && window.requirejs.config) {
        var paths = {}; paths["emergence-lab-plotly"] = url.replace(/\\.js$/, "");
        var shim = {}; shim["emergence-lab-plotly"] = { exports: "Plotly" };
        window.requirejs.config({ paths: paths, shim: shim });
        window.requirejs(["emergence-lab-plotly"], function (P) {
          P = P || window.Plotly;
          if (P && P.newPlot) { resolve(P); } else { failed(); }
        }, function () { failed(); });
        return;
      }
      var s = document.createElement("script");
      var amd = window.define && window.define.amd ? window.define : null;
      if (amd) { window.define = undefined; }
      var restore = function () { if (amd) { window.define = amd; } };
      s.onload = function () { restore(); if (window.Plotly && window.Plotly.newPlot) { resolve(window.Plotly); } else { failed(); } };
      s.onerror = function () { restore(); failed(); };
      s.src = url;
      document.head.appendChild(s);
    });
    window.__emergenceLabPlotly = p.then(null, function (e) { window.__emergenceLabPlotly = null; throw e; });
    return window.__emergenceLabPlotly;
  }
  function unpack() {
    if (!packed.gzip) { return Promise.resolve(packed.json); }
    if (typeof DecompressionStream === "undefined") {
      return Promise.reject(new Error("this browser cannot unpack the figure (it needs DecompressionStream: Chrome 80+, Firefox 113+, Safari 16.4+)"));
    }
    var bin = atob(packed.gzip);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(function (t) { return JSON.parse(t); });
  }
  Promise.all([load(), unpack()]).then(function (got) {
    var Plotly = got[0], spec = got[1];
    var plot = el.querySelector(".el-fig-plot");
    return Plotly.newPlot(plot, spec.data, spec.layout, { displaylogo: false, responsive: true }).then(function () {
      var fb = el.querySelector(".el-fig-fallback");
      if (fb) { fb.parentNode.removeChild(fb); }
      el.setAttribute("data-el-state", "plotly");
    });
  }).then(null, function (e) {
    el.setAttribute("data-el-state", "failed");
    var why = e && e.message ? e.message : String(e);
    say((el.querySelector(".el-fig-fallback img") ? "Static image shown; the interactive figure is unavailable: " : "Interactive figure unavailable: ") + why + ".");
  });
})();`;

/**
 * The text/html representation: container div (plot area, fallback image or text, caption,
 * hidden status line) and the drawing script with the spec inlined. plotly.js is NOT inlined.
 */
export function figureHtml(figure: Figure, options: FigureHtmlOptions): string {
  const id = options.elementId;
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(id)) {
    throw new TypeError(`figureHtml: elementId must be a DOM id of letters, digits, "-" and "_", got ${JSON.stringify(id)}`);
  }
  const title = figureTitle(figure);
  const label = `Figure${figure.id ? " " + figure.id : ""}: ${title || "(untitled)"}`;
  const width = Number(figure.layout.width) || undefined;
  if (options.fallbackImage !== undefined && !/^data:image\/(png|webp|jpeg|svg\+xml);base64,[A-Za-z0-9+/=]+$/.test(options.fallbackImage)) {
    throw new TypeError("figureHtml: fallbackImage must be a base64 data: URL of a png, webp, jpeg or svg image");
  }
  const fallback = options.fallbackImage
    ? `<img src="${options.fallbackImage}" alt="${escapeHtml(label)}"` +
      `${width ? ` width="${width}"` : ""} style="max-width:100%;height:auto">`
    : `<p>[${escapeHtml(label)}: an interactive plotly figure. It is drawn in a trusted notebook in Jupyter ` +
      `started in the project folder (npm run lab); run npm run lessons for static images.]</p>`;
  const caption = figure.caption ? `<figcaption class="el-fig-caption">${escapeHtml(figure.caption)}</figcaption>` : "";
  const script = DRAW_SCRIPT.replace("__ID__", JSON.stringify(id))
    .replace("__SPEC__", () => scriptSafeJson(packSpec(plotlySpec(figure))))
    .replace("__REL__", JSON.stringify(PLOTLY_JS_RELATIVE_PATH));
  return (
    `<figure class="emergence-lab-figure" id="${id}" data-figure-id="${escapeHtml(figure.id ?? "")}" ` +
    `data-traces="${figure.data.length}" style="margin:0">` +
    `<div class="el-fig-plot"></div>` +
    `<div class="el-fig-fallback">${fallback}</div>` +
    `<div class="el-fig-status" style="display:none;color:#777;font-size:90%"></div>` +
    caption +
    `</figure>\n<script type="text/javascript">\n${script}\n</script>`
  );
}

/** The whole display bundle of a figure (without image/png unless given). */
export function figureBundle(
  figure: Figure,
  options: FigureHtmlOptions,
): { data: Record<string, unknown>; metadata: Record<string, unknown> } {
  const data: Record<string, unknown> = {
    // The caption (and id) also inside the spec: renderers that draw this spec ignore the HTML.
    [PLOTLY_MIME]: withPlotlyCaption(plotlySpec(figure), figure),
    "text/html": figureHtml(figure, options),
    "text/plain": figureText(figure),
  };
  if (options.pngBase64) data["image/png"] = options.pngBase64;
  const meta: FigureOutputMetadata = {
    kind: "figure",
    id: figure.id ?? null,
    caption: figure.caption ?? null,
    title: figureTitle(figure),
    elementId: options.elementId,
  };
  return { data, metadata: { [VIEW_METADATA_KEY]: meta } };
}

/**
 * A standalone HTML page that draws the figure offline: plotly.js source is inlined (about 4.8 MB),
 * so the file works from disk with no server and no network.
 */
export function standaloneFigureHtml(figure: Figure, plotlyJsSource: string): string {
  const title = figureTitle(figure);
  const label = `Figure${figure.id ? " " + figure.id : ""}: ${title}`;
  // "</script" cannot appear in plotly's source inside a script element; escape defensively.
  const js = plotlyJsSource.replace(/<\/script/gi, "<\\/script");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(label)}</title>
<style>body{font-family:sans-serif;margin:2em;color:#222}figcaption{max-width:760px;margin-top:.5em;color:#444}</style>
<script type="text/javascript">${js}</script>
</head>
<body>
<figure style="margin:0">
<div id="plot"></div>
${figure.caption ? `<figcaption>${escapeHtml(figure.caption)}</figcaption>` : ""}
</figure>
<script type="text/javascript">
var spec = ${scriptSafeJson(plotlySpec(figure))};
Plotly.newPlot("plot", spec.data, spec.layout, { displaylogo: false, responsive: true });
</script>
</body>
</html>
`;
}
