/**
 * One executed notebook -> the HTML of one book page (the article only; tools/book/page.ts wraps it).
 *
 * Cells in order: markdown rendered by tools/book/markdown.ts (math by KaTeX at build time); code
 * highlighted at build time, inside a <details> element (collapsible without any script); outputs in
 * their stored order: text streams, HTML (tables), figures, plain text, errors.
 *
 * A figure output (application/vnd.plotly.v1+json, as written by src/view/figure-html.ts) becomes a
 * <figure> holding the spec as inert JSON, the static image of the executed notebook (image/png,
 * added by tools/static-images.ts) as a separate file, and the caption. The book's own script
 * (assets/book.js) draws the spec with plotly.js and hides the image; with scripts off the image
 * stays. Output HTML is included without its <script> elements: the book runs no output scripts.
 */
import { PLOTLY_MIME, VIEW_METADATA_KEY, scriptSafeJson } from "../../src/view/figure-html";
import { escapeHtml } from "../../src/view/format";
import { joinSource, type Notebook, type NotebookCell, type NotebookOutput } from "../lib/notebook";
import { highlightCode, type BookMarkdown, type Heading, type MarkdownEnv } from "./markdown";

/** An image file the page refers to (written by the caller under the book folder). */
export interface BookImage {
  /** Path relative to the book folder, e.g. "figures/03-random-graphs-2.png". */
  file: string;
  data: Buffer;
}

export interface RenderedNotebook {
  /** Plain text of the first level-1 heading (or the fallback title). */
  title: string;
  /** The article's HTML. */
  html: string;
  /** Headings of levels 1-3, for the table of contents. */
  headings: Heading[];
  /** Figure outputs rendered (one <figure class="book-figure"> each). */
  figures: number;
  images: BookImage[];
  /** Plain text of the first paragraph after the title (a one-line description if nothing better). */
  lead: string;
}

export interface RenderNotebookOptions {
  md: BookMarkdown;
  /** The page's stem, e.g. "03-random-graphs": prefixes element ids and image files. */
  stem: string;
  /** Name shown in error messages, e.g. "build/notebooks/03-random-graphs.ipynb". */
  source: string;
  resolveLink?: (href: string) => string | null;
  /** Title when the notebook has no level-1 heading. */
  fallbackTitle?: string;
}

const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

function stripAnsi(s: string): string {
  return s.replace(ANSI, "");
}

/** nbformat text values: a string or a list of lines. */
function text(v: unknown): string {
  return Array.isArray(v) ? v.map(String).join("") : typeof v === "string" ? v : "";
}

/** An HTML output without <script> elements or inline event handlers (the book runs no output scripts). */
export function withoutScripts(html: string): string {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, "")
    .replace(/<script\b[^>]*\/?>/gi, "")
    .replace(/\son[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, "");
}

interface FigureMeta {
  id?: string | null;
  caption?: string | null;
  title?: string;
}

function figureTitleOf(layout: unknown): string {
  const t = (layout as { title?: unknown } | undefined)?.title;
  if (typeof t === "string") return t;
  if (t && typeof t === "object" && typeof (t as { text?: unknown }).text === "string") return (t as { text: string }).text;
  return "";
}

function renderFigure(o: NotebookOutput & { data: Record<string, unknown> }, n: number, opts: RenderNotebookOptions, images: BookImage[]): string {
  let spec = o.data[PLOTLY_MIME];
  if (typeof spec === "string" || Array.isArray(spec)) spec = JSON.parse(text(spec));
  const s = (spec ?? {}) as { data?: unknown; layout?: Record<string, unknown> };
  if (!Array.isArray(s.data)) throw new Error(`book: figure ${n} of ${opts.source} has a plotly spec without a data array`);
  const meta = ((o as { metadata?: Record<string, unknown> }).metadata?.[VIEW_METADATA_KEY] ?? {}) as FigureMeta;
  const title = meta.title || figureTitleOf(s.layout);
  const figId = meta.id ?? "";
  const label = `Figure${figId ? " " + figId : ""}${title ? ": " + title : ""}`;
  const elementId = `fig-${opts.stem}-${n}`;
  const png = o.data["image/png"];
  let fallback: string;
  if (typeof png === "string" || Array.isArray(png)) {
    const file = `figures/${opts.stem}-${n}.png`;
    images.push({ file, data: Buffer.from(text(png).replace(/\s+/g, ""), "base64") });
    const size = ((o as { metadata?: Record<string, unknown> }).metadata?.["image/png"] ?? {}) as { width?: number; height?: number };
    const dims = size.width && size.height ? ` width="${size.width}" height="${size.height}"` : "";
    fallback = `<img src="${file}" alt="${escapeHtml(label)}"${dims}>`;
  } else {
    fallback = `<p class="fig-noimage">[${escapeHtml(label)}: an interactive figure, drawn when JavaScript is on.]</p>`;
  }
  const captionText = meta.caption ? meta.caption : title;
  const caption = `<figcaption><span class="fig-label">Figure${figId ? " " + escapeHtml(figId) : ""}.</span> ${escapeHtml(captionText ?? "")}</figcaption>`;
  return (
    `<figure class="book-figure" id="${elementId}" data-figure-id="${escapeHtml(figId)}" data-traces="${s.data.length}">` +
    `<div class="el-fig-plot"></div>` +
    `<div class="el-fig-fallback">${fallback}</div>` +
    `<p class="el-fig-status" hidden></p>` +
    `<script type="application/json" class="el-fig-spec">${scriptSafeJson({ data: s.data, layout: s.layout ?? {} })}</script>` +
    caption +
    `</figure>\n`
  );
}

function renderOutput(o: NotebookOutput, ctx: { figures: number }, opts: RenderNotebookOptions, images: BookImage[]): string {
  switch (o.output_type) {
    case "stream": {
      const name = o.name === "stderr" ? "stderr" : "stdout";
      return `<pre class="out-stream out-${name}">${escapeHtml(stripAnsi(text(o.text)))}</pre>\n`;
    }
    case "error": {
      const tb = (o.traceback ?? []).map((l) => stripAnsi(String(l))).join("\n").trim();
      const head = [o.ename, o.evalue].filter((x) => x).join(": ");
      return `<pre class="out-error">${escapeHtml([head, tb].filter(Boolean).join("\n") || "(error without a message)")}</pre>\n`;
    }
    case "display_data":
    case "execute_result": {
      const data = o.data ?? {};
      if (data[PLOTLY_MIME] !== undefined) {
        ctx.figures += 1;
        return renderFigure(o, ctx.figures, opts, images);
      }
      if (data["text/html"] !== undefined) return `<div class="out-html">${withoutScripts(text(data["text/html"]))}</div>\n`;
      if (data["image/png"] !== undefined) {
        const file = `figures/${opts.stem}-img-${images.length + 1}.png`;
        images.push({ file, data: Buffer.from(text(data["image/png"]).replace(/\s+/g, ""), "base64") });
        return `<div class="out-image"><img src="${file}" alt="image output"></div>\n`;
      }
      if (data["text/markdown"] !== undefined) {
        return `<div class="out-markdown">${opts.md.render(text(data["text/markdown"]), { source: `${opts.source} (markdown output)`, resolveLink: opts.resolveLink } as MarkdownEnv)}</div>\n`;
      }
      if (data["text/plain"] !== undefined) return `<pre class="out-text">${escapeHtml(stripAnsi(text(data["text/plain"])))}</pre>\n`;
      return "";
    }
    default:
      return "";
  }
}

function firstParagraphText(html: string): string {
  const m = /<p>([\s\S]*?)<\/p>/.exec(html);
  if (!m) return "";
  return m[1]
    .replace(/<span class="katex-mathml">[\s\S]*?<\/span>/g, "")
    .replace(/<annotation[\s\S]*?<\/annotation>/g, "")
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ")
    .trim();
}

/** Renders one executed notebook's cells as the article of a book page. */
export function renderNotebook(nb: Notebook, opts: RenderNotebookOptions): RenderedNotebook {
  const env: MarkdownEnv = { source: opts.source, resolveLink: opts.resolveLink, usedIds: new Set(), headings: [] };
  const parts: string[] = [];
  const images: BookImage[] = [];
  const ctx = { figures: 0 };
  let lead = "";
  let codeNumber = 0;
  nb.cells.forEach((cell: NotebookCell, index) => {
    const src = joinSource(cell.source);
    if (cell.cell_type === "markdown") {
      env.source = `${opts.source}, cell ${index + 1}`;
      const html = opts.md.render(src, env);
      if (!lead) lead = firstParagraphText(html);
      parts.push(html);
      return;
    }
    if (cell.cell_type !== "code") return;
    const outputs = (cell.outputs ?? []).map((o) => renderOutput(o, ctx, opts, images)).join("");
    if (!src.trim() && !outputs) return;
    codeNumber += 1;
    const count = typeof cell.execution_count === "number" ? cell.execution_count : null;
    const firstLine = src.split("\n").find((l) => l.trim() !== "")?.trim() ?? "";
    const hint = firstLine.startsWith("//") ? firstLine.replace(/^\/\/\s*/, "") : "";
    const lines = src.replace(/\n+$/, "").split("\n").length;
    parts.push(
      `<div class="cell-code" data-cell="${index + 1}">` +
        (src.trim()
          ? `<details class="code" open><summary><span class="prompt">In [${count ?? " "}]</span> <span class="code-hint">${escapeHtml(hint || `code, ${lines} line${lines === 1 ? "" : "s"}`)}</span></summary>` +
            `<pre class="hljs"><code class="language-typescript">${highlightCode(src.replace(/\n+$/, ""), "typescript")}</code></pre></details>`
          : "") +
        (outputs ? `<div class="outputs">${outputs}</div>` : "") +
        `</div>\n`,
    );
  });
  const h1 = env.headings!.find((h) => h.level === 1);
  return {
    title: h1?.text ? h1.text : (opts.fallbackTitle ?? opts.stem),
    html: parts.join("\n"),
    headings: env.headings!,
    figures: ctx.figures,
    images,
    lead,
  };
}

/** Renders a markdown document (e.g. docs/seminar.md) as the article of a book page. */
export function renderMarkdownDocument(markdown: string, opts: { md: BookMarkdown; source: string; resolveLink?: (href: string) => string | null; fallbackTitle: string }): RenderedNotebook {
  const env: MarkdownEnv = { source: opts.source, resolveLink: opts.resolveLink, usedIds: new Set(), headings: [] };
  const html = opts.md.render(markdown, env);
  const h1 = env.headings!.find((h) => h.level === 1);
  return { title: h1?.text || opts.fallbackTitle, html, headings: env.headings!, figures: 0, images: [], lead: firstParagraphText(html) };
}
