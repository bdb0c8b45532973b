/**
 * The caption inside the plotly spec itself. Front-ends with a native plotly renderer (JupyterLab
 * with the Python `plotly` package's extension, VS Code) draw `application/vnd.plotly.v1+json` and
 * ignore the HTML with its <figcaption>; a layout annotation in that spec shows the figure id and
 * caption in every renderer. Pure functions (no I/O).
 *
 * Layout: the caption sits between the title and the plot area. The top margin and the height grow
 * by the caption's block, so the plot area keeps its size, and the title keeps its place (its
 * "auto" position, the middle of the old top margin, is written out explicitly). Above the plot is
 * the one place free in every figure: legends sit at the side or below the plot.
 */

/** `name` of the caption annotation (how {@link withoutPlotlyCaption} finds it). */
export const CAPTION_ANNOTATION_NAME = "emergence-lab-caption";

/** Caption font size (px) and plotly's line height for it (1.3 em). */
const FONT_SIZE = 12;
const LINE_HEIGHT = FONT_SIZE * 1.3;
/** Space above and below the caption text (px). */
const PAD = 6;
/** Width of an average character in em: generous, so a wrapped line fits in common sans fonts. */
const CHAR_EM = 0.6;
/** Plotly's defaults where a layout leaves them unset. */
const DEFAULT = { width: 700, height: 450, marginT: 100, marginL: 80 };

type Layout = Record<string, unknown>;
interface Spec {
  data: unknown[];
  layout: Layout;
}

function num(v: unknown, fallback: number): number {
  return typeof v === "number" && Number.isFinite(v) ? v : fallback;
}

function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Greedy word wrap to at most `maxChars` per line (a longer word gets a line of its own). */
export function wrapWords(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Height (px) of a caption block of `lines` lines, padding included. */
function blockHeight(lines: number): number {
  return Math.ceil(lines * LINE_HEIGHT + 2 * PAD);
}

/** Title position that equals plotly's "auto" one (middle of the top margin `marginT`). */
function titleY(marginT: number, height: number): number {
  return Number((1 - marginT / 2 / height).toFixed(6));
}

/**
 * A copy of `spec` whose layout shows "Figure <id>. <caption>" above the plot as an annotation
 * (escaped, wrapped to the figure's width). Returns the copy unchanged when there is no caption.
 */
export function withPlotlyCaption(spec: Spec, label: { id?: string | null; caption?: string | null }): Spec {
  const caption = (label.caption ?? "").trim();
  const layout: Layout = { ...spec.layout };
  if (!caption) return { data: spec.data, layout };
  const width = num(layout.width, DEFAULT.width);
  const height = num(layout.height, DEFAULT.height);
  const margin = { ...((layout.margin as Layout | undefined) ?? {}) };
  const marginT = num(margin.t, DEFAULT.marginT);
  const marginL = num(margin.l, DEFAULT.marginL);
  const maxChars = Math.max(20, Math.floor((width - marginL - 10) / (FONT_SIZE * CHAR_EM)));
  const head = label.id ? `Figure ${label.id}.` : "";
  const lines = wrapWords(head ? `${head} ${caption}` : caption, maxChars).map(escapeText);
  const boldHead = escapeText(head);
  if (head && lines[0].startsWith(boldHead)) lines[0] = `<b>${boldHead}</b>${lines[0].slice(boldHead.length)}`;
  const block = blockHeight(lines.length);

  layout.height = height + block;
  layout.margin = { ...margin, t: marginT + block };
  const title = layout.title;
  if (title !== undefined && title !== null) {
    const t: Layout = typeof title === "string" ? { text: title } : { ...(title as Layout) };
    if (t.y === undefined) {
      t.y = titleY(marginT, height + block);
      t.yref = "container";
      t.yanchor = "middle";
    }
    layout.title = t;
  }
  const annotation = {
    name: CAPTION_ANNOTATION_NAME,
    text: lines.join("<br>"),
    xref: "paper",
    yref: "paper",
    x: 0,
    y: 1,
    xanchor: "left",
    yanchor: "bottom",
    yshift: PAD,
    align: "left",
    showarrow: false,
    font: { size: FONT_SIZE, color: "#444" },
  };
  layout.annotations = [...((layout.annotations as unknown[] | undefined) ?? []), annotation];
  return { data: spec.data, layout };
}

/**
 * The inverse of {@link withPlotlyCaption}: removes the caption annotation and restores the height,
 * top margin and title position. A spec without the annotation is returned as a shallow copy.
 */
export function withoutPlotlyCaption(spec: Spec): Spec {
  const layout: Layout = { ...spec.layout };
  const annotations = Array.isArray(layout.annotations) ? (layout.annotations as Layout[]) : [];
  const k = annotations.findIndex((a) => a && a.name === CAPTION_ANNOTATION_NAME);
  if (k < 0) return { data: spec.data, layout };
  const lines = String(annotations[k].text ?? "").split("<br>").length;
  const block = blockHeight(lines);
  const rest = annotations.filter((_, i) => i !== k);
  if (rest.length) layout.annotations = rest;
  else delete layout.annotations;
  const height = num(layout.height, DEFAULT.height + block) - block;
  const margin = { ...((layout.margin as Layout | undefined) ?? {}) };
  const marginT = num(margin.t, DEFAULT.marginT + block) - block;
  layout.height = height;
  layout.margin = { ...margin, t: marginT };
  const title = layout.title as Layout | undefined;
  if (title && typeof title === "object" && title.yref === "container" && title.yanchor === "middle" && title.y === titleY(marginT, height + block)) {
    const t: Layout = { ...title };
    delete t.y;
    delete t.yref;
    delete t.yanchor;
    layout.title = t;
  }
  return { data: spec.data, layout };
}
