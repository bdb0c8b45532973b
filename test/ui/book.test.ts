/**
 * The book in a real browser: `npm run book -- --pdf` is built (it runs the lessons first when their
 * executed copies are missing or stale; in `npm test` this file runs after test/notebooks/, which has
 * just executed them), then every page is opened in headless Chromium from file:// and checked:
 * - it asks for nothing outside the book folder, and nothing it asks for fails;
 * - no console error and no uncaught exception;
 * - every figure is drawn by plotly: as many figures as the executed notebook has figure outputs,
 *   each with the trace count of its spec;
 * - no raw TeX left in the text (math is rendered at build time);
 * - every link inside the book resolves (file and fragment), and previous / next walk all pages;
 * and a full-page screenshot of each page goes to build/screenshots/book/. Then: with JavaScript off
 * every figure is its static image; the presenter view shows one section per screen and moves with
 * the arrow keys; the handout PDF has a bookmark and at least one page for every page of the book.
 * With solution notebooks present, a second build with --with-solutions checks their pages too.
 *
 * Needs Chromium (/usr/bin/chromium). Without it the tests are skipped with the reason; under
 * CI=true that is a failure.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { PDFDocument } from "pdf-lib";
import { CHROMIUM_ARGS, chromiumPath, figureOutputs, staticRenderingUnavailable } from "../../tools/static-images";
import { readOutline } from "../../tools/book/pdf";
import { folderBytes, PROJECT_ROOT, SIZE_BUDGET_BYTES } from "../../tools/book/main";

const CI = process.env.CI === "true";
const BOOK = path.join(PROJECT_ROOT, "build", "book");
const TEACHER_BOOK = path.join(PROJECT_ROOT, "build", "book-teacher");
const EXECUTED = path.join(PROJECT_ROOT, "build", "notebooks");
const SCREENSHOTS = path.join(PROJECT_ROOT, "build", "screenshots", "book");
const BOOK_TOOL = path.join(PROJECT_ROOT, ".out", "tools", "book", "main.js");
const LESSONS = fs.readdirSync(path.join(PROJECT_ROOT, "notebooks")).filter((f) => /^\d\d-.*\.ipynb$/.test(f)).sort();
const SOLUTIONS_DIR = path.join(PROJECT_ROOT, "notebooks", "solutions");
const SOLUTIONS = fs.existsSync(SOLUTIONS_DIR) ? fs.readdirSync(SOLUTIONS_DIR).filter((f) => /^\d\d-.*\.ipynb$/.test(f)).sort() : [];

const unavailable = staticRenderingUnavailable()?.replace(/; static figure images were skipped$/, "") ?? null;
const skip = unavailable && !CI ? `book browser test skipped: ${unavailable}` : false;
if (skip) console.log(skip);

// ---- playwright types (loaded lazily) ----------------------------------------------------------
interface Request {
  url(): string;
  failure(): { errorText: string } | null;
}
interface Page {
  goto(url: string, o?: { waitUntil?: string; timeout?: number }): Promise<unknown>;
  waitForFunction<A>(fn: (a: A) => unknown, arg: A, o?: { timeout?: number; polling?: number }): Promise<unknown>;
  evaluate<R, A>(fn: (a: A) => R | Promise<R>, arg: A): Promise<R>;
  screenshot(o: { path: string; fullPage?: boolean }): Promise<unknown>;
  keyboard: { press(key: string): Promise<void> };
  on(event: "request" | "requestfailed", cb: (r: Request) => void): void;
  on(event: "console", cb: (m: { type(): string; text(): string }) => void): void;
  on(event: "pageerror", cb: (e: Error) => void): void;
  close(): Promise<void>;
}
interface Context {
  newPage(): Promise<Page>;
  close(): Promise<void>;
}
interface Browser {
  newContext(o?: { viewport?: { width: number; height: number }; javaScriptEnabled?: boolean }): Promise<Context>;
  close(): Promise<void>;
}

let browser: Browser | null = null;
let buildOutput = "";

function buildBook(args: string[]): string {
  const r = spawnSync(process.execPath, [BOOK_TOOL, ...args], { cwd: PROJECT_ROOT, encoding: "utf8", timeout: 20 * 60_000 });
  const out = `${r.stdout ?? ""}\n${r.stderr ?? ""}`;
  assert.equal(r.status, 0, `npm run book ${args.join(" ")} failed:\n${out}`);
  return out;
}

before(async () => {
  if (skip) return;
  assert.equal(unavailable, null, `under CI=true the book test needs Chromium: ${unavailable}`);
  buildOutput = buildBook(["--pdf"]);
  console.log(buildOutput.split("\n").filter((l) => l.startsWith("book:")).map((l) => `  ${l}`).join("\n"));
  if (SOLUTIONS.length) buildBook(["--with-solutions", "--out", TEACHER_BOOK]);
  fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { chromium } = require("playwright-core") as { chromium: { launch(o: unknown): Promise<Browser> } };
  browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
});

after(async () => {
  await browser?.close().catch(() => undefined);
});

// ---- helpers -----------------------------------------------------------------------------------

/** Trace counts of the figure outputs of the executed notebook behind a page (none for other pages). */
function expectedFigures(page: string): number[] {
  const stem = page.replace(/\.html$/, "");
  const file = LESSONS.includes(`${stem}.ipynb`)
    ? path.join(EXECUTED, `${stem}.ipynb`)
    : SOLUTIONS.includes(`${stem}.ipynb`)
      ? path.join(EXECUTED, "solutions", `${stem}.ipynb`)
      : null;
  if (!file) return [];
  const nb = JSON.parse(fs.readFileSync(file, "utf8"));
  return figureOutputs(nb).map((o) => (o.data!["application/vnd.plotly.v1+json"] as { data: unknown[] }).data.length);
}

interface PageReport {
  title: string;
  h1: string;
  figures: { state: string | null; traces: number | null; expected: number }[];
  tex: string[];
  links: string[];
  prev: string | null;
  next: string | null;
  ids: string[];
  scripts: string[];
  katex: number;
}

/** Opens a page, records its requests and errors, waits for its figures, and reads what the checks need. */
async function openPage(bookDir: string, file: string, shot: string | null): Promise<{ report: PageReport; outside: string[]; failed: string[]; errors: string[] }> {
  const ctx = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  const prefix = pathToFileURL(bookDir).href + "/";
  const outside: string[] = [];
  const failed: string[] = [];
  const errors: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(prefix)) outside.push(r.url());
  });
  page.on("requestfailed", (r) => failed.push(`${r.url()}: ${r.failure()?.errorText ?? "?"}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e && e.message ? e.message : e)));
  try {
    await page.goto(prefix + file, { waitUntil: "load", timeout: 60_000 });
    await page
      .waitForFunction(
        () => Array.from(document.querySelectorAll("figure.book-figure")).every((f) => ["plotly", "failed"].includes(f.getAttribute("data-el-state") ?? "")),
        null,
        { timeout: 60_000, polling: 200 },
      )
      .catch(() => undefined); // the states are read below; the assertions say what is wrong
    await page.evaluate(() => document.fonts.ready.then(() => undefined), null);
    const report = await page.evaluate(() => {
      const figs = Array.from(document.querySelectorAll("figure.book-figure")).map((f) => {
        const gd = f.querySelector(".js-plotly-plot") as (Element & { data?: unknown[] }) | null;
        return { state: f.getAttribute("data-el-state"), traces: gd && Array.isArray(gd.data) ? gd.data.length : null, expected: Number(f.getAttribute("data-traces")) };
      });
      // The text a reader sees, without code, and without KaTeX's hidden MathML (it repeats the TeX).
      const clone = document.body.cloneNode(true) as HTMLElement;
      clone.querySelectorAll(".katex-mathml, pre, code, script, style").forEach((e) => e.remove());
      const text = clone.textContent ?? "";
      const tex: string[] = [];
      for (const re of [/\$\$/g, /\$[^\s$][^$\n]{0,80}?[^\s$\\]\$/g, /\\\(|\\\)|\\\[|\\\]/g, /\\(frac|theta|alpha|beta|delta|mathrm|mathbb|text|sum|log|le|ge|binom|sqrt|left|right)\b/g]) {
        for (const m of text.match(re) ?? []) tex.push(m);
      }
      const links = Array.from(document.querySelectorAll("a[href]")).map((a) => a.getAttribute("href") ?? "");
      const rel = (r: string) => (document.querySelector(`a[rel="${r}"]`) as HTMLAnchorElement | null)?.getAttribute("href") ?? null;
      return {
        title: document.title,
        h1: (document.querySelector("article h1")?.textContent ?? "").trim(),
        figures: figs,
        tex,
        links,
        prev: rel("prev"),
        next: rel("next"),
        ids: Array.from(document.querySelectorAll("[id]")).map((e) => e.id),
        scripts: Array.from(document.querySelectorAll("script")).map((s) => s.getAttribute("src") ?? `inline:${s.getAttribute("type") ?? "text/javascript"}`),
        katex: document.querySelectorAll(".katex").length,
      };
    }, null);
    if (shot) await page.screenshot({ path: path.join(SCREENSHOTS, shot), fullPage: true });
    return { report, outside, failed, errors };
  } finally {
    await ctx.close();
  }
}

/** Relative links of a page that do not resolve to a file (or to an id in it) inside the book. */
function unresolved(bookDir: string, page: string, links: string[], ids: string[]): string[] {
  const bad: string[] = [];
  for (const href of links) {
    if (/^(https?:|mailto:)/.test(href)) continue;
    const [file, frag] = href.split("#");
    const target = path.resolve(bookDir, file || page);
    if (!target.startsWith(bookDir + path.sep) || !fs.existsSync(target)) {
      bad.push(href);
      continue;
    }
    if (frag) {
      const has = file && file !== page ? fs.readFileSync(target, "utf8").includes(`id="${frag}"`) : ids.includes(frag);
      if (!has) bad.push(`${href} (no element with id "${frag}")`);
    }
  }
  return bad;
}

/** The pages reachable from index.html by following relative .html links, in the order first seen. */
function crawl(bookDir: string): string[] {
  const seen: string[] = [];
  const queue = ["index.html"];
  while (queue.length) {
    const p = queue.shift()!;
    if (seen.includes(p)) continue;
    seen.push(p);
    const html = fs.readFileSync(path.join(bookDir, p), "utf8");
    for (const m of html.matchAll(/<a [^>]*href="([^"#:]+\.html)(#[^"]*)?"/g)) if (!seen.includes(m[1]) && fs.existsSync(path.join(bookDir, m[1]))) queue.push(m[1]);
  }
  return seen;
}

function checkPage(bookDir: string, file: string, r: Awaited<ReturnType<typeof openPage>>): void {
  const { report } = r;
  assert.deepEqual(r.outside, [], `${file}: requests outside the book folder`);
  assert.deepEqual(r.failed, [], `${file}: failed requests`);
  assert.deepEqual(r.errors, [], `${file}: console errors or exceptions`);
  const expected = expectedFigures(file);
  assert.equal(report.figures.length, expected.length, `${file}: ${expected.length} figure outputs in the executed notebook, ${report.figures.length} figures on the page`);
  report.figures.forEach((f, i) => {
    assert.equal(f.state, "plotly", `${file} figure ${i + 1} was not drawn (state ${f.state})`);
    assert.equal(f.traces, expected[i], `${file} figure ${i + 1}: ${expected[i]} traces in the spec, ${f.traces} drawn`);
  });
  assert.deepEqual(report.tex, [], `${file}: raw TeX in the text`);
  assert.deepEqual(unresolved(bookDir, file, report.links, report.ids), [], `${file}: links that do not resolve inside the book`);
  // Scripts: the book's own, plotly.js at most once (only where there are figures), and inert JSON.
  const plotly = report.scripts.filter((s) => s === "assets/plotly.min.js").length;
  assert.equal(plotly, expected.length > 0 ? 1 : 0, `${file}: plotly.js loaded ${plotly} times`);
  assert.deepEqual(
    report.scripts.filter((s) => s !== "assets/plotly.min.js" && s !== "assets/book.js" && s !== "inline:application/json"),
    [],
    `${file}: scripts other than the book's own`,
  );
}

// ---- the tests --------------------------------------------------------------------------------------

test("every page of the book: offline, no errors, every figure drawn, no raw TeX, links resolve (screenshots)", { skip, timeout: 600_000 }, async () => {
  const pages = crawl(BOOK);
  for (const l of LESSONS) assert.ok(pages.includes(l.replace(/\.ipynb$/, ".html")), `no page for lesson ${l} reachable from index.html`);
  assert.ok(pages.includes("seminar.html"), "the instructor's guide is not reachable from index.html");
  assert.deepEqual(pages.filter((p) => /solutions/.test(p)), [], "the student book has no solution pages");
  const order: { file: string; prev: string | null; next: string | null }[] = [];
  let figures = 0;
  for (const file of pages) {
    const t0 = Date.now();
    const r = await openPage(BOOK, file, file.replace(/\.html$/, ".png"));
    checkPage(BOOK, file, r);
    if (/^\d\d-/.test(file)) assert.ok(r.report.katex > 0, `${file}: no rendered math at all`);
    order.push({ file, prev: r.report.prev, next: r.report.next });
    figures += r.report.figures.length;
    console.log(`  ${file}: ${r.report.figures.length} figure(s) drawn, ${r.report.katex} formulas, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  assert.ok(figures > 0, "no figures in the whole book");
  // Previous / next walk every page once, from index.html, and back.
  const byFile = new Map(order.map((o) => [o.file, o]));
  const walk: string[] = ["index.html"];
  for (let cur = byFile.get("index.html")!; cur.next; cur = byFile.get(cur.next)!) {
    assert.ok(!walk.includes(cur.next), `next links loop at ${cur.next}`);
    assert.equal(byFile.get(cur.next)?.prev, cur.file, `${cur.next}: its previous link is not ${cur.file}`);
    walk.push(cur.next);
  }
  assert.deepEqual([...walk].sort(), [...pages].sort(), "previous / next do not walk every page");
  const lessonOrder = walk.filter((p) => /^\d\d-/.test(p));
  assert.deepEqual(lessonOrder, LESSONS.map((l) => l.replace(/\.ipynb$/, ".html")), "lessons out of order");
});

test("the book stays under its size aim with plotly.js included once", { skip }, () => {
  const pdf = path.join(BOOK, "handout.pdf");
  const bytes = folderBytes(BOOK) - (fs.existsSync(pdf) ? fs.statSync(pdf).size : 0);
  const copies = fs.readdirSync(path.join(BOOK, "assets")).filter((f) => /plotly/.test(f));
  assert.deepEqual(copies, ["plotly.min.js"]);
  assert.ok(bytes < SIZE_BUDGET_BYTES, `the book is ${(bytes / 1048576).toFixed(1)} MB, over ${(SIZE_BUDGET_BYTES / 1048576).toFixed(0)} MB`);
  assert.match(buildOutput, /book: size \d+\.\d MB/, "npm run book prints the book's size");
});

test("with JavaScript off every figure is its static image", { skip, timeout: 120_000 }, async () => {
  const ctx = await browser!.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
  try {
    for (const l of LESSONS) {
      const file = l.replace(/\.ipynb$/, ".html");
      const expected = expectedFigures(file).length;
      const page = await ctx.newPage();
      await page.goto(pathToFileURL(path.join(BOOK, file)).href, { waitUntil: "load" });
      const shown = await page.evaluate(
        () =>
          Array.from(document.querySelectorAll("figure.book-figure")).map((f) => {
            const img = f.querySelector(".el-fig-fallback img") as HTMLImageElement | null;
            return { width: img && img.complete ? img.naturalWidth : 0, visible: !!img && img.getBoundingClientRect().height > 0, plot: !!f.querySelector(".js-plotly-plot") };
          }),
        null,
      );
      assert.equal(shown.length, expected, `${file}: figures`);
      shown.forEach((s, i) => {
        assert.ok(s.width > 0 && s.visible, `${file} figure ${i + 1}: no static image shown without JavaScript`);
        assert.equal(s.plot, false);
      });
      await page.close();
    }
  } finally {
    await ctx.close();
  }
});

test("presenter view: large type, one section per screen, arrow keys move, Esc leaves", { skip, timeout: 60_000 }, async () => {
  const file = LESSONS.map((l) => l.replace(/\.ipynb$/, ".html")).find((f) => expectedFigures(f).length > 0) ?? "index.html";
  const ctx = await browser!.newContext({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  try {
    const page = await ctx.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(pathToFileURL(path.join(BOOK, file)).href, { waitUntil: "load" });
    const state = () =>
      page.evaluate(() => {
        const slides = Array.from(document.querySelectorAll("section.slide")) as HTMLElement[];
        const shown = slides.map((s, i) => (s.getBoundingClientRect().height > 0 ? i : -1)).filter((i) => i >= 0);
        return {
          presenting: document.documentElement.classList.contains("presenting"),
          slides: slides.length,
          shown,
          heading: (slides[shown[0]]?.querySelector("h1, h2")?.textContent ?? "").trim(),
          fontPx: parseFloat(getComputedStyle(document.documentElement).fontSize),
          hash: location.hash,
          sidebar: (document.querySelector(".sidebar") as HTMLElement).getBoundingClientRect().height,
        };
      }, null);
    const normalFont = (await state()).fontPx;
    await page.keyboard.press("p");
    const s1 = await state();
    assert.equal(s1.presenting, true);
    assert.ok(s1.slides >= 4, `${file}: only ${s1.slides} sections`);
    assert.deepEqual(s1.shown, [0], "one section on screen, the first");
    assert.ok(s1.fontPx >= normalFont * 1.4, `type not larger: ${s1.fontPx}px against ${normalFont}px`);
    assert.equal(s1.sidebar, 0, "the sidebar is hidden");
    assert.equal(s1.hash, "#present-1");
    await page.screenshot({ path: path.join(SCREENSHOTS, "presenter-1.png") });
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    const s3 = await state();
    assert.deepEqual(s3.shown, [2]);
    assert.equal(s3.hash, "#present-3");
    assert.notEqual(s3.heading, s1.heading);
    await page.screenshot({ path: path.join(SCREENSHOTS, "presenter-3.png") });
    await page.keyboard.press("ArrowLeft");
    assert.deepEqual((await state()).shown, [1]);
    await page.keyboard.press("End");
    assert.deepEqual((await state()).shown, [s1.slides - 1]);
    await page.keyboard.press("Escape");
    const s4 = await state();
    assert.equal(s4.presenting, false);
    assert.equal(s4.shown.length, s1.slides, "every section shown again");
    // A link to a section of the presenter view opens it: followed within the page, and loaded afresh.
    await page.goto(pathToFileURL(path.join(BOOK, file)).href + "#present-2", { waitUntil: "load" });
    const s5 = await state();
    assert.equal(s5.presenting, true);
    assert.deepEqual(s5.shown, [1]);
    await page.close();
    const fresh = await ctx.newPage();
    fresh.on("pageerror", (e) => errors.push(e.message));
    await fresh.goto(pathToFileURL(path.join(BOOK, file)).href + "#present-4", { waitUntil: "load" });
    const s6 = await fresh.evaluate(
      () => ({
        presenting: document.documentElement.classList.contains("presenting"),
        shown: (Array.from(document.querySelectorAll("section.slide")) as HTMLElement[]).map((s, i) => (s.getBoundingClientRect().height > 0 ? i : -1)).filter((i) => i >= 0),
      }),
      null,
    );
    assert.deepEqual(s6, { presenting: true, shown: [3] });
    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
  }
});

test("the handout PDF has a bookmark and at least one page for every page of the book", { skip, timeout: 60_000 }, async () => {
  const file = path.join(BOOK, "handout.pdf");
  assert.ok(fs.existsSync(file), "npm run book -- --pdf wrote no handout.pdf");
  const doc = await PDFDocument.load(fs.readFileSync(file));
  const outline = readOutline(doc);
  const pages = crawl(BOOK);
  // The titles as the browser shows them (<title> is "page title · emergence-lab").
  const titles: string[] = [];
  for (const p of pages) titles.push(fs.readFileSync(path.join(BOOK, p), "utf8").match(/<title>([^<]*) · emergence-lab<\/title>/)![1].replace(/&#39;/g, "'").replace(/&amp;/g, "&"));
  assert.equal(outline.length, pages.length, `${pages.length} pages, ${outline.length} bookmarks`);
  for (const t of titles) assert.ok(outline.some((o) => o.title === t), `no bookmark for "${t}"`);
  const starts = outline.map((o) => o.page);
  assert.equal(starts[0], 0);
  starts.forEach((s, i) => {
    const end = i + 1 < starts.length ? starts[i + 1] : doc.getPageCount();
    assert.ok(end - s >= 1, `"${outline[i].title}" has no page of its own (starts at ${s}, next at ${end})`);
  });
  for (const l of LESSONS) {
    const title = fs.readFileSync(path.join(BOOK, l.replace(/\.ipynb$/, ".html")), "utf8").match(/<title>([^<]*) · emergence-lab<\/title>/)![1];
    assert.ok(outline.some((o) => o.title === title.replace(/&#39;/g, "'").replace(/&amp;/g, "&")), `lesson ${l} has no bookmark`);
  }
  console.log(`  handout.pdf: ${doc.getPageCount()} pages, ${outline.length} bookmarks, ${(fs.statSync(file).size / 1048576).toFixed(1)} MB`);
});

test("with --with-solutions the solution notebooks are pages too (when there are any)", { skip: skip || (SOLUTIONS.length === 0 ? "no solution notebooks in notebooks/solutions" : false), timeout: 300_000 }, async () => {
  const pages = crawl(TEACHER_BOOK);
  for (const s of SOLUTIONS) {
    const file = s.replace(/\.ipynb$/, ".html");
    assert.ok(pages.includes(file), `no page for ${s}`);
    const r = await openPage(TEACHER_BOOK, file, `teacher-${file.replace(/\.html$/, ".png")}`);
    checkPage(TEACHER_BOOK, file, r);
    console.log(`  ${file}: ${r.report.figures.length} figure(s) drawn`);
  }
});
