/**
 * The handout: every page of the book printed by Chromium (Debian's /usr/bin/chromium driven by
 * playwright-core, never a downloaded browser) with the book's print stylesheet, then merged into
 * one PDF with pdf-lib. Each book page starts on a new sheet and gets a bookmark (the PDF outline),
 * so a reader can jump to a lesson.
 *
 * Pages are printed with JavaScript off: the print layout shows each figure's static image, and
 * nothing else on a page needs a script.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { PDFDocument, PDFHexString, PDFName, PDFNumber, type PDFRef } from "pdf-lib";
import { CHROMIUM_ARGS, chromiumPath, staticRenderingUnavailable } from "../static-images";

export interface PrintedPage {
  file: string;
  title: string;
}

export interface PdfResult {
  file: string;
  pages: number;
  bytes: number;
  /** Where each book page starts in the PDF (0-based) and how many PDF pages it takes. */
  ranges: { file: string; title: string; first: number; count: number }[];
}

/** Why the PDF cannot be printed here, or null when it can. */
export function pdfUnavailable(): string | null {
  const why = staticRenderingUnavailable();
  return why ? why.replace(/; static figure images were skipped$/, "") : null;
}

interface PwPage {
  goto(url: string, o?: { waitUntil?: string; timeout?: number }): Promise<unknown>;
  evaluate<R>(fn: () => R | Promise<R>): Promise<R>;
  pdf(o: Record<string, unknown>): Promise<Buffer>;
  close(): Promise<void>;
}
interface PwContext {
  newPage(): Promise<PwPage>;
  close(): Promise<void>;
}
interface PwBrowser {
  newContext(o: { javaScriptEnabled: boolean }): Promise<PwContext>;
  close(): Promise<void>;
}

const FOOTER = `<div style="font-size:8px;width:100%;padding:0 14mm;color:#666;font-family:sans-serif;display:flex;justify-content:space-between">
<span class="title"></span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`;

/** Adds a flat outline (bookmarks) to a PDF: one entry per title, pointing at a page. */
export function addOutline(doc: PDFDocument, entries: { title: string; page: number }[]): void {
  if (entries.length === 0) return;
  const ctx = doc.context;
  const pages = doc.getPages();
  const outlinesRef = ctx.nextRef();
  const refs: PDFRef[] = entries.map(() => ctx.nextRef());
  entries.forEach((e, i) => {
    const dict = ctx.obj({});
    dict.set(PDFName.of("Title"), PDFHexString.fromText(e.title));
    dict.set(PDFName.of("Parent"), outlinesRef);
    dict.set(PDFName.of("Dest"), ctx.obj([pages[e.page].ref, PDFName.of("Fit")]));
    if (i > 0) dict.set(PDFName.of("Prev"), refs[i - 1]);
    if (i < entries.length - 1) dict.set(PDFName.of("Next"), refs[i + 1]);
    ctx.assign(refs[i], dict);
  });
  const outlines = ctx.obj({});
  outlines.set(PDFName.of("Type"), PDFName.of("Outlines"));
  outlines.set(PDFName.of("First"), refs[0]);
  outlines.set(PDFName.of("Last"), refs[refs.length - 1]);
  outlines.set(PDFName.of("Count"), PDFNumber.of(entries.length));
  ctx.assign(outlinesRef, outlines);
  doc.catalog.set(PDFName.of("Outlines"), outlinesRef);
  doc.catalog.set(PDFName.of("PageMode"), PDFName.of("UseOutlines"));
}

/** Reads the flat outline written by {@link addOutline}: titles and 0-based page indices. */
export function readOutline(doc: PDFDocument): { title: string; page: number }[] {
  const out: { title: string; page: number }[] = [];
  const root = doc.context.lookup(doc.catalog.get(PDFName.of("Outlines")));
  if (!root || !("get" in (root as object))) return out;
  const pages = doc.getPages();
  const get = (d: unknown, key: string): unknown => (d as { get(n: PDFName): unknown }).get(PDFName.of(key));
  let item = doc.context.lookup(get(root, "First") as PDFRef);
  for (let guard = 0; item && guard < 10_000; guard++) {
    const title = doc.context.lookup(get(item, "Title") as PDFRef) as unknown as { decodeText(): string };
    const dest = doc.context.lookup(get(item, "Dest") as PDFRef) as unknown as { get(i: number): unknown };
    const pageRef = dest.get(0);
    out.push({ title: title.decodeText(), page: pages.findIndex((p) => p.ref === pageRef) });
    const next = get(item, "Next");
    item = next ? doc.context.lookup(next as PDFRef) : undefined;
  }
  return out;
}

/** Prints the book's pages (in order) into one PDF at `file`. Check {@link pdfUnavailable} first. */
export async function printBook(o: { bookDir: string; pages: PrintedPage[]; file: string; title: string }): Promise<PdfResult> {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { chromium } = require("playwright-core") as { chromium: { launch(o: unknown): Promise<PwBrowser> } };
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
  const merged = await PDFDocument.create();
  merged.setTitle(o.title);
  merged.setCreator("emergence-lab book");
  const ranges: PdfResult["ranges"] = [];
  try {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    for (const p of o.pages) {
      await page.goto(pathToFileURL(path.join(o.bookDir, p.file)).href, { waitUntil: "load", timeout: 60_000 });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const bytes = await page.pdf({
        format: "A4",
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: "<span></span>",
        footerTemplate: FOOTER,
        margin: { top: "14mm", bottom: "16mm", left: "14mm", right: "14mm" },
      });
      const one = await PDFDocument.load(bytes);
      const copied = await merged.copyPages(one, one.getPageIndices());
      ranges.push({ file: p.file, title: p.title, first: merged.getPageCount(), count: copied.length });
      for (const c of copied) merged.addPage(c);
    }
    await ctx.close();
  } finally {
    await browser.close();
  }
  addOutline(
    merged,
    ranges.map((r) => ({ title: r.title, page: r.first })),
  );
  const data = await merged.save();
  fs.writeFileSync(o.file, data);
  return { file: o.file, pages: merged.getPageCount(), bytes: data.length, ranges };
}
