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
import { figureHtml, PLOTLY_MIME, VIEW_METADATA_KEY, type FigureOutputMetadata } from "../src/view/figure-html";
import type { Browser, Page } from "playwright-core";
import { PNG } from "pngjs";
import { joinSource, writeNotebookAtomic, type Notebook, type NotebookOutput } from "./lib/notebook";
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
// same pixels re-encoded by pngjs as RGB, with per-row adaptive filtering and zlib level 9 with the
// default strategy (pngjs's own default, run-length, is 15% larger on these figures), take about a
// quarter to a third fewer bytes. Lossless: only 8-bit RGB/RGBA images are re-encoded (pngjs would
// scale other depths), and the pixels are unchanged.

const PNG_SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

/**
 * Losslessly re-encodes an 8-bit, non-interlaced RGB/RGBA PNG: drops an all-opaque alpha channel,
 * filters rows adaptively and deflates at level 9. Returns the input when it cannot help (other PNG
 * kinds, or no gain). The header is read at its fixed place (PNG spec 11.2.2: IHDR first).
 */
export function optimizePng(png: Buffer): Buffer {
  if (png.length < 33 || !png.subarray(0, 8).equals(PNG_SIGNATURE) || png.toString("latin1", 12, 16) !== "IHDR") {
    throw new Error("optimizePng: not a PNG");
  }
  const [depth, colorType, interlace] = [png[24], png[25], png[28]];
  if (depth !== 8 || (colorType !== 2 && colorType !== 6) || interlace !== 0) return png;
  const img = PNG.sync.read(png);
  let opaque = true;
  for (let i = 3; i < img.data.length; i += 4) {
    if (img.data[i] !== 255) {
      opaque = false;
      break;
    }
  }
  const out = PNG.sync.write(img, { colorType: opaque ? 2 : 6, inputColorType: 6, inputHasAlpha: true, deflateLevel: 9, deflateStrategy: 0, filterType: -1 });
  return out.length < png.length ? out : png;
}

/** An output that carries a MIME bundle (display_data or execute_result). */
export type BundleOutput = Extract<NotebookOutput, { data: unknown }>;

/** Every output of a notebook that carries a plotly figure. */
export function figureOutputs(nb: Notebook): BundleOutput[] {
  const out: BundleOutput[] = [];
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
export function outputFigureMeta(o: BundleOutput): FigureOutputMetadata | null {
  const m = o.metadata?.[VIEW_METADATA_KEY] as FigureOutputMetadata | undefined;
  return m && m.kind === "figure" ? m : null;
}

/** The Figure (spec + id + caption) stored in an output. */
export function outputFigure(o: BundleOutput): Figure {
  let spec = o.data[PLOTLY_MIME] as unknown;
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

/**
 * Adds an `image/png` rendering to every plotly figure output of the given executed notebooks,
 * in place. Without Chromium (or playwright-core) nothing is changed and `skippedReason` says why.
 * If a figure fails to render, the others are still written and an Error listing the failures is
 * thrown at the end.
 */
export async function renderStaticImages(notebookPaths: string[]): Promise<StaticImagesResult> {
  const t0 = performance.now();
  const notebooks = notebookPaths.map((file) => {
    const nb = JSON.parse(fs.readFileSync(file, "utf8")) as Notebook;
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
          o.data["image/png"] = img.png;
          o.metadata = { ...(o.metadata ?? {}), "image/png": { width: img.width, height: img.height } };
          if (meta && o.data["text/html"] !== undefined) {
            // The no-script fallback shows the same picture (WebP: a quarter of the PNG's bytes).
            o.data["text/html"] = figureHtml(fig, { elementId: meta.elementId, fallbackImage: img.webp ?? `data:image/png;base64,${img.png}` });
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
      if (changed) writeNotebookAtomic(file, nb);
    }
  } finally {
    await renderer.close();
  }
  if (failures.length) {
    throw new Error(`renderStaticImages: ${failures.length} figure(s) could not be rendered:\n  ${failures.join("\n  ")}`);
  }
  return { rendered, totalMs: performance.now() - t0, startMs, ...(oversized.length ? { oversized } : {}) };
}
