/**
 * `npm run book`: the lessons as a static book in build/book/, readable with no install.
 *
 *   node .out/tools/book/main.js [--pdf] [--with-solutions] [--out DIR] [--executed DIR] [--no-run]
 *                                [--notebooks DIR] [--docs DIR]
 *
 * 1. Executed lessons come from build/notebooks/ (`npm run lessons`). A lesson whose executed copy is
 *    missing, or older than the lesson or than the compiled library (dist/), is run first with the
 *    project's runner (tools/run-notebooks.ts). `--no-run` uses what is there and fails if a copy is
 *    missing.
 * 2. One page per lesson (tools/book/render.ts, page.ts), the instructor's guide from
 *    docs/seminar.md, and index.html. With `--with-solutions` the teacher's solution notebooks
 *    (notebooks/solutions/NN-*.ipynb, executed into build/notebooks/solutions/) are added as pages;
 *    without it they are left out.
 * 3. Assets copied into the book once: plotly.js, KaTeX's stylesheet and fonts (woff2), the book's
 *    stylesheet and script; figure images as files; the clean notebooks for download.
 * 4. The book's size is printed. With `--pdf` every page is printed by Chromium into one handout
 *    (tools/book/pdf.ts); without Chromium that step is skipped with a message (a failure under CI=true).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { escapeHtml } from "../../src/view/format";
import { readNotebook } from "../lib/notebook";
import { createMarkdown, type BookMarkdown, type Heading } from "./markdown";
import { pageHtml, type PageKind, type PageRef } from "./page";
import { renderMarkdownDocument, renderNotebook, type RenderedNotebook } from "./render";

export const PROJECT_ROOT = path.resolve(__dirname, "..", "..", "..");
const BOOK_NAME = "emergence-lab";
/** The book's size the build aims to stay under (plotly.js included once). */
export const SIZE_BUDGET_BYTES = 15 * 1024 * 1024;
/** A file that marks a folder as a book this tool wrote (only such a folder is emptied before a build). */
const MARKER = ".emergence-lab-book";

export interface BookOptions {
  outDir: string;
  executedDir: string;
  notebooksDir: string;
  docsDir: string;
  pdf: boolean;
  withSolutions: boolean;
  run: boolean;
  log: (line: string) => void;
}

export interface BookPageInfo extends PageRef {
  /** Executed notebook the page was made from (lessons and solutions). */
  notebook: string | null;
  figures: number;
}

export interface BookSummary {
  outDir: string;
  pages: BookPageInfo[];
  bytes: number;
  seconds: number;
  pdf: { file: string; pages: number; bytes: number; ranges: { file: string; title: string; first: number; count: number }[] } | null;
  pdfSkipped: string | null;
}

class UsageError extends Error {}

/** The numbered notebooks NN-*.ipynb of a folder, in order (absolute paths). */
export function numberedNotebooks(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d\d-.*\.ipynb$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

/** The newest modification time (ms) of the files under a folder whose name passes `filter`; 0 if none. */
export function newestMtime(dir: string, filter: (name: string) => boolean = () => true): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p, filter));
    else if (e.isFile() && filter(e.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * True when an executed copy stopped early: a code cell with source was never executed (the runner
 * stops at a failing cell). Cells tagged "skip-execution" are never run, so they do not count.
 */
export function incompleteRun(file: string): boolean {
  try {
    type Cell = { cell_type: string; source: string | string[]; execution_count?: number | null; metadata?: { tags?: unknown } };
    const nb = JSON.parse(fs.readFileSync(file, "utf8")) as { cells?: Cell[] };
    const skipped = (c: Cell) => Array.isArray(c.metadata?.tags) && (c.metadata!.tags as unknown[]).includes("skip-execution");
    return (nb.cells ?? []).some(
      (c) => c.cell_type === "code" && !skipped(c) && (Array.isArray(c.source) ? c.source.join("") : c.source).trim() !== "" && typeof c.execution_count !== "number",
    );
  } catch {
    return true;
  }
}

/**
 * The source notebooks whose executed copy in `executedDir` is missing, older than the source or
 * than `libraryMtimeMs` (the newest file of the compiled library), or incomplete (a run that failed).
 */
export function staleNotebooks(sources: string[], executedDir: string, libraryMtimeMs: number): string[] {
  return sources.filter((src) => {
    const copy = path.join(executedDir, path.basename(src));
    if (!fs.existsSync(copy)) return true;
    const t = fs.statSync(copy).mtimeMs;
    return t < fs.statSync(src).mtimeMs || t < libraryMtimeMs || incompleteRun(copy);
  });
}

/** One line per lesson from the README's lesson table: "| 03 | [name](notebooks/03-x.ipynb) | what you do |". */
export function readmeLessonLines(readme: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of readme.split("\n")) {
    const m = /^\|\s*\d\d\s*\|\s*\[[^\]]*\]\((?:\.\/)?notebooks\/(\d\d-[^)]+)\.ipynb\)\s*\|\s*(.+?)\s*\|\s*$/.exec(line);
    if (m) out.set(m[1], m[2]);
  }
  return out;
}

/** Total bytes of the files under a folder. */
export function folderBytes(dir: string): number {
  let sum = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    sum += e.isDirectory() ? folderBytes(p) : fs.statSync(p).size;
  }
  return sum;
}

function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function rel(p: string): string {
  const r = path.relative(process.cwd(), p);
  return r && !r.startsWith("..") && !path.isAbsolute(r) ? r : p;
}

/** Empties the output folder, refusing a non-empty folder that this tool did not write. */
function prepareOutDir(dir: string): void {
  if (fs.existsSync(dir)) {
    const entries = fs.readdirSync(dir);
    if (entries.length > 0 && !entries.includes(MARKER)) {
      throw new UsageError(`--out ${dir} is a non-empty folder that is not a book written by this tool; choose another folder or empty it`);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
  fs.mkdirSync(path.join(dir, "assets", "katex", "fonts"), { recursive: true });
  fs.mkdirSync(path.join(dir, "figures"), { recursive: true });
  fs.writeFileSync(path.join(dir, MARKER), "This folder is written by `npm run book`; it is emptied on every build.\n");
}

/** Runs the runner on the stale notebooks of one folder; throws if it fails. */
function runStale(sources: string[], executedDir: string, what: string, o: BookOptions): void {
  const libraryMtime = newestMtime(path.join(PROJECT_ROOT, "dist"), (n) => n.endsWith(".js"));
  const stale = staleNotebooks(sources, executedDir, libraryMtime);
  if (stale.length === 0) return;
  if (!o.run) {
    const missing = stale.filter((s) => !fs.existsSync(path.join(executedDir, path.basename(s))));
    if (missing.length) throw new Error(`book: no executed copy of ${missing.map((s) => path.basename(s)).join(", ")} in ${rel(executedDir)} (run npm run lessons, or drop --no-run)`);
    o.log(`book: --no-run: using executed ${what} older than their sources: ${stale.map((s) => path.basename(s, ".ipynb")).join(", ")}`);
    return;
  }
  o.log(`book: running ${stale.length} ${what} first (executed copies missing, incomplete, or older than the notebooks or the library): ${stale.map((s) => path.basename(s, ".ipynb")).join(", ")}`);
  const runner = path.join(PROJECT_ROOT, ".out", "tools", "run-notebooks.js");
  const r = spawnSync(process.execPath, [runner, ...stale, "--out", executedDir], { cwd: PROJECT_ROOT, stdio: "inherit" });
  if (r.status !== 0) throw new Error(`book: the runner failed for the ${what} (exit ${r.status ?? r.signal}); the book was not built`);
}

/** KaTeX's stylesheet with only the woff2 fonts (every browser that runs the book reads woff2). */
export function katexCssWoff2Only(css: string): string {
  return css.replace(/src:\s*([^;}]+)/g, (whole, list: string) => {
    const woff2 = list.split(",").map((s) => s.trim()).filter((s) => /format\(["']?woff2["']?\)/.test(s));
    return woff2.length ? `src:${woff2.join(",")}` : whole;
  });
}

function copyAssets(outDir: string): void {
  const assets = path.join(outDir, "assets");
  fs.copyFileSync(require.resolve("plotly.js-dist-min/plotly.min.js"), path.join(assets, "plotly.min.js"));
  const katexDist = path.dirname(require.resolve("katex/dist/katex.min.css"));
  fs.writeFileSync(path.join(assets, "katex", "katex.min.css"), katexCssWoff2Only(fs.readFileSync(path.join(katexDist, "katex.min.css"), "utf8")));
  for (const f of fs.readdirSync(path.join(katexDist, "fonts")).filter((f) => f.endsWith(".woff2"))) {
    fs.copyFileSync(path.join(katexDist, "fonts", f), path.join(assets, "katex", "fonts", f));
  }
  const own = path.join(PROJECT_ROOT, "tools", "book", "assets");
  const hljsTheme = fs.readFileSync(require.resolve("highlight.js/styles/github.css"), "utf8");
  fs.writeFileSync(path.join(assets, "book.css"), fs.readFileSync(path.join(own, "book.css"), "utf8") + "\n/* highlight.js theme: github (BSD-3-Clause) */\n" + hljsTheme);
  fs.copyFileSync(path.join(own, "book.js"), path.join(assets, "book.js"));
}

interface Draft {
  ref: BookPageInfo;
  rendered: RenderedNotebook;
}

function stemOf(file: string): string {
  return path.basename(file).replace(/\.(ipynb|md|html)$/, "");
}

/** The index page's article. */
function indexArticle(o: { lessons: Draft[]; guide: Draft | null; solutions: Draft[]; lines: Map<string, string>; md: BookMarkdown; pdfFile: string | null }): string {
  const lessonItems = o.lessons
    .map((d) => {
      const stem = stemOf(d.ref.file);
      const line = o.lines.get(stem);
      const desc = line ? o.md.renderInline(line, { source: "README.md" }) : escapeHtml(d.rendered.lead.split(/(?<=\.)\s/)[0] ?? "");
      return `<li><a href="${d.ref.file}">${d.ref.titleHtml}</a><span class="lesson-line">${desc}</span> <a class="nb-link" href="notebooks/${stem}.ipynb" download>notebook</a></li>`;
    })
    .join("\n");
  const solutionItems = o.solutions.map((d) => `<li><a href="${d.ref.file}">${d.ref.titleHtml}</a> <a class="nb-link" href="notebooks/solutions/${stemOf(d.ref.file)}.ipynb" download>notebook</a></li>`).join("\n");
  return `<h1 id="emergence-lab">emergence-lab: how complex skills emerge in language models</h1>
<p class="lead">A lesson pack on one paper: Sanjeev Arora and Anirudh Goyal, <em>A Theory for Emergence of Complex Skills in Language Models</em>, <a href="https://arxiv.org/abs/2307.15936" rel="noopener">arXiv:2307.15936</a> (v2, November 2023).</p>
<p>Step by step the lessons derive the scaling law of language-model loss from real training runs, turn the loss into the fraction of text pieces a model fails, build random graphs and watch their thresholds, and reproduce the paper's results on how competence on skills, and on k′-tuples of skills, emerges as models scale. Every number is computed by a small TypeScript library, <code>emergence-lab</code>, in notebooks that run on the tslab kernel.</p>
<p>These pages show each lesson as it ran: the text with its mathematics, the code (click a code cell's bar to fold it), the tables, and every figure interactive (hover for values, drag to zoom, double-click to reset). Nothing needs to be installed to read them, and they work offline.</p>
<h2 id="lessons">The lessons</h2>
<ul class="lesson-list">
${lessonItems}
</ul>
<p>The <em>notebook</em> links download the lesson as stored, without outputs, to run and change yourself.</p>
<h2 id="for-teachers">For teachers</h2>
<ul>
${o.guide ? `<li><a href="${o.guide.ref.file}">${o.guide.ref.titleHtml}</a>: a plan for eight 90-minute sessions (lesson 00 as pre-work), with what to show live, what to ask the class to predict, discussion questions on the limits of the theory, and homework.</li>` : ""}
<li><strong>Presenter view</strong>: on any page press <kbd>p</kbd> (or the <em>Present</em> button) for large type and one section per screen; <kbd>←</kbd> <kbd>→</kbd> move, <kbd>c</kbd> shows or hides the code, <kbd>Esc</kbd> leaves.</li>
<li><strong>Printing</strong>: every page has a print layout (figures as images, no navigation).${o.pdfFile ? ` All pages in one handout: <a href="${o.pdfFile}">${o.pdfFile}</a>.` : ""}</li>
</ul>
${o.solutions.length ? `<h3 id="solutions">Solutions</h3>\n<ul class="solution-list">\n${solutionItems}\n</ul>` : ""}
<h2 id="running-the-lessons-yourself">Running the lessons yourself</h2>
<p>You need Node.js 20.19 or newer. In the project folder:</p>
<pre class="hljs"><code>npm run setup    # install, then run every lesson
npm test         # every formula checked against simulation, every lesson run
npm run lab      # open the notebooks in Jupyter (if you have it)</code></pre>
<p>Each lesson has one parameters cell near the top: change it, then restart the kernel and run all cells. Every random result comes from an explicit seed, so the same seed gives the same numbers on every machine.</p>
`;
}

/** Builds the book. */
export async function buildBook(o: BookOptions): Promise<BookSummary> {
  const t0 = performance.now();
  const lessonSources = numberedNotebooks(o.notebooksDir);
  if (lessonSources.length === 0) throw new UsageError(`no lessons NN-*.ipynb in ${o.notebooksDir}`);
  runStale(lessonSources, o.executedDir, "lessons", o);
  const solutionsDir = path.join(o.notebooksDir, "solutions");
  const solutionSources = o.withSolutions ? numberedNotebooks(solutionsDir) : [];
  const executedSolutions = path.join(o.executedDir, "solutions");
  if (o.withSolutions) {
    if (solutionSources.length === 0) o.log(`book: --with-solutions: no solution notebooks in ${rel(solutionsDir)}; the book has none`);
    else runStale(solutionSources, executedSolutions, "solution notebooks", o);
  }

  prepareOutDir(o.outDir);
  const md = createMarkdown();

  // Which pages exist decides how links are rewritten, so list them before rendering anything.
  const seminarFile = path.join(o.docsDir, "seminar.md");
  const hasGuide = fs.existsSync(seminarFile);
  const pageStems = new Set([...lessonSources, ...solutionSources].map((s) => stemOf(s)));
  const resolveLink = (href: string): string | null => {
    const [target, fragment] = href.split("#", 2) as [string, string | undefined];
    const frag = fragment !== undefined ? `#${fragment}` : "";
    if (target === "") return frag || null;
    const base = path.posix.basename(target);
    const nb = /^(\d\d-[A-Za-z0-9_-]+)\.(ipynb|html)$/.exec(base);
    if (nb && pageStems.has(nb[1])) return `${nb[1]}.html${frag}`;
    if (base === "seminar.md" && hasGuide) return `seminar.html${frag}`;
    if (base === "index.html") return `index.html${frag}`;
    return null;
  };

  const drafts: Draft[] = [];
  const render = (file: string, kind: PageKind): Draft => {
    const nb = readNotebook(file);
    const stem = stemOf(file);
    const rendered = renderNotebook(nb, { md, stem, source: rel(file), resolveLink, fallbackTitle: stem });
    const ref: BookPageInfo = { file: `${stem}.html`, kind, title: rendered.title, titleHtml: rendered.headings.find((h) => h.level === 1)?.html ?? escapeHtml(rendered.title), notebook: file, figures: rendered.figures };
    return { ref, rendered };
  };
  const lessons = lessonSources.map((s) => render(path.join(o.executedDir, path.basename(s)), "lesson"));
  let guide: Draft | null = null;
  if (hasGuide) {
    const rendered = renderMarkdownDocument(fs.readFileSync(seminarFile, "utf8"), { md, source: rel(seminarFile), resolveLink, fallbackTitle: "Instructor's guide" });
    guide = { ref: { file: "seminar.html", kind: "guide", title: rendered.title, titleHtml: rendered.headings.find((h) => h.level === 1)?.html ?? escapeHtml(rendered.title), notebook: null, figures: 0 }, rendered };
  } else {
    o.log(`book: ${rel(seminarFile)} not found; the book has no instructor's guide`);
  }
  const solutions = solutionSources.map((s) => render(path.join(executedSolutions, path.basename(s)), "solution"));

  // Whether the handout can be printed decides whether the index links to it.
  const pdfSkipped = o.pdf ? (await import("./pdf")).pdfUnavailable() : null;
  const pdfName = o.pdf && !pdfSkipped ? "handout.pdf" : null;
  const readme = path.join(PROJECT_ROOT, "README.md");
  const lines = fs.existsSync(readme) ? readmeLessonLines(fs.readFileSync(readme, "utf8")) : new Map<string, string>();
  const indexHeadings: Heading[] = [];
  const indexRef: BookPageInfo = { file: "index.html", kind: "index", title: "Introduction", titleHtml: "Introduction", notebook: null, figures: 0 };
  const ordered: Draft[] = [
    { ref: indexRef, rendered: { title: "Introduction", html: "", headings: indexHeadings, figures: 0, images: [], lead: "" } },
    ...lessons,
    ...(guide ? [guide] : []),
    ...solutions,
  ];
  ordered[0].rendered.html = indexArticle({ lessons, guide, solutions, lines, md, pdfFile: pdfName });
  for (const h of [
    { id: "lessons", text: "The lessons" },
    { id: "for-teachers", text: "For teachers" },
    ...(solutions.length ? [{ id: "solutions", text: "Solutions" }] : []),
    { id: "running-the-lessons-yourself", text: "Running the lessons yourself" },
  ]) {
    indexHeadings.push({ level: h.id === "solutions" ? 3 : 2, id: h.id, text: h.text, html: escapeHtml(h.text) });
  }

  const refs = ordered.map((d) => d.ref);
  for (const d of ordered) {
    for (const img of d.rendered.images) fs.writeFileSync(path.join(o.outDir, img.file), img.data);
    const html = pageHtml({ page: d.ref, pages: refs, article: d.rendered.html, headings: d.rendered.headings, figures: d.rendered.figures, bookName: BOOK_NAME });
    fs.writeFileSync(path.join(o.outDir, d.ref.file), html);
  }
  copyAssets(o.outDir);
  const nbOut = path.join(o.outDir, "notebooks");
  fs.mkdirSync(nbOut, { recursive: true });
  for (const s of lessonSources) fs.copyFileSync(s, path.join(nbOut, path.basename(s)));
  if (solutionSources.length) {
    fs.mkdirSync(path.join(nbOut, "solutions"), { recursive: true });
    for (const s of solutionSources) fs.copyFileSync(s, path.join(nbOut, "solutions", path.basename(s)));
  }

  const summary: BookSummary = { outDir: o.outDir, pages: refs as BookPageInfo[], bytes: folderBytes(o.outDir), seconds: 0, pdf: null, pdfSkipped };
  fs.writeFileSync(
    path.join(o.outDir, "book.json"),
    JSON.stringify({ pages: summary.pages.map((p) => ({ file: p.file, kind: p.kind, title: p.title, figures: p.figures, notebook: p.notebook ? path.relative(PROJECT_ROOT, p.notebook) : null })) }, null, 1) + "\n",
  );
  if (pdfName) {
    const { printBook } = await import("./pdf");
    summary.pdf = await printBook({ bookDir: o.outDir, pages: summary.pages, file: path.join(o.outDir, pdfName), title: `${BOOK_NAME}: lessons on the emergence of complex skills` });
  }
  summary.bytes = folderBytes(o.outDir);
  summary.seconds = (performance.now() - t0) / 1000;
  return summary;
}

const USAGE = `usage: npm run book -- [--pdf] [--with-solutions] [--out DIR] [--executed DIR] [--no-run]
  --pdf              also print every page into one handout PDF (needs Chromium at /usr/bin/chromium)
  --with-solutions   add the solution notebooks (notebooks/solutions/) as pages (for teachers)
  --out DIR          where the book goes (default: build/book)
  --executed DIR     executed lessons to read (default: build/notebooks)
  --no-run           do not run lessons whose executed copies are missing or stale
  --notebooks DIR    where the lessons NN-*.ipynb are (default: notebooks; solutions in DIR/solutions)
  --docs DIR         where seminar.md is (default: docs)`;

export function parseCli(argv: string[]): BookOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        pdf: { type: "boolean" },
        "with-solutions": { type: "boolean" },
        out: { type: "string" },
        executed: { type: "string" },
        "no-run": { type: "boolean" },
        notebooks: { type: "string" },
        docs: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const v = parsed.values;
  if (v.help) throw new UsageError("");
  return {
    outDir: path.resolve(v.out ?? path.join(PROJECT_ROOT, "build", "book")),
    executedDir: path.resolve(v.executed ?? path.join(PROJECT_ROOT, "build", "notebooks")),
    notebooksDir: path.resolve(v.notebooks ?? path.join(PROJECT_ROOT, "notebooks")),
    docsDir: path.resolve(v.docs ?? path.join(PROJECT_ROOT, "docs")),
    pdf: Boolean(v.pdf),
    withSolutions: Boolean(v["with-solutions"]),
    run: !v["no-run"],
    log: (line) => console.log(line),
  };
}

async function main(): Promise<number> {
  let o: BookOptions;
  try {
    o = parseCli(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      if (e.message) console.error(`book: ${e.message}\n`);
      console.error(USAGE);
      return 2;
    }
    throw e;
  }
  let s: BookSummary;
  try {
    s = await buildBook(o);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`book: ${e.message}`);
      return 2;
    }
    console.error(e instanceof Error ? e.message : String(e));
    return 1;
  }
  const lessons = s.pages.filter((p) => p.kind === "lesson");
  const figures = s.pages.reduce((n, p) => n + p.figures, 0);
  const plotly = fs.statSync(path.join(s.outDir, "assets", "plotly.min.js")).size;
  const pdfBytes = s.pdf?.bytes ?? 0;
  console.log(
    `book: ${s.pages.length} pages (${lessons.length} lessons${s.pages.some((p) => p.kind === "guide") ? ", the instructor's guide" : ""}` +
      `${s.pages.some((p) => p.kind === "solution") ? `, ${s.pages.filter((p) => p.kind === "solution").length} solution pages` : ""}), ${figures} interactive figures -> ${rel(s.outDir)}/index.html`,
  );
  let code = 0;
  if (s.pdf) console.log(`book: handout ${rel(s.pdf.file)}: ${s.pdf.pages} PDF pages, ${mb(s.pdf.bytes)}`);
  if (s.pdfSkipped) {
    const ci = process.env.CI === "true";
    console.log(`book: --pdf skipped: ${s.pdfSkipped}${ci ? " (a failure under CI=true)" : ""}`);
    if (ci) code = 1;
  }
  const web = s.bytes - pdfBytes;
  console.log(
    `book: size ${mb(s.bytes)}${pdfBytes ? ` (${mb(web)} without the PDF)` : ""}, plotly.js ${mb(plotly)} of it; built in ${s.seconds.toFixed(1)} s` +
      (web > SIZE_BUDGET_BYTES ? ` -- over the ${mb(SIZE_BUDGET_BYTES)} aim` : ""),
  );
  return code;
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      console.error(`book: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      process.exit(1);
    },
  );
}
