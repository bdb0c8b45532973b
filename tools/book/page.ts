/**
 * The HTML around a page's article: head (styles, and plotly.js + the book's script only where
 * needed), header with the presenter and code buttons, the page's table of contents, the book's
 * contents, previous / next links. Every URL is relative to the book folder: the book works from
 * file:// and from any static host, and asks for nothing outside its folder.
 */
import { escapeHtml } from "../../src/view/format";
import type { Heading } from "./markdown";

export type PageKind = "index" | "lesson" | "guide" | "solution";

/** One page of the book, in reading order. */
export interface PageRef {
  /** File name in the book folder, e.g. "03-random-graphs.html". */
  file: string;
  kind: PageKind;
  /** Plain-text title (for <title>, links and the PDF's bookmarks). */
  title: string;
  /** Title as inline HTML (math rendered). */
  titleHtml: string;
}

export interface PageOptions {
  page: PageRef;
  /** All pages in reading order (the contents list; previous / next come from it). */
  pages: PageRef[];
  /** The article's HTML. */
  article: string;
  headings: Heading[];
  /** Whether the page has figures (plotly.js is loaded only then). */
  figures: number;
  /** Short name of the book, shown in the header. */
  bookName: string;
}

function tocHtml(headings: Heading[]): string {
  const items = headings.filter((h) => h.level === 2 || h.level === 3);
  if (items.length === 0) return "";
  return (
    `<nav class="toc" aria-label="On this page"><h2 class="toc-title">On this page</h2><ul>` +
    items.map((h) => `<li class="toc-l${h.level}"><a href="#${h.id}">${h.html}</a></li>`).join("") +
    `</ul></nav>`
  );
}

function contentsHtml(pages: PageRef[], current: PageRef): string {
  return (
    `<nav class="contents" aria-label="Book contents"><h2 class="toc-title">Contents</h2><ol>` +
    pages
      .map((p) => `<li class="contents-${p.kind}"><a href="${p.file}"${p.file === current.file ? ' aria-current="page"' : ""}>${p.titleHtml}</a></li>`)
      .join("") +
    `</ol></nav>`
  );
}

function prevNextHtml(pages: PageRef[], current: PageRef, where: "top" | "bottom"): string {
  const i = pages.findIndex((p) => p.file === current.file);
  const prev = i > 0 ? pages[i - 1] : null;
  const next = i >= 0 && i < pages.length - 1 ? pages[i + 1] : null;
  if (!prev && !next) return "";
  return (
    `<nav class="prevnext prevnext-${where}" aria-label="Previous and next page">` +
    (prev ? `<a class="prev" rel="prev" href="${prev.file}"><span class="dir">← Previous</span> <span class="t">${prev.titleHtml}</span></a>` : `<span></span>`) +
    (next ? `<a class="next" rel="next" href="${next.file}"><span class="dir">Next →</span> <span class="t">${next.titleHtml}</span></a>` : `<span></span>`) +
    `</nav>`
  );
}

/** A complete HTML page of the book. */
export function pageHtml(o: PageOptions): string {
  const { page, pages } = o;
  const scripts = (o.figures > 0 ? `<script src="assets/plotly.min.js" defer></script>\n` : "") + `<script src="assets/book.js" defer></script>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)} · ${escapeHtml(o.bookName)}</title>
<link rel="stylesheet" href="assets/katex/katex.min.css">
<link rel="stylesheet" href="assets/book.css">
${scripts}
</head>
<body class="kind-${page.kind}">
<a class="skip" href="#content">Skip to the text</a>
<header class="book-header">
<a class="book-name" href="index.html">${escapeHtml(o.bookName)}</a>
<span class="book-tools">
<button type="button" class="btn-code" hidden title="Show or hide every code cell (key c)">Hide code</button>
<button type="button" class="btn-present" hidden title="One section per screen, large type; arrow keys move, Esc leaves (key p)">Present</button>
</span>
</header>
<div class="layout">
<aside class="sidebar">
${tocHtml(o.headings)}
${contentsHtml(pages, page)}
</aside>
<main id="content">
${prevNextHtml(pages, page, "top")}
<article class="page">
${o.article}
</article>
${prevNextHtml(pages, page, "bottom")}
</main>
</div>
<div class="present-bar" hidden><span class="present-count"></span> <span class="present-help">← → move · c code · Esc leave</span></div>
</body>
</html>
`;
}
