/**
 * The book's renderer on a small executed notebook (test/book/fixtures/99-mini.ipynb: markdown with
 * inline and display math and a table, a stdout stream, an HTML table output carrying a script, a
 * figure with its static image, a stderr stream and an error output), plus the pieces of
 * `npm run book` that need no browser: stale-copy detection, KaTeX's stylesheet, and a whole book
 * built from fixture notebooks (pages, links, assets, solutions only on request).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { readNotebook } from "../../tools/lib/notebook";
import { createMarkdown } from "../../tools/book/markdown";
import { renderNotebook, withoutScripts } from "../../tools/book/render";
import { buildBook, katexCssWoff2Only, PROJECT_ROOT, readmeLessonLines, staleNotebooks } from "../../tools/book/main";

const FIXTURE = path.join(PROJECT_ROOT, "test", "book", "fixtures", "99-mini.ipynb");
const md = createMarkdown();

function render(resolve: (href: string) => string | null = (h) => (h === "02-loss-to-failures.ipynb" ? "02-loss-to-failures.html" : null)) {
  return renderNotebook(readNotebook(FIXTURE), { md, stem: "99-mini", source: "99-mini.ipynb", resolveLink: resolve });
}

/** The text a reader sees: tags removed, KaTeX's hidden MathML (which repeats the TeX source) dropped. */
function visibleText(html: string): string {
  return html
    .replace(/<span class="katex-mathml">[\s\S]*?<\/math><\/span>/g, "")
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
}

test("math is rendered by KaTeX at build time and no TeX source is left in the text", () => {
  const r = render();
  const katexInline = (r.html.match(/<span class="katex">/g) ?? []).length;
  const katexDisplay = (r.html.match(/<span class="katex-display">/g) ?? []).length;
  // 2 inline formulas in the first paragraph, 2 in the markdown table; 1 display formula.
  assert.equal(katexDisplay, 1, "one display formula");
  assert.equal(katexInline, 5, "four inline formulas and the display one each have a .katex span");
  const text = visibleText(r.html);
  for (const tex of ["\\theta", "\\mathrm", "\\binom", "\\sqrt", "\\le", "$$"]) {
    assert.ok(!text.includes(tex), `raw TeX ${JSON.stringify(tex)} left in the visible text`);
  }
  // Dollars that are not math stay as text: "$5 and $6", and an escaped "\$".
  assert.match(text, /A price of \$5 and \$6 is not math, nor is an escaped \$ sign\./);
  // The display formula is a block of its own.
  assert.match(r.html, /<div class="math-display"><span class="katex-display">/);
});

test("a formula KaTeX cannot parse stops the build and names the source and the formula", () => {
  const nb = readNotebook(FIXTURE);
  nb.cells[2] = { cell_type: "markdown", metadata: {}, source: "## Broken\n\nThis is $\\frac{1}{$ wrong." };
  assert.throws(
    () => renderNotebook(nb, { md, stem: "99-mini", source: "99-mini.ipynb" }),
    (e: Error) => /99-mini\.ipynb, cell 3/.test(e.message) && e.message.includes("\\frac{1}{") && /cannot render the math/.test(e.message),
  );
});

test("outputs keep their order: stdout, table, figure, stderr, error", () => {
  const r = render();
  const at = (needle: string): number => {
    const i = r.html.indexOf(needle);
    assert.ok(i >= 0, `${needle} not found`);
    return i;
  };
  const order = [
    at('<pre class="out-stream out-stdout">theta = 0.1'),
    at('<table class="emergence-lab-table">'),
    at('<figure class="book-figure"'),
    at('<pre class="out-stream out-stderr">a warning on stderr'),
    at('<pre class="out-error">RangeError: theta must be in [0, 1], got 2'),
  ];
  assert.deepEqual([...order].sort((a, b) => a - b), order, "outputs out of order");
  // The error output is readable: no ANSI colour codes, traceback kept.
  assert.ok(!r.html.includes("\u001b["), "ANSI escape codes left in the page");
  assert.match(r.html, /at check \(cell 2:3\)/);
});

test("HTML outputs lose their scripts; the figure's stored script is not used", () => {
  const r = render();
  assert.ok(!r.html.includes("hijacked"), "a script of an HTML output was kept");
  assert.ok(!r.html.includes("shouldNotRun"), "the figure's notebook script was kept");
  // The only script elements left are inert JSON specs.
  const scripts = r.html.match(/<script\b[^>]*>/g) ?? [];
  assert.deepEqual(scripts, ['<script type="application/json" class="el-fig-spec">']);
  assert.equal(withoutScripts('<b onclick="x()">a</b><script src="y.js"></script>'), "<b>a</b>");
});

test("a figure: the spec as inert JSON, the static image as a file, the caption under it", () => {
  const r = render();
  assert.equal(r.figures, 1);
  const fig = /<figure class="book-figure" id="fig-99-mini-1" data-figure-id="F-99-squares" data-traces="2">([\s\S]*?)<\/figure>/.exec(r.html);
  assert.ok(fig, "figure element with id, figure id and trace count");
  const json = /<script type="application\/json" class="el-fig-spec">([\s\S]*?)<\/script>/.exec(fig[1]);
  assert.ok(json);
  const spec = JSON.parse(json[1]) as { data: { name: string }[]; layout: { width: number } };
  assert.deepEqual(spec.data.map((t) => t.name), ["squares", "line"]);
  assert.equal(spec.layout.width, 600);
  assert.match(fig[1], /<div class="el-fig-fallback"><img src="figures\/99-mini-1\.png" alt="Figure F-99-squares: Squares against a line" width="600" height="360"><\/div>/);
  assert.match(fig[1], /<figcaption><span class="fig-label">Figure F-99-squares\.<\/span> Three squares and a line; the caption sits under the figure\.<\/figcaption>$/);
  assert.equal(r.images.length, 1);
  assert.equal(r.images[0].file, "figures/99-mini-1.png");
  assert.deepEqual([...r.images[0].data.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], "the image file is the stored PNG");
});

test("code is highlighted at build time and foldable without a script", () => {
  const r = render();
  assert.match(r.html, /<details class="code" open><summary><span class="prompt">In \[1\]<\/span> <span class="code-hint">Parameters: change these and re-run the notebook\.<\/span><\/summary>/);
  assert.match(r.html, /<span class="hljs-keyword">const<\/span> theta = <span class="hljs-number">0.1<\/span>;/);
  // A code cell without outputs is shown without an outputs block.
  assert.match(r.html, /<div class="cell-code" data-cell="4"><details class="code" open>[\s\S]*?<\/details><\/div>/);
});

test("headings get ids for the table of contents; the markdown table is a table", () => {
  const r = render();
  assert.equal(r.title, "99 · A small lesson");
  assert.deepEqual(
    r.headings.map((h) => [h.level, h.id]),
    [
      [1, "99-a-small-lesson"],
      [2, "1-a-table-in-markdown"],
      [2, "2-summary"],
    ],
  );
  assert.match(r.html, /<h2 id="1-a-table-in-markdown">/);
  assert.match(r.html, /<table>\s*<thead>\s*<tr>\s*<th>quantity<\/th>/);
});

test("links: a lesson becomes its page, a file outside the book becomes text, the web stays a link", () => {
  const r = render();
  assert.match(r.html, /<a href="02-loss-to-failures\.html">02<\/a>/);
  assert.match(r.html, /<span class="unlinked" title="\.\.\/data\/README\.md \(in the project folder\)">data notes<\/span>/);
  assert.match(r.html, /<span class="unlinked" title="100-nothing\.ipynb \(in the project folder\)">lesson 100<\/span>/);
  assert.match(r.html, /<a href="https:\/\/arxiv\.org\/abs\/2307\.15936" rel="noopener">paper<\/a>/);
});

test("stale executed copies: missing, older than the lesson or the library, or from a run that stopped early", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "book-stale-"));
  try {
    const src = path.join(dir, "src");
    const out = path.join(dir, "out");
    fs.mkdirSync(src);
    fs.mkdirSync(out);
    const t = Date.now() / 1000;
    const names = ["00-a.ipynb", "01-b.ipynb", "02-c.ipynb", "03-d.ipynb", "04-e.ipynb"];
    const ran = (counts: (number | null)[]) =>
      JSON.stringify({ cells: [{ cell_type: "markdown", source: "# x" }, ...counts.map((n) => ({ cell_type: "code", source: ["x;\n"], execution_count: n, outputs: [] })), { cell_type: "code", source: "", execution_count: null }] });
    for (const n of names) {
      fs.writeFileSync(path.join(src, n), "{}");
      fs.utimesSync(path.join(src, n), t - 100, t - 100);
    }
    // 00: fresh. 01: older than its lesson. 02: missing. 03: fresh but older than the library.
    // 04: fresh, but the run stopped at its second cell.
    const copy = (n: string, text: string, age: number) => {
      fs.writeFileSync(path.join(out, n), text);
      fs.utimesSync(path.join(out, n), t - age, t - age);
    };
    copy("00-a.ipynb", ran([1, 2]), 10);
    copy("01-b.ipynb", ran([1, 2]), 200);
    copy("03-d.ipynb", ran([1, 2]), 50);
    copy("04-e.ipynb", ran([1, null]), 10);
    const sources = names.map((n) => path.join(src, n));
    const stale = (libraryMs: number) => staleNotebooks(sources, out, libraryMs).map((s) => path.basename(s));
    assert.deepEqual(stale(0), ["01-b.ipynb", "02-c.ipynb", "04-e.ipynb"]);
    assert.deepEqual(stale((t - 30) * 1000), ["01-b.ipynb", "02-c.ipynb", "03-d.ipynb", "04-e.ipynb"]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("KaTeX's stylesheet keeps only woff2 fonts, and every font it names is shipped", () => {
  const dist = path.dirname(require.resolve("katex/dist/katex.min.css"));
  const css = katexCssWoff2Only(fs.readFileSync(path.join(dist, "katex.min.css"), "utf8"));
  assert.ok(!/format\(["']?(woff|truetype)["']?\)/.test(css), "woff or ttf fonts still referenced");
  const urls = [...css.matchAll(/url\(([^)]+)\)/g)].map((m) => m[1].replace(/["']/g, ""));
  assert.ok(urls.length >= 19, `only ${urls.length} fonts referenced`);
  for (const u of urls) {
    assert.match(u, /^fonts\/KaTeX_[A-Za-z0-9_-]+\.woff2$/);
    assert.ok(fs.existsSync(path.join(dist, u)), `${u} is not in katex/dist`);
  }
});

test("the README's lesson table gives one line per lesson", () => {
  const lines = readmeLessonLines(
    "| # | notebook | what you do |\n|---|---|---|\n| 00 | [tour](notebooks/00-tour.ipynb) | check the kernel |\n| 01 | [scaling-laws](notebooks/01-scaling-laws.ipynb) | fit L(N, D) \\| to runs |\n",
  );
  assert.deepEqual([...lines.keys()], ["00-tour", "01-scaling-laws"]);
  assert.equal(lines.get("00-tour"), "check the kernel");
});

// ---- a whole book from fixture notebooks ----------------------------------------------------------

function fixtureProject(): { dir: string; notebooks: string; executed: string; docs: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "book-build-"));
  const notebooks = path.join(dir, "notebooks");
  const executed = path.join(dir, "executed");
  const docs = path.join(dir, "docs");
  for (const d of [notebooks, path.join(notebooks, "solutions"), executed, path.join(executed, "solutions"), docs]) fs.mkdirSync(d, { recursive: true });
  const nb = readNotebook(FIXTURE);
  const clean = (n: typeof nb) => ({ ...n, cells: n.cells.map((c) => (c.cell_type === "code" ? { ...c, outputs: [], execution_count: null } : c)) });
  const write = (file: string, value: unknown) => fs.writeFileSync(file, JSON.stringify(value, null, 1));
  const second = { ...nb, cells: [{ cell_type: "markdown", metadata: {}, source: "# 01 · Second lesson\n\nBack to [the first](00-first.ipynb#1-a-table-in-markdown); the [guide](../docs/seminar.md)." }] };
  const solution = { ...nb, cells: [{ cell_type: "markdown", metadata: {}, source: "# 00 · Solutions to the first lesson\n\n$\\beta_{\\min} \\approx 4.5$" }] };
  write(path.join(notebooks, "00-first.ipynb"), clean(nb));
  write(path.join(notebooks, "01-second.ipynb"), second);
  write(path.join(notebooks, "solutions", "00-solutions.ipynb"), solution);
  write(path.join(executed, "00-first.ipynb"), nb);
  write(path.join(executed, "01-second.ipynb"), second);
  write(path.join(executed, "solutions", "00-solutions.ipynb"), solution);
  // Executed copies newer than everything, so nothing is run.
  const future = Date.now() / 1000 + 3600;
  for (const f of ["00-first.ipynb", "01-second.ipynb", "solutions/00-solutions.ipynb"]) fs.utimesSync(path.join(executed, f), future, future);
  fs.writeFileSync(path.join(docs, "seminar.md"), "# Instructor's guide\n\n## Session 1\n\nTeach [the first lesson](../notebooks/00-first.ipynb) with $\\theta = 0.1$.\n");
  return { dir, notebooks, executed, docs };
}

/** Every relative href of every page of a book resolves to a file (and a fragment to an id) in the book. */
function brokenLinks(bookDir: string): string[] {
  const broken: string[] = [];
  for (const page of fs.readdirSync(bookDir).filter((f) => f.endsWith(".html"))) {
    const html = fs.readFileSync(path.join(bookDir, page), "utf8");
    for (const m of html.matchAll(/\b(?:href|src)="([^"]+)"/g)) {
      const href = m[1];
      if (/^https?:/.test(href)) continue;
      const [file, frag] = href.split("#");
      const target = file ? path.join(bookDir, file) : path.join(bookDir, page);
      if (!fs.existsSync(target)) {
        broken.push(`${page}: ${href}`);
        continue;
      }
      if (frag && !fs.readFileSync(target, "utf8").includes(`id="${frag}"`)) broken.push(`${page}: ${href} (no such id)`);
    }
  }
  return broken;
}

test("a whole book: pages in order, links that resolve, assets copied once, solutions only on request", async () => {
  const p = fixtureProject();
  const logs: string[] = [];
  const base = { executedDir: p.executed, notebooksDir: p.notebooks, docsDir: p.docs, pdf: false, run: false, log: (l: string) => logs.push(l) };
  try {
    const out = path.join(p.dir, "book");
    const s = await buildBook({ ...base, outDir: out, withSolutions: false });
    assert.deepEqual(
      s.pages.map((x) => [x.file, x.kind]),
      [
        ["index.html", "index"],
        ["00-first.html", "lesson"],
        ["01-second.html", "lesson"],
        ["seminar.html", "guide"],
      ],
    );
    assert.equal(s.pages[1].figures, 1);
    assert.ok(!fs.existsSync(path.join(out, "00-solutions.html")), "solutions are left out without --with-solutions");
    assert.deepEqual(brokenLinks(out), []);
    for (const f of ["assets/plotly.min.js", "assets/book.js", "assets/book.css", "assets/katex/katex.min.css", "assets/katex/fonts/KaTeX_Main-Regular.woff2", "figures/00-first-1.png", "notebooks/00-first.ipynb"]) {
      assert.ok(fs.existsSync(path.join(out, f)), `${f} missing`);
    }
    // The downloadable notebook is the stored one (no outputs), not the executed copy.
    const dl = JSON.parse(fs.readFileSync(path.join(out, "notebooks", "00-first.ipynb"), "utf8")) as { cells: { outputs?: unknown[] }[] };
    assert.ok(dl.cells.every((c) => !c.outputs || c.outputs.length === 0));
    const lesson = fs.readFileSync(path.join(out, "00-first.html"), "utf8");
    assert.equal((lesson.match(/<script src="assets\/plotly\.min\.js"/g) ?? []).length, 1, "plotly.js loaded once on a page with figures");
    assert.ok(!fs.readFileSync(path.join(out, "01-second.html"), "utf8").includes("plotly.min.js"), "no plotly.js on a page without figures");
    assert.match(lesson, /<a class="prev" rel="prev" href="index\.html">/);
    assert.match(lesson, /<a class="next" rel="next" href="01-second\.html">/);
    assert.match(lesson, /<li class="toc-l2"><a href="#1-a-table-in-markdown">1\. A table in markdown<\/a><\/li>/);
    const second = fs.readFileSync(path.join(out, "01-second.html"), "utf8");
    assert.match(second, /<a href="00-first\.html#1-a-table-in-markdown">the first<\/a>/);
    assert.match(second, /<a href="seminar\.html">guide<\/a>/);
    const index = fs.readFileSync(path.join(out, "index.html"), "utf8");
    assert.match(index, /arXiv:2307\.15936/);
    assert.match(index, /<a href="00-first\.html">99 · A small lesson<\/a>/);
    assert.match(index, /<a class="nb-link" href="notebooks\/00-first\.ipynb" download>notebook<\/a>/);
    assert.match(index, /<a href="seminar\.html">Instructor&#39;s guide<\/a>|<a href="seminar\.html">Instructor's guide<\/a>/);
    assert.ok(s.bytes > 4_000_000, "the book holds plotly.js");

    // With solutions: one more page, after the guide, and its notebook for download.
    const teacher = path.join(p.dir, "teacher");
    const t = await buildBook({ ...base, outDir: teacher, withSolutions: true });
    assert.deepEqual(t.pages.map((x) => x.file).slice(-2), ["seminar.html", "00-solutions.html"]);
    assert.match(fs.readFileSync(path.join(teacher, "00-solutions.html"), "utf8"), /class="katex"/);
    assert.ok(fs.existsSync(path.join(teacher, "notebooks", "solutions", "00-solutions.ipynb")));
    assert.deepEqual(brokenLinks(teacher), []);

    // A folder the tool did not write is never emptied.
    const foreign = path.join(p.dir, "foreign");
    fs.mkdirSync(foreign);
    fs.writeFileSync(path.join(foreign, "keep.txt"), "mine");
    await assert.rejects(buildBook({ ...base, outDir: foreign, withSolutions: false }), /not a book written by this tool/);
    assert.ok(fs.existsSync(path.join(foreign, "keep.txt")));

    // Without --no-run's permission to read stale copies, a missing executed copy is an error.
    fs.rmSync(path.join(p.executed, "01-second.ipynb"));
    await assert.rejects(buildBook({ ...base, outDir: out, withSolutions: false }), /no executed copy of 01-second\.ipynb/);
  } finally {
    fs.rmSync(p.dir, { recursive: true, force: true });
  }
});

test("npm run book -- --pdf without Chromium: skipped with a message, a failure under CI=true", () => {
  const p = fixtureProject();
  try {
    const run = (ci: boolean) =>
      spawnSync(
        process.execPath,
        [path.join(PROJECT_ROOT, ".out", "tools", "book", "main.js"), "--pdf", "--no-run", "--notebooks", p.notebooks, "--executed", p.executed, "--docs", p.docs, "--out", path.join(p.dir, "book")],
        { encoding: "utf8", env: { ...process.env, EMERGENCE_LAB_CHROMIUM: path.join(p.dir, "no-chromium-here"), CI: ci ? "true" : "" } },
      );
    const plain = run(false);
    assert.equal(plain.status, 0, plain.stderr);
    assert.match(plain.stdout, /book: --pdf skipped: Chromium not found at .*no-chromium-here/);
    assert.match(plain.stdout, /book: size \d+\.\d MB/);
    assert.ok(!fs.existsSync(path.join(p.dir, "book", "handout.pdf")));
    assert.ok(!fs.readFileSync(path.join(p.dir, "book", "index.html"), "utf8").includes("handout.pdf"), "the index links to a handout that was not printed");
    const ci = run(true);
    assert.equal(ci.status, 1, "under CI=true a missing Chromium fails");
    assert.match(ci.stdout, /\(a failure under CI=true\)/);
    // A mistyped option is a usage error.
    const bad = spawnSync(process.execPath, [path.join(PROJECT_ROOT, ".out", "tools", "book", "main.js"), "--pfd"], { encoding: "utf8" });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /usage: npm run book/);
  } finally {
    fs.rmSync(p.dir, { recursive: true, force: true });
  }
});
