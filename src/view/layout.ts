/**
 * Layout rules that every figure follows; lineFigure and plotlyFigure apply them (figure.ts):
 *
 * - **Ranges from the data shown**: an axis without an explicit range gets the extent of the finite
 *   points of its visible traces (bars and error bars included), with a small margin.
 * - **Unambiguous log-axis labels**: powers of ten when the range spans several decades, otherwise
 *   full numbers on a 1-2-5 ladder ("0.02", "0.05", "0.1", "20", "50"). Never plotly's bare minor
 *   digits, which label both 0.2 and 0.02 as "2".
 * - **The legend covers at most a quarter of the plot and no data**: it goes inside the plot where no
 *   point, line, error bar, bar, shape or annotation lies; if there is no such place, beside the plot
 *   when it is narrow, else below the plot (the figure grows to keep the plot's size).
 *
 * Pure functions of plotly JSON; sizes of legend entries are estimated from their text (12 px font).
 */
import type { Trace } from "./figure";

/** The extent of values along an axis, in data units. */
export interface Extent {
  min: number;
  max: number;
}

/** Pixels of one legend entry row, and of the legend's symbol plus padding (plotly's defaults at 12 px). */
export const LEGEND_ROW_PX = 19;
const LEGEND_SYMBOL_PX = 44;
/** Average width of a character of the legend's 12 px font, in pixels (measured in Chromium). */
const LEGEND_CHAR_PX = 5.8;
/** Largest share of the plot a legend may cover (inside) or take (beside or below the plot). */
export const LEGEND_MAX_SHARE = 0.25;

/** "x" -> "xaxis", "x2" -> "xaxis2". */
export function axisLayoutKey(id: string): string {
  return `${id[0]}axis${id.slice(1)}`;
}

function traceAxis(t: Trace, letter: "x" | "y"): string {
  const v = t[letter === "x" ? "xaxis" : "yaxis"];
  return typeof v === "string" && v.length > 0 ? v : letter;
}

function isVisible(t: Trace): boolean {
  return t.visible !== false && t.visible !== "legendonly";
}

function finite(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

function arr(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
  return [];
}

function modeOf(t: Trace): string {
  return typeof t.mode === "string" ? t.mode : "lines+markers";
}

/** Plain text of a legend name (tags such as <sup> removed). */
export function plainText(s: string): string {
  return s.replace(/<[^>]*>/g, "");
}

/** Error bar half-widths of point i: [minus, plus]; [0, 0] without error bars. */
function errorAt(t: Trace, i: number): [number, number] {
  const e = t.error_y as { array?: unknown; arrayminus?: unknown; visible?: boolean; symmetric?: boolean } | undefined;
  if (!e || e.visible === false) return [0, 0];
  const plus = arr(e.array)[i];
  const minus = e.symmetric === false ? arr(e.arrayminus)[i] : plus;
  return [finite(minus) ? minus : 0, finite(plus) ? plus : 0];
}

/** One drawn point of a trace in data units (for scatter: its [x, y]; bars: the rectangle's corners). */
interface DrawnPoint {
  x: number;
  y: number;
}

/** The points a visible trace draws; null when they cannot be known from the JSON alone (histogram, heatmap, ...). */
export function drawnPoints(t: Trace): DrawnPoint[] | null {
  if (!isVisible(t)) return [];
  const type = t.type ?? "scatter";
  const xs = arr(t.x);
  const ys = arr(t.y);
  const out: DrawnPoint[] = [];
  if (type === "scatter" || type === "scattergl") {
    for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
      const x = xs[i], y = ys[i];
      if (!finite(x) || !finite(y)) continue;
      const [minus, plus] = errorAt(t, i);
      out.push({ x, y });
      if (minus || plus) out.push({ x, y: y - minus }, { x, y: y + plus });
    }
    return out;
  }
  if (type === "bar" && (t.orientation ?? "v") === "v") {
    const w = arr(t.width);
    const width = typeof t.width === "number" ? t.width : null;
    for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
      const x = xs[i], y = ys[i];
      if (!finite(x) || !finite(y)) continue;
      const wi = width ?? (finite(w[i]) ? (w[i] as number) : 0);
      out.push({ x: x - wi / 2, y: 0 }, { x: x + wi / 2, y });
    }
    return out;
  }
  return null;
}

/**
 * Extent of the values drawn along one axis ("x", "y", "x2", ...) by the visible traces on it, for a
 * log axis only values > 0; null when a trace on the axis cannot be measured or nothing is drawn.
 */
export function dataExtent(data: readonly Trace[], axisId: string, log: boolean): Extent | null {
  const letter = axisId[0] as "x" | "y";
  let min = Infinity, max = -Infinity;
  for (const t of data) {
    if (traceAxis(t, letter) !== axisId) continue;
    const pts = drawnPoints(t);
    if (pts === null) return null;
    for (const p of pts) {
      const v = letter === "x" ? p.x : p.y;
      if (log && !(v > 0)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return min <= max ? { min, max } : null;
}

/** A range around an extent, in DATA units, widened by `pad` of its span on each side (log axes: of its decades). */
export function paddedRange(ext: Extent, log: boolean, pad: number): [number, number] {
  if (log) {
    let a = Math.log10(ext.min), b = Math.log10(ext.max);
    if (b - a < 1e-9) (a -= 0.5), (b += 0.5);
    const s = b - a;
    return clampLogRange([10 ** (a - pad * s), 10 ** (b + pad * s)]);
  }
  // Halves first: max - min overflows for values near ±Number.MAX_VALUE.
  let { min, max } = ext;
  if (max / 2 - min / 2 < 0.5e-12 * Math.max(1, Math.abs(max))) {
    const d = Math.abs(max) * 0.1 || 1;
    min -= d;
    max += d;
  }
  const half = max / 2 - min / 2;
  return [Math.max(-Number.MAX_VALUE, min - 2 * pad * half), Math.min(Number.MAX_VALUE, max + 2 * pad * half)];
}

/** Smallest and largest log10 a log axis may reach with both ends a finite double > 0. */
const LOG_RANGE_MIN = -323;
const LOG_RANGE_MAX = 308.25;

/**
 * A log-axis range in data units kept inside the doubles: ends that underflow to 0 or overflow to
 * Infinity (data near 5e-324 or 1.8e308 padded outwards) are pulled in to 1e-323 and about 1.78e308.
 */
function clampLogRange([lo, hi]: [number, number]): [number, number] {
  const a = Math.min(LOG_RANGE_MAX - 0.5, Math.max(LOG_RANGE_MIN, lo > 0 ? Math.log10(lo) : LOG_RANGE_MIN));
  const b = Math.max(a + 0.5, Math.min(LOG_RANGE_MAX, Number.isFinite(hi) ? Math.log10(hi) : LOG_RANGE_MAX));
  return [lo > 0 && Math.log10(lo) === a ? lo : 10 ** a, Number.isFinite(hi) && Math.log10(hi) === b ? hi : 10 ** b];
}

const SUPERSCRIPT_MINUS = "\u2212";

/** A tick label that states its value in full: "0.02", "20", "1500", "10<sup>6</sup>", "2·10<sup>−5</sup>". */
export function logTickLabel(v: number): string {
  const e = Math.floor(Math.log10(v) + 1e-9);
  if (e >= -3 && e <= 4) return String(Number(v.toPrecision(3)));
  const m = Number((v / 10 ** e).toPrecision(2));
  const exp = `10<sup>${e < 0 ? SUPERSCRIPT_MINUS + -e : e}</sup>`;
  return m === 1 ? exp : `${m}·${exp}`;
}

const LADDERS: number[][] = [
  [1, 2, 5],
  [1, 2, 3, 5],
  [1, 1.5, 2, 3, 4, 5, 6, 8],
  [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 9],
];

/**
 * Tick settings of a log axis over `range` (data units): powers of ten (every `dtick` decades, with
 * unlabelled minor grid lines at 2..9) when it spans at least 2.5 decades, otherwise explicit ticks
 * on the first 1-2-5-style ladder that gives at least four labels, each label the full number.
 */
export function logAxisTicks(range: [number, number]): Record<string, unknown> {
  const [lo, hi] = range;
  if (!(lo > 0) || !(hi > lo)) throw new RangeError(`logAxisTicks: range must be [lo, hi] with 0 < lo < hi, got [${lo}, ${hi}]`);
  const a = Math.log10(lo), b = Math.log10(hi);
  const decades = b - a;
  if (decades >= 2.5) {
    const dtick = Math.max(1, Math.ceil(decades / 8));
    const out: Record<string, unknown> = { tickmode: "linear", tick0: 0, dtick, exponentformat: "power", showexponent: "all" };
    if (dtick === 1 && decades <= 4) out.minor = { dtick: "D1", showgrid: true, gridcolor: "#f2f2f2", ticks: "" };
    return out;
  }
  let vals: number[] = [];
  for (const ladder of LADDERS) {
    vals = [];
    for (let e = Math.floor(a) - 1; e <= Math.ceil(b); e++) {
      for (const m of ladder) {
        const v = Number((m * 10 ** e).toPrecision(6));
        if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) vals.push(v);
      }
    }
    if (vals.length >= 4) break;
  }
  return { tickmode: "array", tickvals: vals, ticktext: vals.map(logTickLabel) };
}

/**
 * Sets, on each axis of `layout` whose traces can be measured and that has no range yet, the range
 * of the data shown (padded by `pad`, default 3 %; axes where every trace is a bar start at 0), and
 * on every log axis with a known range the unambiguous ticks of {@link logAxisTicks}. `pad` may
 * differ per axis letter. Returns a new layout; the input is not changed.
 */
export function dataRanges(data: readonly Trace[], layout: Record<string, unknown>, pad: { x?: number; y?: number } = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { ...layout };
  const ids = new Set<string>();
  for (const t of data) (ids.add(traceAxis(t, "x")), ids.add(traceAxis(t, "y")));
  for (const id of ids) {
    const key = axisLayoutKey(id);
    const ax = { ...((out[key] as Record<string, unknown> | undefined) ?? {}) };
    const log = ax.type === "log";
    let range: [number, number] | null = null;
    if (Array.isArray(ax.range) && ax.range.length === 2) {
      range = log ? [10 ** (ax.range[0] as number), 10 ** (ax.range[1] as number)] : [ax.range[0] as number, ax.range[1] as number];
      if (log && !(range[0] > 0 && range[1] > range[0] && Number.isFinite(range[1]))) {
        // A range given in log10 units beyond the doubles (or reversed): ticks over the part that exists.
        const clamped = clampLogRange(range[1] >= range[0] ? range : [range[1], range[0]]);
        range = clamped;
      }
    } else if (ax.autorange === undefined || ax.autorange === true) {
      const ext = dataExtent(data, id, log);
      if (ext) {
        const onAxis = data.filter((t) => traceAxis(t, id[0] as "x" | "y") === id && isVisible(t));
        const allBars = onAxis.length > 0 && onAxis.every((t) => t.type === "bar");
        range = paddedRange(ext, log, (id[0] === "x" ? pad.x : pad.y) ?? 0.03);
        if (allBars && id[0] === "y" && ext.min >= 0) range = [0, range[1]];
        ax.range = log ? [Math.log10(range[0]), Math.log10(range[1])] : range;
      }
    }
    if (log && range && ax.tickmode === undefined && ax.dtick === undefined) Object.assign(ax, logAxisTicks(range));
    out[key] = ax;
  }
  return out;
}

// ---- legend placement ---------------------------------------------------------------------------

/** The legend entries plotly draws: names of traces shown in the legend, one per legend group. */
export function legendEntries(data: readonly Trace[], layout: Record<string, unknown>): string[] {
  if (layout.showlegend === false) return [];
  const shown = data.filter((t) => t.showlegend !== false && t.type !== "heatmap");
  if (layout.showlegend !== true && shown.length < 2 && !data.some((t) => t.showlegend === true)) return [];
  const groups = new Set<string>();
  const out: string[] = [];
  for (const t of shown) {
    const g = typeof t.legendgroup === "string" && t.legendgroup !== "" ? t.legendgroup : null;
    if (g !== null) {
      if (groups.has(g)) continue;
      groups.add(g);
    }
    out.push(typeof t.name === "string" ? t.name : "");
  }
  return out;
}

/** Estimated legend size in pixels for a vertical legend of these entries. */
export function legendSize(entries: readonly string[]): { width: number; height: number; itemWidths: number[] } {
  const itemWidths = entries.map((e) => LEGEND_SYMBOL_PX + LEGEND_CHAR_PX * plainText(e).length);
  return { width: Math.max(0, ...itemWidths) + 10, height: LEGEND_ROW_PX * entries.length + 10, itemWidths };
}

/** The domain [from, to] of an axis in paper coordinates (default [0, 1]). */
function domainOf(layout: Record<string, unknown>, id: string): [number, number] {
  const d = ((layout[axisLayoutKey(id)] ?? {}) as Record<string, unknown>).domain;
  return Array.isArray(d) && d.length === 2 && finite(d[0]) && finite(d[1]) && d[1] > d[0] ? [d[0], d[1]] : [0, 1];
}

interface Margin {
  l: number;
  r: number;
  t: number;
  b: number;
}

function marginOf(layout: Record<string, unknown>): Margin {
  const m = (layout.margin ?? {}) as Partial<Margin>;
  return { l: m.l ?? 80, r: m.r ?? 80, t: m.t ?? 100, b: m.b ?? 80 };
}

/** Maps a data value to [0, 1] across an axis with a plotly range (log axes: range in log10 units). */
function normalizer(ax: Record<string, unknown> | undefined): ((v: number) => number) | null {
  if (!ax || !Array.isArray(ax.range)) return null;
  const [r0, r1] = ax.range as [number, number];
  const log = ax.type === "log";
  if (!(r1 > r0) && !(r1 < r0)) return null;
  return (v: number) => ((log ? Math.log10(v) : v) - r0) / (r1 - r0);
}

/**
 * Where the data lie, as points in the unit square of the plot area: each drawn point, points every
 * 1 % along each drawn line segment, error bars, bar rectangles, shapes and annotations on the axes.
 */
export function occupiedPoints(data: readonly Trace[], layout: Record<string, unknown>, axes: [string, string] = ["x", "y"]): [number, number][] | null {
  const xa = layout[axisLayoutKey(axes[0])] as Record<string, unknown> | undefined;
  const ya = layout[axisLayoutKey(axes[1])] as Record<string, unknown> | undefined;
  const nx = normalizer(xa);
  const ny = normalizer(ya);
  if (!nx || !ny) return null;
  const xd = domainOf(layout, axes[0]), yd = domainOf(layout, axes[1]);
  const px = (v: number) => (v - xd[0]) / (xd[1] - xd[0]);
  const py = (v: number) => (v - yd[0]) / (yd[1] - yd[0]);
  const out: [number, number][] = [];
  const inUnit = (x: number, y: number) => x >= -0.02 && x <= 1.02 && y >= -0.02 && y <= 1.02;
  const seg = (x0: number, y0: number, x1: number, y1: number) => {
    const n = Math.min(400, Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / 0.01)));
    for (let i = 0; i <= n; i++) {
      const x = x0 + ((x1 - x0) * i) / n, y = y0 + ((y1 - y0) * i) / n;
      if (inUnit(x, y)) out.push([x, y]);
    }
  };
  const logX = (xa as Record<string, unknown>).type === "log";
  const logY = (ya as Record<string, unknown>).type === "log";
  const ok = (x: number, y: number) => finite(x) && finite(y) && (!logX || x > 0) && (!logY || y > 0);
  for (const t of data) {
    if (!isVisible(t)) continue;
    if (traceAxis(t, "x") !== axes[0] || traceAxis(t, "y") !== axes[1]) continue;
    const type = t.type ?? "scatter";
    const xs = arr(t.x), ys = arr(t.y);
    if (type === "scatter" || type === "scattergl") {
      const mode = modeOf(t);
      let prev: [number, number] | null = null;
      for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
        const x = xs[i], y = ys[i];
        if (!finite(x) || !finite(y) || !ok(x, y)) {
          prev = null;
          continue;
        }
        const p: [number, number] = [nx(x), ny(y)];
        if (inUnit(p[0], p[1])) out.push(p);
        if (mode.includes("lines") && prev) seg(prev[0], prev[1], p[0], p[1]);
        const [minus, plus] = errorAt(t, i);
        if ((minus || plus) && ok(x, y - minus) && ok(x, y + plus)) seg(p[0], ny(y - minus), p[0], ny(y + plus));
        prev = p;
      }
    } else if (type === "bar") {
      const pts = drawnPoints(t) ?? [];
      for (let i = 0; i + 1 < pts.length; i += 2) {
        const x0 = nx(pts[i].x), x1 = nx(pts[i + 1].x), y0 = ny(Math.max(pts[i].y, logY ? 1e-300 : -Infinity)), y1 = ny(pts[i + 1].y);
        for (let fx = 0; fx <= 1; fx += 0.25) seg(x0 + (x1 - x0) * fx, y0, x0 + (x1 - x0) * fx, y1);
      }
    } else {
      return null;
    }
  }
  const shapes = Array.isArray(layout.shapes) ? (layout.shapes as Record<string, unknown>[]) : [];
  const mine = (ref: unknown, id: string) => (ref ?? id[0]) === id;
  for (const s of shapes) {
    if (!(s.xref === "paper" || mine(s.xref, axes[0])) || !(s.yref === "paper" || mine(s.yref, axes[1]))) continue;
    const fx = (v: unknown) => (s.xref === "paper" ? px(v as number) : nx(v as number));
    const fy = (v: unknown) => (s.yref === "paper" ? py(v as number) : ny(v as number));
    if (finite(s.x0) && finite(s.x1) && finite(s.y0) && finite(s.y1)) seg(fx(s.x0), fy(s.y0), fx(s.x1), fy(s.y1));
  }
  const notes = Array.isArray(layout.annotations) ? (layout.annotations as Record<string, unknown>[]) : [];
  for (const a of notes) {
    if (!finite(a.x) || !finite(a.y)) continue;
    if (!(a.xref === "paper" || mine(a.xref, axes[0])) || !(a.yref === "paper" || mine(a.yref, axes[1]))) continue;
    const x = a.xref === "paper" ? px(a.x) : nx(a.x), y = a.yref === "paper" ? py(a.y) : ny(a.y);
    if (inUnit(x, y)) {
      // The text's extent from its anchor (about 6 px per character on a 670-px plot, one 14-px line).
      const w = (plainText(String(a.text ?? "")).length * 6) / 670 / (xd[1] - xd[0]);
      const h = 14 / 340 / (yd[1] - yd[0]);
      const x0 = a.xanchor === "left" ? x : a.xanchor === "right" ? x - w : x - w / 2;
      const y0 = a.yanchor === "bottom" ? y : a.yanchor === "top" ? y - h : y - h / 2;
      for (const fy of [0, 0.5, 1]) seg(x0, y0 + h * fy, x0 + w, y0 + h * fy);
    }
  }
  return out;
}

/** Candidate legend anchors inside the plot, in order of preference: corners, then edge middles. */
const INSIDE_ANCHORS: { x: number; y: number; xanchor: string; yanchor: string }[] = [];
for (const [y, yanchor] of [[0.99, "top"], [0.01, "bottom"], [0.5, "middle"]] as const) {
  for (const [x, xanchor] of [[0.99, "right"], [0.01, "left"], [0.5, "center"], [0.25, "center"], [0.75, "center"]] as const) {
    INSIDE_ANCHORS.push({ x, y, xanchor, yanchor });
  }
}
INSIDE_ANCHORS.sort((p, q) => rank(p) - rank(q));
function rank(p: { xanchor: string; yanchor: string; x: number }): number {
  const corner = p.xanchor !== "center" && p.yanchor !== "middle" ? 0 : p.yanchor !== "middle" ? 1 : 2;
  return corner * 10 + (p.yanchor === "top" ? 0 : p.yanchor === "bottom" ? 1 : 2) * 3 + (p.xanchor === "right" ? 0 : p.xanchor === "left" ? 1 : 2);
}

/**
 * Places the legend (see the module comment) unless the layout already positions it (legend.x,
 * legend.y or a horizontal orientation) or there is no legend. Needs the axis ranges set (see
 * {@link dataRanges}) to look inside the plot. Returns a new layout.
 */
export function placeLegend(data: readonly Trace[], layout: Record<string, unknown>, axes: [string, string] = ["x", "y"]): Record<string, unknown> {
  const given = (layout.legend ?? {}) as Record<string, unknown>;
  if (given.x !== undefined || given.y !== undefined || given.orientation === "h") return layout;
  const entries = legendEntries(data, layout);
  if (entries.length === 0) return layout;
  const width = Number(layout.width) || 760;
  const height = Number(layout.height) || 460;
  const m = marginOf(layout);
  const W = width - m.l - m.r;
  const H = height - m.t - m.b;
  const size = legendSize(entries);
  const xd = domainOf(layout, axes[0]), yd = domainOf(layout, axes[1]);
  const box = { w: (size.width + 6) / (W * (xd[1] - xd[0])), h: (size.height + 4) / (H * (yd[1] - yd[0])) };
  const style = { bgcolor: "rgba(255,255,255,0.85)", bordercolor: "#d0d0d0", borderwidth: 1 };
  const toPaper = (a: { x: number; y: number }) => ({ x: xd[0] + a.x * (xd[1] - xd[0]), y: yd[0] + a.y * (yd[1] - yd[0]) });
  if (box.w * box.h <= LEGEND_MAX_SHARE) {
    const occupied = occupiedPoints(data, layout, axes);
    if (occupied) {
      const pad = 0.012;
      for (const a of INSIDE_ANCHORS) {
        const x0 = a.xanchor === "right" ? a.x - box.w : a.xanchor === "left" ? a.x : a.x - box.w / 2;
        const y0 = a.yanchor === "top" ? a.y - box.h : a.yanchor === "bottom" ? a.y : a.y - box.h / 2;
        const x1 = x0 + box.w, y1 = y0 + box.h;
        if (x0 < 0 || y0 < 0 || x1 > 1 || y1 > 1) continue;
        const hit = occupied.some(([x, y]) => x >= x0 - pad && x <= x1 + pad && y >= y0 - pad && y <= y1 + pad);
        if (!hit) return { ...layout, legend: { ...given, ...style, ...toPaper(a), xanchor: a.xanchor, yanchor: a.yanchor } };
      }
    }
  }
  // Beside the plot when that takes at most a quarter of the width, else below it.
  if (size.width <= LEGEND_MAX_SHARE * W) {
    return { ...layout, legend: { ...given, x: 1.02, xanchor: "left", y: 1, yanchor: "top" } };
  }
  // plotly's entrywidth is the width of an entry's text; each entry adds its symbol and padding.
  const entrywidth = Math.ceil(Math.max(...size.itemWidths) - LEGEND_SYMBOL_PX + 12);
  const columns = Math.max(1, Math.floor((width - 20) / (entrywidth + LEGEND_SYMBOL_PX)));
  const rows = Math.ceil(entries.length / columns);
  const extra = rows * LEGEND_ROW_PX + 16;
  // Keep the legend at most about a fifth of the height of plot + legend: grow the plot if needed.
  const grow = Math.max(0, Math.ceil((extra * (1 - 0.22)) / 0.22 - H));
  return {
    ...layout,
    height: height + extra + grow,
    margin: { ...m, b: m.b + extra },
    legend: { ...given, orientation: "h", entrywidth, x: 0, xanchor: "left", y: -(m.b - 8) / H, yanchor: "top", xref: "paper", yref: "paper" },
  };
}
