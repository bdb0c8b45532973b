/**
 * Markdown for the book: markdown-it (CommonMark + GFM tables), TeX math rendered to HTML at build
 * time with KaTeX, code blocks highlighted at build time with highlight.js, ids on headings (for the
 * table of contents) and links rewritten to the book's own pages.
 *
 * Math syntax (as in Jupyter): `$...$` inline, `$$...$$` display (on its own lines or inside a
 * paragraph). A `$` opens inline math only when the next character is not a space, and closes it
 * only when the previous character is not a space and the next one is not a digit, so "costs $5"
 * stays text; `\$` is a literal dollar. A formula KaTeX cannot parse stops the build with an error
 * that names the source and the formula: the book never shows raw TeX.
 */
import MarkdownIt from "markdown-it";
import katex from "katex";
import hljs from "highlight.js/lib/core";
import typescript from "highlight.js/lib/languages/typescript";
import javascript from "highlight.js/lib/languages/javascript";
import bash from "highlight.js/lib/languages/bash";
import json from "highlight.js/lib/languages/json";

hljs.registerLanguage("typescript", typescript);
hljs.registerLanguage("javascript", javascript);
hljs.registerLanguage("bash", bash);
hljs.registerLanguage("json", json);
hljs.registerAliases(["ts", "tsx"], { languageName: "typescript" });
hljs.registerAliases(["js"], { languageName: "javascript" });
hljs.registerAliases(["sh", "shell", "console"], { languageName: "bash" });

type StateInline = MarkdownIt.StateInline;
type StateBlock = MarkdownIt.StateBlock;
type Token = MarkdownIt.Token;
/** A markdown-it instance. */
export type BookMarkdown = MarkdownIt.MarkdownIt;

/** What the renderer needs to know about where it is (for error messages and link rewriting). */
export interface MarkdownEnv {
  [key: string | symbol]: unknown;
  /** Where the text comes from, e.g. "05-emergence-of-skills.ipynb, cell 7" (named in errors). */
  source: string;
  /** Maps a relative link target to the book's href, or null to show the link text without a link. */
  resolveLink?: (href: string) => string | null;
  /** Heading ids already used on the page (headings get unique ids); filled in while rendering. */
  usedIds?: Set<string>;
  /** Headings found while rendering (levels 1-3), in order, for the table of contents. */
  headings?: Heading[];
}

export interface Heading {
  level: number;
  id: string;
  /** Inline HTML of the heading (math rendered). */
  html: string;
  /** Plain text of the heading (TeX source of math kept as text). */
  text: string;
}

/** Renders TeX with KaTeX; throws an Error naming the source and the formula when it cannot. */
export function renderMath(tex: string, displayMode: boolean, source: string): string {
  try {
    return katex.renderToString(tex, {
      displayMode,
      throwOnError: true,
      output: "htmlAndMathml",
      // Unicode in math (′, −, ·, as Jupyter's MathJax accepts it) is drawn from the browser's fonts;
      // other LaTeX incompatibilities are printed as warnings during the build.
      strict: (code: string) => (code === "unicodeTextInMathMode" || code === "unknownSymbol" ? "ignore" : "warn"),
      trust: false,
    });
  } catch (e) {
    const msg = (e as Error).message.replace(/^KaTeX parse error: /, "");
    throw new Error(`book: cannot render the math ${JSON.stringify(displayMode ? `$$${tex}$$` : `$${tex}$`)} in ${source}: ${msg}`);
  }
}

function isSpace(ch: string | undefined): boolean {
  return ch === undefined || /\s/.test(ch);
}

/** Index of the closing delimiter at or after `from`, honouring backslash escapes; -1 if none. */
function findClosing(src: string, from: number, display: boolean): number {
  const delim = display ? "$$" : "$";
  let at = from;
  for (;;) {
    const i = src.indexOf(delim, at);
    if (i < 0) return -1;
    let backslashes = 0;
    for (let p = i - 1; p >= from && src[p] === "\\"; p--) backslashes++;
    const escaped = backslashes % 2 === 1;
    if (!escaped && (display || (!isSpace(src[i - 1]) && !/[0-9]/.test(src[i + 1] ?? "")))) return i;
    at = i + 1;
  }
}

/** Inline rule: `$...$` (inline) and `$$...$$` inside a paragraph (display). */
function mathInline(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const pos = state.pos;
  if (src[pos] !== "$") return false;
  const display = src[pos + 1] === "$";
  const start = pos + (display ? 2 : 1);
  if (!display && isSpace(src[start])) return false;
  const end = findClosing(src, start, display);
  if (end < 0 || end === start || end > state.posMax) return false;
  if (!silent) {
    const token = state.push(display ? "math_inline_display" : "math_inline", "math", 0);
    token.content = src.slice(start, end);
    token.markup = display ? "$$" : "$";
  }
  state.pos = end + (display ? 2 : 1);
  return true;
}

/** Block rule: a display formula `$$ ... $$` starting a line (one or more lines). */
function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  let pos = state.bMarks[startLine] + state.tShift[startLine];
  let max = state.eMarks[startLine];
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  if (state.src.slice(pos, pos + 2) !== "$$") return false;
  pos += 2;
  let firstLine = state.src.slice(pos, max);
  let lastLine = "";
  let next = startLine;
  let found = false;
  if (firstLine.trim().endsWith("$$")) {
    // one line: $$ ... $$ (and nothing after it)
    firstLine = firstLine.trim().slice(0, -2);
    if (firstLine.includes("$$")) return false;
    found = true;
  }
  for (; !found; ) {
    next++;
    if (next >= endLine) break;
    pos = state.bMarks[next] + state.tShift[next];
    max = state.eMarks[next];
    if (pos < max && state.sCount[next] < state.blkIndent) break; // less indented: the block ended
    const line = state.src.slice(pos, max).trimEnd();
    if (line.endsWith("$$")) {
      lastLine = line.slice(0, -2);
      if (lastLine.includes("$$")) return false;
      found = true;
    }
  }
  if (!found) return false;
  if (silent) return true;
  state.line = next + 1;
  const token = state.push("math_block", "math", 0);
  token.block = true;
  token.content =
    (firstLine.trim() ? firstLine + "\n" : "") + state.getLines(startLine + 1, next, state.tShift[startLine], true) + (lastLine.trim() ? lastLine : "");
  token.map = [startLine, state.line];
  token.markup = "$$";
  return true;
}

/** A heading's id from its text: lower case, letters and digits joined by "-", unique on the page. */
export function slugify(text: string, used: Set<string>): string {
  const base =
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/\\[a-z]+/g, " ")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "section";
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

function inlineText(tokens: Token[]): string {
  return tokens.map((t) => (t.children ? inlineText(t.children) : t.type === "math_inline" || t.type === "text" || t.type === "code_inline" ? t.content : "")).join("");
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Highlights code at build time; unknown languages are escaped as plain text. */
export function highlightCode(code: string, lang: string): string {
  const name = lang && hljs.getLanguage(lang) ? lang : "";
  if (!name) return escapeHtml(code);
  return hljs.highlight(code, { language: name, ignoreIllegals: true }).value;
}

/** The book's markdown renderer (one instance serves every page). */
export function createMarkdown(): BookMarkdown {
  const md = new MarkdownIt({
    html: true,
    linkify: false,
    typographer: false,
    highlight: (code, lang) => `<pre class="hljs"><code class="language-${escapeHtml(lang || "text")}">${highlightCode(code, lang)}</code></pre>`,
  });
  md.inline.ruler.after("escape", "math_inline", mathInline);
  md.block.ruler.before("fence", "math_block", mathBlock, { alt: ["paragraph", "reference", "blockquote", "list"] });

  md.renderer.rules.math_inline = (tokens, idx, _o, env) => renderMath(tokens[idx].content, false, (env as unknown as MarkdownEnv).source);
  md.renderer.rules.math_inline_display = (tokens, idx, _o, env) => renderMath(tokens[idx].content, true, (env as unknown as MarkdownEnv).source);
  md.renderer.rules.math_block = (tokens, idx, _o, env) => `<div class="math-display">${renderMath(tokens[idx].content, true, (env as unknown as MarkdownEnv).source)}</div>\n`;

  // Heading ids and the table of contents.
  md.core.ruler.push("heading_ids", (state) => {
    const env = state.env as unknown as MarkdownEnv;
    const used = (env.usedIds ??= new Set());
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i].type !== "heading_open") continue;
      const inline = tokens[i + 1];
      const text = inlineText(inline.children ?? []).trim();
      const id = slugify(text, used);
      tokens[i].attrSet("id", id);
      const level = Number(tokens[i].tag.slice(1));
      if (level <= 3) {
        (env.headings ??= []).push({ level, id, text, html: md.renderer.renderInline(inline.children ?? [], md.options, env) });
      }
    }
  });

  // Links: relative targets go through env.resolveLink (a lesson's .ipynb becomes its page);
  // a target outside the book is shown as text so that no link of the book is broken.
  const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  const defaultLinkClose = md.renderer.rules.link_close ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, envIn, self) => {
    const env = (envIn ?? {}) as unknown as MarkdownEnv;
    const token = tokens[idx];
    const href = String(token.attrGet("href") ?? "");
    if (!/^(https?:|mailto:|#)/i.test(href) && env.resolveLink) {
      const target = env.resolveLink(href);
      if (target === null) {
        token.meta = { ...(token.meta ?? {}), unlinked: true };
        return `<span class="unlinked" title="${escapeHtml(href)} (in the project folder)">`;
      }
      token.attrSet("href", target);
    }
    if (/^https?:/i.test(href)) token.attrSet("rel", "noopener");
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  md.renderer.rules.link_close = (tokens, idx, options, env, self) => {
    // Find the matching link_open (links do not nest).
    for (let j = idx - 1; j >= 0; j--) {
      if (tokens[j].type === "link_open") {
        if (tokens[j].meta?.unlinked) return "</span>";
        break;
      }
    }
    return defaultLinkClose(tokens, idx, options, env, self);
  };
  return md;
}
