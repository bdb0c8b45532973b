/**
 * A contact sheet: one PNG with a thumbnail of every figure and its id, so that a reviewer sees all
 * figures at once. The grid is an HTML page (the PNGs inlined as data: URLs) screenshotted in headless
 * Chromium, the same browser that renders the static figure images.
 */
import * as fs from "node:fs";
import { escapeHtml } from "../../src/view/format";
import { launchChromium } from "../static-images";

/** One thumbnail: the figure id (printed under it) and its PNG file. */
export interface ContactSheetEntry {
  id: string;
  png: string;
  /** A second line under the id, e.g. the title. */
  label?: string;
}

/** Options of {@link contactSheetHtml} and {@link writeContactSheet}. */
export interface ContactSheetOptions {
  /** Thumbnails per row (default 4). */
  columns?: number;
  /** Thumbnail width in CSS pixels (default 360). */
  thumbWidth?: number;
  /** Heading of the sheet. */
  title?: string;
}

/** The sheet as a self-contained HTML page (images inlined). */
export function contactSheetHtml(entries: readonly ContactSheetEntry[], options: ContactSheetOptions = {}): string {
  const columns = options.columns ?? 4;
  const thumb = options.thumbWidth ?? 360;
  if (!Number.isInteger(columns) || columns < 1 || columns > 12) throw new RangeError(`contactSheetHtml: columns must be an integer in 1..12, got ${columns}`);
  if (!Number.isInteger(thumb) || thumb < 80 || thumb > 1200) throw new RangeError(`contactSheetHtml: thumbWidth must be an integer in 80..1200 pixels, got ${thumb}`);
  const cells = entries
    .map((e) => {
      const src = `data:image/png;base64,${fs.readFileSync(e.png).toString("base64")}`;
      const label = e.label ? `<div class="label">${escapeHtml(e.label)}</div>` : "";
      return `<figure><img src="${src}" alt="${escapeHtml(e.id)}"><figcaption><b>${escapeHtml(e.id)}</b>${label}</figcaption></figure>`;
    })
    .join("\n");
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(options.title ?? "Figures")}</title>
<style>
body { margin: 12px; font-family: sans-serif; background: #fff; color: #222; }
h1 { font-size: 16px; margin: 0 0 8px; }
.grid { display: grid; grid-template-columns: repeat(${columns}, ${thumb}px); gap: 10px; }
figure { margin: 0; border: 1px solid #ddd; padding: 4px; }
img { width: ${thumb - 10}px; height: auto; display: block; }
figcaption { font-size: 12px; margin-top: 3px; }
.label { color: #555; font-size: 11px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
</style></head>
<body><h1>${escapeHtml(options.title ?? "Figures")}</h1><div class="grid">
${cells}
</div></body></html>
`;
}

/** Renders the sheet in headless Chromium and writes it to `outFile` as a PNG. */
export async function writeContactSheet(entries: readonly ContactSheetEntry[], outFile: string, options: ContactSheetOptions = {}): Promise<void> {
  if (entries.length === 0) throw new RangeError("writeContactSheet: no figures to put on the sheet");
  const columns = options.columns ?? 4;
  const thumb = options.thumbWidth ?? 360;
  const html = contactSheetHtml(entries, options);
  const browser = await launchChromium();
  try {
    const page = (await browser.newPage({ viewport: { width: columns * (thumb + 10) + 24, height: 600 } })) as unknown as {
      setContent(html: string, o?: { waitUntil?: string }): Promise<void>;
      screenshot(o: { path: string; fullPage: boolean }): Promise<unknown>;
    };
    await page.setContent(html, { waitUntil: "load" });
    await page.screenshot({ path: outFile, fullPage: true });
  } finally {
    await browser.close();
  }
}
