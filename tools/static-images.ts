/**
 * Static renderings of figures in executed notebooks.
 *
 * `renderStaticImages(paths)` opens each executed notebook, finds every output that carries a
 * plotly figure (`application/vnd.plotly.v1+json`), renders the spec to PNG with plotly.js in
 * headless Chromium (Debian's /usr/bin/chromium driven by playwright-core; never a downloaded
 * browser), and adds `image/png` to that output IN PLACE. For the lesson pack's own figure outputs
 * it also rebuilds the `text/html` so that its no-script fallback is the image: GitHub, nbviewer
 * and untrusted notebooks show the figure. Each file is rewritten atomically (temp file + rename).
 *
 * One browser and one page serve all figures; plotly.js is injected once from node_modules.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { figureHtml, PLOTLY_MIME, VIEW_METADATA_KEY, type FigureOutputMetadata } from "../src/view/figure-html";
import type { Browser, Page } from "playwright-core";
import type { Figure } from "../src/view/figure";
import { withoutPlotlyCaption } from "../src/view/figure-caption";

export interface StaticImagesResult {
  rendered: number;
  /** Set when nothing could be rendered (e.g. no Chromium): a one-line reason. */
  skippedReason?: string;
  /** Milliseconds spent in total (browser start + rendering + writing). */
  totalMs?: number;
  /** Milliseconds to start Chromium and load plotly.js. */
  startMs?: number;
  /** Figure outputs over the 200 KB budget after adding images ("file #k: bytes"). */
  oversized?: string[];
}

/** Size budget of one figure output in a saved notebook (bytes of its JSON). */
export const FIGURE_OUTPUT_BUDGET_BYTES = 200_000;

/** Where Chromium is expected (override with EMERGENCE_LAB_CHROMIUM). */
export function chromiumPath(): string {
  return process.env.EMERGENCE_LAB_CHROMIUM || "/usr/bin/chromium";
}

/** Chromium flags for a sandbox-less, network-quiet headless run. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Absolute path of the installed plotly.js bundle. */
export function plotlyJsFile(): string {
  return require.resolve("plotly.js-dist-min/plotly.min.js");
}

/** Why static rendering cannot run here, or null when it can. */
export function staticRenderingUnavailable(): string | null {
  const exe = chromiumPath();
  if (!fs.existsSync(exe)) {
    return `Chromium not found at ${exe} (Debian: apt-get install chromium); static figure images were skipped`;
  }
  try {
    require.resolve("playwright-core");
  } catch {
    return "playwright-core is not installed (npm ci installs it as a dev dependency); static figure images were skipped";
  }
  return null;
}

/** Launches Chromium with playwright-core. Throws if unavailable (check staticRenderingUnavailable first). */
export async function launchChromium(): Promise<Browser> {
  // Loaded on first use: the library and the runner work without the dev dependency.
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}

/** Renders plotly specs to PNG in one page of one browser. */
export class FigureRenderer {
  private constructor(
    private readonly browser: Browser,
    private readonly page: Page,
  ) {}

  /** Starts Chromium and loads plotly.js into a blank page. */
  static async open(): Promise<FigureRenderer> {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      await page.setContent("<!DOCTYPE html><html><head><meta charset='utf-8'></head><body></body></html>");
      await page.addScriptTag({ path: plotlyJsFile() });
      return new FigureRenderer(browser, page);
    } catch (e) {
      await browser.close().catch(() => undefined);
      throw e;
    }
  }

  /**
   * Renders a spec at the layout's size (default 760 x 460) times `scale`: a PNG (base64, no data:
   * prefix) and, with `webp`, a WebP data: URL of the same picture (for the HTML fallback).
   */
  async render(
    spec: { data: unknown[]; layout: Record<string, unknown> },
    options: { scale?: number; webp?: boolean; optimize?: boolean } = {},
  ): Promise<{ png: string; webp?: string; width: number; height: number }> {
    const width = Number(spec.layout?.width) || 760;
    const height = Number(spec.layout?.height) || 460;
    const urls = await this.page.evaluate(
      async (a: { spec: { data: unknown[]; layout: Record<string, unknown> }; width: number; height: number; scale: number; webp: boolean }) => {
        const P = (globalThis as unknown as { Plotly: { toImage(f: unknown, o: unknown): Promise<string> } }).Plotly;
        const fig = { data: a.spec.data, layout: a.spec.layout };
        const opts = { width: a.width, height: a.height, scale: a.scale };
        const png = await P.toImage(fig, { ...opts, format: "png" });
        const webp = a.webp ? await P.toImage(fig, { ...opts, format: "webp" }) : undefined;
        return { png, webp };
      },
      { spec, width, height, scale: options.scale ?? 1, webp: options.webp ?? false },
    );
    const prefix = "data:image/png;base64,";
    if (typeof urls.png !== "string" || !urls.png.startsWith(prefix)) {
      throw new Error(`FigureRenderer.render: plotly returned no PNG (got ${String(urls.png).slice(0, 40)})`);
    }
    const webp = typeof urls.webp === "string" && urls.webp.startsWith("data:image/webp;base64,") ? urls.webp : undefined;
    const raw = Buffer.from(urls.png.slice(prefix.length), "base64");
    const png = options.optimize === false ? raw : optimizePng(raw);
    return { png: png.toString("base64"), webp, width, height };
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

// ---- PNG re-encoding -------------------------------------------------------------------------
// Chromium's canvas encoder writes RGBA with fast compression. Plotly figures are opaque, so the
// same pixels re-encoded as RGB with a per-row adaptive filter and zlib level 9 take about 25-33%
// fewer bytes (measured on the lessons' figures). Lossless: the pixels are unchanged.
// PNG format: W3C PNG specification (2nd ed.), sections 5 (chunks), 9 (filtering), 11.2.2 (IHDR).

const PNG_SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Reverses PNG row filters (types 0-4) in place order; returns the raw pixel rows. */
function unfilterRows(data: Buffer, width: number, height: number, bpp: number): Uint8Array {
  const stride = width * bpp;
  const out = new Uint8Array(stride * height);
  let p = 0;
  for (let y = 0; y < height; y++) {
    const type = data[p++];
    const row = y * stride;
    const prev = row - stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[row + x - bpp] : 0;
      const b = y > 0 ? out[prev + x] : 0;
      const c = x >= bpp && y > 0 ? out[prev + x - bpp] : 0;
      const v = data[p++];
      let r: number;
      switch (type) {
        case 0: r = v; break;
        case 1: r = v + a; break;
        case 2: r = v + b; break;
        case 3: r = v + ((a + b) >> 1); break;
        case 4: r = v + paeth(a, b, c); break;
        default: throw new Error(`optimizePng: unknown filter type ${type} in row ${y}`);
      }
      out[row + x] = r & 255;
    }
  }
  return out;
}

/** Filters each row with the type that minimises the sum of absolute residuals (libpng's heuristic). */
function filterRows(px: Uint8Array, width: number, height: number, bpp: number): Buffer {
  const stride = width * bpp;
  const out = Buffer.alloc((stride + 1) * height);
  const cand = [0, 1, 2, 3, 4].map(() => new Uint8Array(stride));
  const [c0, c1, c2, c3, c4] = cand;
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    const prev = row - stride;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0;
    for (let x = 0; x < stride; x++) {
      const v = px[row + x];
      const a = x >= bpp ? px[row + x - bpp] : 0;
      const b = y > 0 ? px[prev + x] : 0;
      const c = x >= bpp && y > 0 ? px[prev + x - bpp] : 0;
      const r0 = v;
      const r1 = (v - a) & 255;
      const r2 = (v - b) & 255;
      const r3 = (v - ((a + b) >> 1)) & 255;
      const r4 = (v - paeth(a, b, c)) & 255;
      c0[x] = r0;
      c1[x] = r1;
      c2[x] = r2;
      c3[x] = r3;
      c4[x] = r4;
      s0 += r0 < 128 ? r0 : 256 - r0;
      s1 += r1 < 128 ? r1 : 256 - r1;
      s2 += r2 < 128 ? r2 : 256 - r2;
      s3 += r3 < 128 ? r3 : 256 - r3;
      s4 += r4 < 128 ? r4 : 256 - r4;
    }
    const sums = [s0, s1, s2, s3, s4];
    let best = 0;
    for (let t = 1; t < 5; t++) if (sums[t] < sums[best]) best = t;
    out[y * (stride + 1)] = best;
    out.set(cand[best], y * (stride + 1) + 1);
  }
  return out;
}

/**
 * Losslessly re-encodes an 8-bit, non-interlaced RGB/RGBA PNG: drops an all-opaque alpha channel,
 * re-filters rows adaptively and deflates at level 9. Returns the input when it cannot help
 * (other PNG kinds, or no gain).
 */
export function optimizePng(png: Buffer): Buffer {
  if (png.length < 33 || !png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error("optimizePng: not a PNG");
  let ihdr: Buffer | null = null;
  const idat: Buffer[] = [];
  const other: Buffer[] = [];
  for (let i = 8; i + 12 <= png.length; ) {
    const n = png.readUInt32BE(i);
    const type = png.toString("latin1", i + 4, i + 8);
    const data = png.subarray(i + 8, i + 8 + n);
    if (type === "IHDR") ihdr = data;
    else if (type === "IDAT") idat.push(data);
    else if (type !== "IEND" && type !== "sBIT") other.push(png.subarray(i, i + 12 + n));
    i += 12 + n;
  }
  if (!ihdr) throw new Error("optimizePng: no IHDR chunk");
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const [depth, colorType, , , interlace] = [ihdr[8], ihdr[9], ihdr[10], ihdr[11], ihdr[12]];
  if (depth !== 8 || (colorType !== 6 && colorType !== 2) || interlace !== 0) return png;
  const bpp = colorType === 6 ? 4 : 3;
  let px = unfilterRows(zlib.inflateSync(Buffer.concat(idat)), width, height, bpp);
  let outBpp = bpp;
  if (bpp === 4) {
    let opaque = true;
    for (let i = 3; i < px.length; i += 4) if (px[i] !== 255) { opaque = false; break; }
    if (opaque) {
      const rgb = new Uint8Array(width * height * 3);
      for (let i = 0, j = 0; i < px.length; i += 4, j += 3) {
        rgb[j] = px[i];
        rgb[j + 1] = px[i + 1];
        rgb[j + 2] = px[i + 2];
      }
      px = rgb;
      outBpp = 3;
    }
  }
  const header = Buffer.from(ihdr);
  header[9] = outBpp === 3 ? 2 : 6;
  const body = zlib.deflateSync(filterRows(px, width, height, outBpp), { level: 9, memLevel: 9 });
  const out = Buffer.concat([PNG_SIGNATURE, pngChunk("IHDR", header), ...other, pngChunk("IDAT", body), pngChunk("IEND", Buffer.alloc(0))]);
  return out.length < png.length ? out : png;
}

/** nbformat stores multi-line strings either as a string or as a list of lines. */
function joinSource(v: unknown): string {
  return Array.isArray(v) ? v.join("") : String(v ?? "");
}

interface NotebookOutput {
  output_type: string;
  data?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}
interface NotebookJson {
  cells: { cell_type: string; outputs?: NotebookOutput[] }[];
}

/** Every output of a notebook that carries a plotly figure. */
export function figureOutputs(nb: NotebookJson): NotebookOutput[] {
  const out: NotebookOutput[] = [];
  for (const cell of nb.cells ?? []) {
    if (cell.cell_type !== "code") continue;
    for (const o of cell.outputs ?? []) {
      if ((o.output_type === "display_data" || o.output_type === "execute_result") && o.data && o.data[PLOTLY_MIME]) {
        out.push(o);
      }
    }
  }
  return out;
}

/** The lesson pack's figure metadata of an output, if it has it. */
export function outputFigureMeta(o: NotebookOutput): FigureOutputMetadata | null {
  const m = o.metadata?.[VIEW_METADATA_KEY] as FigureOutputMetadata | undefined;
  return m && m.kind === "figure" ? m : null;
}

/** The Figure (spec + id + caption) stored in an output. */
export function outputFigure(o: NotebookOutput): Figure {
  let spec = o.data![PLOTLY_MIME] as unknown;
  if (typeof spec === "string" || Array.isArray(spec)) spec = JSON.parse(joinSource(spec));
  const raw = spec as { data?: unknown; layout?: unknown };
  const meta = outputFigureMeta(o);
  // The stored spec also carries the caption as an annotation; the Figure keeps it in `caption`.
  const s = withoutPlotlyCaption({
    data: Array.isArray(raw.data) ? raw.data : [],
    layout: (raw.layout && typeof raw.layout === "object" ? raw.layout : {}) as Record<string, unknown>,
  });
  const fig: Figure = { data: s.data as Figure["data"], layout: s.layout };
  if (meta?.id) fig.id = meta.id;
  if (meta?.caption) fig.caption = meta.caption;
  return fig;
}

/** Writes a file atomically: a temp file in the same folder, then rename over the target. */
export function writeFileAtomic(file: string, text: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, text);
  try {
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Adds an `image/png` rendering to every plotly figure output of the given executed notebooks,
 * in place. Without Chromium (or playwright-core) nothing is changed and `skippedReason` says why.
 * If a figure fails to render, the others are still written and an Error listing the failures is
 * thrown at the end.
 */
export async function renderStaticImages(notebookPaths: string[]): Promise<StaticImagesResult> {
  const t0 = performance.now();
  const notebooks = notebookPaths.map((file) => {
    const nb = JSON.parse(fs.readFileSync(file, "utf8")) as NotebookJson;
    return { file, nb, outputs: figureOutputs(nb) };
  });
  const count = notebooks.reduce((s, n) => s + n.outputs.length, 0);
  if (count === 0) return { rendered: 0, totalMs: performance.now() - t0 };
  const why = staticRenderingUnavailable();
  if (why) return { rendered: 0, skippedReason: why };

  const renderer = await FigureRenderer.open();
  const startMs = performance.now() - t0;
  let rendered = 0;
  const failures: string[] = [];
  const oversized: string[] = [];
  try {
    for (const { file, nb, outputs } of notebooks) {
      if (outputs.length === 0) continue;
      let changed = false;
      for (const [k, o] of outputs.entries()) {
        try {
          const fig = outputFigure(o);
          const meta = outputFigureMeta(o);
          const img = await renderer.render(fig, { webp: meta !== null });
          o.data!["image/png"] = img.png;
          o.metadata = { ...(o.metadata ?? {}), "image/png": { width: img.width, height: img.height } };
          if (meta && o.data!["text/html"] !== undefined) {
            // The no-script fallback shows the same picture (WebP: a quarter of the PNG's bytes).
            o.data!["text/html"] = figureHtml(fig, { elementId: meta.elementId, fallbackImage: img.webp ?? `data:image/png;base64,${img.png}` });
          }
          rendered += 1;
          changed = true;
          const bytes = Buffer.byteLength(JSON.stringify(o));
          if (bytes > FIGURE_OUTPUT_BUDGET_BYTES) {
            const what = `${path.basename(file)} figure output #${k + 1}${meta?.id ? ` (${meta.id})` : ""}: ${bytes} bytes`;
            oversized.push(what);
            console.warn(`static images: ${what} is over the ${FIGURE_OUTPUT_BUDGET_BYTES / 1000} KB budget (plot fewer points?)`);
          }
        } catch (e) {
          failures.push(`${path.basename(file)} figure output #${k + 1}: ${(e as Error).message}`);
        }
      }
      if (changed) writeFileAtomic(file, JSON.stringify(nb, null, 1) + "\n");
    }
  } finally {
    await renderer.close();
  }
  if (failures.length) {
    throw new Error(`renderStaticImages: ${failures.length} figure(s) could not be rendered:\n  ${failures.join("\n  ")}`);
  }
  return { rendered, totalMs: performance.now() - t0, startMs, ...(oversized.length ? { oversized } : {}) };
}
