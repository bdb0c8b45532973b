/**
 * The rules every figure of the lesson pack follows, checked on the plotly JSON of a figure (as
 * stored in an executed notebook) and, where they depend on how plotly lays it out, on the figure
 * drawn by plotly.js in headless Chromium:
 *
 *   legend          every trace named in the legend is visible and draws something in the plot
 *   duplicate       no two traces draw the same points in the same style
 *   smooth          a line without markers has >= 100 points, unless it is straight on its axes or
 *                   its points lie at most 5 px apart along it (a short piece of a dense curve);
 *                   theory curves are smooth, data and simulations are markers
 *   markers         simulations, measurements and traces with error bars show markers
 *   log-ticks       a log axis has explicit tick labels or ticks at powers of ten (no bare minor digits)
 *   range           an explicit axis range contains what is drawn (nothing cut at the edge)
 *   --- measured in the browser ---
 *   log-labels      every tick label of a log axis states its value ("0.02", "10^-2"; not "2")
 *   cut             bars and markers lie inside the drawn axis ranges (nothing cut at the edge)
 *   legend-size     the legend covers at most a quarter of the plot (inside), or takes at most a
 *                   quarter of the width (beside) or height (below)
 *   legend-covers   a legend inside the plot covers no data
 *   hidden          no trace lies under another one (>= 90 % of it within 2.5 px) unless the two are
 *                   drawn distinguishably (markers on a line, a halo under a thin line, open markers)
 *                   and the caption says that they coincide
 *   error-bars      error bars reach beyond their markers (visible at the figure's size)
 */
import type { Figure, Trace } from "../../src/view/figure";

/** One broken rule. */
export interface RuleProblem {
  /** Figure id (or a description of where it is). */
  figure: string;
  rule: string;
  message: string;
}

/** Fewest points of a curved line without markers. */
export const SMOOTH_MIN_POINTS = 100;
/** Largest mean spacing (px along the line) of a curved line with fewer points. */
export const SMOOTH_MAX_SPACING_PX = 5;

const COINCIDE_WORDS = /coincid|identical|lies? on|on top of|same curve|overlap|equal|indistinguishable/i;

function finite(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function modeOf(t: Trace): string {
  if (typeof t.mode === "string") return t.mode;
  return "lines+markers";
}

function isScatter(t: Trace): boolean {
  return (t.type ?? "scatter") === "scatter" || t.type === "scattergl";
}

function visible(t: Trace): boolean {
  return t.visible !== false && t.visible !== "legendonly";
}

function axisId(t: Trace, letter: "x" | "y"): string {
  const v = t[letter === "x" ? "xaxis" : "yaxis"];
  return typeof v === "string" && v ? v : letter;
}

function axisKey(id: string): string {
  return `${id[0]}axis${id.slice(1)}`;
}

function axisOf(layout: Record<string, unknown>, id: string): Record<string, unknown> {
  return (layout[axisKey(id)] as Record<string, unknown> | undefined) ?? {};
}

function label(fig: Figure, t: Trace, i: number): string {
  return typeof t.name === "string" && t.name ? `"${t.name}"` : `trace #${i + 1}`;
}

/** Traces that have a legend entry (plotly shows a legend for two or more traces unless told otherwise). */
export function legendTraces(fig: Figure): Trace[] {
  if (fig.layout.showlegend === false) return [];
  const shown = fig.data.filter((t) => t.showlegend !== false && t.type !== "heatmap");
  if (fig.layout.showlegend !== true && shown.length < 2 && !fig.data.some((t) => t.showlegend === true)) return [];
  const groups = new Set<string>();
  return shown.filter((t) => {
    const g = typeof t.legendgroup === "string" && t.legendgroup ? t.legendgroup : null;
    if (g === null) return true;
    if (groups.has(g)) return false;
    groups.add(g);
    return true;
  });
}

/** Finite [x, y] points of a scatter trace (and > 0 on log axes), in data units. */
function points(fig: Figure, t: Trace): [number, number][] {
  const xs = arr(t.x), ys = arr(t.y);
  const logX = axisOf(fig.layout, axisId(t, "x")).type === "log";
  const logY = axisOf(fig.layout, axisId(t, "y")).type === "log";
  const out: [number, number][] = [];
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const x = xs[i], y = ys[i];
    if (finite(x) && finite(y) && (!logX || x > 0) && (!logY || y > 0)) out.push([x, y]);
  }
  return out;
}

/** Contiguous runs of finite points (a null or non-finite value breaks a line). */
function runs(fig: Figure, t: Trace): [number, number][][] {
  const xs = arr(t.x), ys = arr(t.y);
  const logX = axisOf(fig.layout, axisId(t, "x")).type === "log";
  const logY = axisOf(fig.layout, axisId(t, "y")).type === "log";
  const out: [number, number][][] = [];
  let cur: [number, number][] = [];
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const x = xs[i], y = ys[i];
    if (finite(x) && finite(y) && (!logX || x > 0) && (!logY || y > 0)) cur.push([logX ? Math.log10(x) : x, logY ? Math.log10(y) : y]);
    else if (cur.length) (out.push(cur), (cur = []));
  }
  if (cur.length) out.push(cur);
  return out;
}

/** Axis range in axis units (log10 for log axes), from the layout or from the trace data. */
function spanOf(fig: Figure, id: string): number {
  const ax = axisOf(fig.layout, id);
  if (Array.isArray(ax.range) && ax.range.length === 2 && finite(ax.range[0]) && finite(ax.range[1])) return Math.abs((ax.range[1] as number) - (ax.range[0] as number)) || 1;
  let lo = Infinity, hi = -Infinity;
  for (const t of fig.data) {
    if (!isScatter(t) || axisId(t, id[0] as "x" | "y") !== id) continue;
    for (const r of runs(fig, t)) for (const p of r) {
      const v = id[0] === "x" ? p[0] : p[1];
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  return hi > lo ? hi - lo : 1;
}

/** The fraction of the plot an axis spans (its domain). */
function domainFraction(fig: Figure, id: string): number {
  const d = axisOf(fig.layout, id).domain;
  return Array.isArray(d) && d.length === 2 && finite(d[0]) && finite(d[1]) && d[1] > d[0] ? d[1] - d[0] : 1;
}

/** Largest distance of a run's points from the chord between its ends, in axis units scaled to [0, 1]. */
function bend(run: [number, number][], sx: number, sy: number): number {
  const [x0, y0] = run[0];
  const [x1, y1] = run[run.length - 1];
  const dx = (x1 - x0) / sx, dy = (y1 - y0) / sy;
  const len = Math.hypot(dx, dy);
  let worst = 0;
  for (const [x, y] of run) {
    const px = (x - x0) / sx, py = (y - y0) / sy;
    const d = len > 0 ? Math.abs(px * dy - py * dx) / len : Math.hypot(px, py);
    worst = Math.max(worst, d);
  }
  return worst;
}

/** The rules that need only the figure's JSON (see the module comment). */
export function specProblems(fig: Figure, where = fig.id ?? "(figure without id)"): RuleProblem[] {
  const out: RuleProblem[] = [];
  const add = (rule: string, message: string) => out.push({ figure: where, rule, message });
  // legend: entries are visible traces that draw something
  for (const t of legendTraces(fig)) {
    const i = fig.data.indexOf(t);
    const group = typeof t.legendgroup === "string" && t.legendgroup ? fig.data.filter((u) => u.legendgroup === t.legendgroup) : [t];
    if (!group.some(visible)) {
      add("legend", `${label(fig, t, i)} is in the legend but not visible`);
      continue;
    }
    const draws = group.some((u) => !isScatter(u) ? arr(u.x).length + arr(u.y).length > 0 : points(fig, u).length > 0);
    if (!draws) add("legend", `${label(fig, t, i)} is in the legend but has no finite point to draw`);
    if (isScatter(t) && points(fig, t).length > 0 && group.length === 1) {
      const ys = points(fig, t).map((p) => p[1]);
      const xs = points(fig, t).map((p) => p[0]);
      const flat = Math.max(...ys) === Math.min(...ys) && Math.max(...xs) === Math.min(...xs) && !modeOf(t).includes("markers");
      if (flat) add("legend", `${label(fig, t, i)} is in the legend but is a line of zero length`);
    }
  }
  // duplicate: same points, same style
  const seen = new Map<string, number>();
  fig.data.forEach((t, i) => {
    if (!isScatter(t) || !visible(t)) return;
    const line = (t.line ?? {}) as Record<string, unknown>;
    const marker = (t.marker ?? {}) as Record<string, unknown>;
    if (line.color === undefined && marker.color === undefined) return;
    const key = JSON.stringify([t.x, t.y, t.xaxis, t.yaxis, t.mode, line.color, line.dash, line.width, marker.color, marker.symbol, marker.size, t.opacity]);
    const j = seen.get(key);
    if (j !== undefined) add("duplicate", `${label(fig, t, i)} draws the same points in the same style as ${label(fig, fig.data[j], j)}`);
    else seen.set(key, i);
  });
  // smooth: curved lines without markers have enough points
  const m = (fig.layout.margin ?? {}) as { l?: number; r?: number; t?: number; b?: number };
  const plotW = (Number(fig.layout.width) || 760) - (m.l ?? 80) - (m.r ?? 80);
  const plotH = (Number(fig.layout.height) || 460) - (m.t ?? 100) - (m.b ?? 80);
  fig.data.forEach((t, i) => {
    if (!isScatter(t) || !visible(t) || modeOf(t) !== "lines") return;
    const sx = spanOf(fig, axisId(t, "x")), sy = spanOf(fig, axisId(t, "y"));
    const dx = domainFraction(fig, axisId(t, "x")), dy = domainFraction(fig, axisId(t, "y"));
    for (const run of runs(fig, t)) {
      if (run.length >= SMOOTH_MIN_POINTS || run.length <= 2) continue;
      let length = 0;
      for (let j = 1; j < run.length; j++) length += Math.hypot(((run[j][0] - run[j - 1][0]) / sx) * plotW * dx, ((run[j][1] - run[j - 1][1]) / sy) * plotH * dy);
      if (length / (run.length - 1) <= SMOOTH_MAX_SPACING_PX) continue;
      const b = bend(run, sx, sy);
      if (b > 0.002) {
        add("smooth", `${label(fig, t, i)} is a curved line of ${run.length} points, ${(length / (run.length - 1)).toFixed(0)} px apart (it bends ${(100 * b).toFixed(1)} % of the plot from straight): draw a theory curve on >= ${SMOOTH_MIN_POINTS} points, or data as markers`);
        break;
      }
    }
  });
  // markers: simulations, measurements and error bars
  fig.data.forEach((t, i) => {
    if (!isScatter(t) || !visible(t)) return;
    const name = typeof t.name === "string" ? t.name : "";
    const errors = t.error_y && (t.error_y as { visible?: boolean }).visible !== false;
    if ((errors || /simulat|measured/i.test(name)) && !modeOf(t).includes("markers")) {
      add("markers", `${label(fig, t, i)} is ${errors ? "drawn with error bars" : "a simulation"} but shows no markers`);
    }
  });
  // log-ticks: explicit labels or powers of ten
  for (const key of Object.keys(fig.layout).filter((k) => /^[xy]axis\d*$/.test(k))) {
    const ax = fig.layout[key] as Record<string, unknown>;
    if (!ax || ax.type !== "log" || ax.visible === false || ax.showticklabels === false) continue;
    const explicit = Array.isArray(ax.tickvals) && Array.isArray(ax.ticktext) && ax.tickvals.length === ax.ticktext.length && ax.tickvals.length > 0;
    const powers = typeof ax.dtick === "number" && Number.isInteger(ax.dtick) && ax.dtick >= 1;
    if (!explicit && !powers) add("log-ticks", `log axis ${key} has plotly's automatic ticks (dtick ${JSON.stringify(ax.dtick)}), which label minor ticks with bare digits; give tickvals + ticktext or an integer dtick`);
  }
  // range: explicit ranges contain what is drawn
  for (const key of Object.keys(fig.layout).filter((k) => /^[xy]axis\d*$/.test(k))) {
    const ax = fig.layout[key] as Record<string, unknown>;
    if (!ax || !Array.isArray(ax.range) || !finite(ax.range[0]) || !finite(ax.range[1])) continue;
    const id = key[0] + key.slice(5);
    const log = ax.type === "log";
    const lo = Math.min(ax.range[0] as number, ax.range[1] as number), hi = Math.max(ax.range[0] as number, ax.range[1] as number);
    const tol = 0.005 * (hi - lo);
    for (const [i, t] of fig.data.entries()) {
      if (!visible(t) || axisId(t, key[0] as "x" | "y") !== id) continue;
      const vals: number[] = [];
      if (isScatter(t)) for (const p of points(fig, t)) vals.push(key[0] === "x" ? p[0] : p[1]);
      else if (t.type === "bar") {
        const xs = arr(t.x), ys = arr(t.y), w = typeof t.width === "number" ? t.width : 0;
        xs.forEach((x, j) => {
          if (!finite(x) || !finite(ys[j])) return;
          if (key[0] === "x") vals.push(x - w / 2, x + w / 2);
          else vals.push(ys[j] as number);
        });
      }
      const out = vals.map((v) => (log ? Math.log10(v) : v)).filter((v) => v < lo - tol || v > hi + tol);
      if (out.length) add("range", `${label(fig, t, i)} draws ${out.length} value(s) outside the ${key} range [${ax.range.join(", ")}] (cut at the edge)`);
    }
  }
  return out;
}

// ---- rules measured on the drawn figure ------------------------------------------------------------

/** What the page reports about one drawn figure (see {@link measureInPage}). */
export interface DrawnFigure {
  width: number;
  height: number;
  /** Plot area: left, top, width, height in pixels. */
  plot: { l: number; t: number; w: number; h: number };
  axes: Record<string, { type: string; range: [number, number]; offset: number; length: number; ticks: { x: number; text: string }[] }>;
  /** Legend box in pixels (figure coordinates), or null without a legend. */
  legend: { x: number; y: number; w: number; h: number } | null;
}

/**
 * Runs in the page (it is serialised by playwright): draws each spec with plotly.js and reports the
 * plot area, the axes (type, range, pixel offset and length, tick labels) and the legend box.
 */
export async function measureInPage(specs: { data: unknown[]; layout: Record<string, unknown> }[]): Promise<DrawnFigure[]> {
  type Ax = { type: string; range: number[]; _offset: number; _length: number; _vals?: { x: number; text: string; minor?: boolean }[] };
  const P = (globalThis as unknown as { Plotly: { newPlot(el: unknown, d: unknown, l: unknown, c: unknown): Promise<unknown>; purge(el: unknown): void } }).Plotly;
  const doc = (globalThis as unknown as { document: { createElement(t: string): { style: Record<string, string>; remove(): void } & Record<string, unknown>; body: { appendChild(e: unknown): void } } }).document;
  const out: DrawnFigure[] = [];
  for (const spec of specs) {
    const el = doc.createElement("div");
    doc.body.appendChild(el);
    const width = Number(spec.layout.width) || 760;
    const height = Number(spec.layout.height) || 460;
    await P.newPlot(el, JSON.parse(JSON.stringify(spec.data)), { ...JSON.parse(JSON.stringify(spec.layout)), width, height }, { staticPlot: true });
    const full = (el as unknown as { _fullLayout: Record<string, unknown> & { _size: { l: number; t: number; w: number; h: number } } })._fullLayout;
    const axes: DrawnFigure["axes"] = {};
    for (const key of Object.keys(full).filter((k) => /^[xy]axis\d*$/.test(k))) {
      const ax = full[key] as Ax;
      axes[key] = {
        type: ax.type,
        range: [ax.range[0], ax.range[1]],
        offset: ax._offset,
        length: ax._length,
        ticks: (ax._vals ?? []).filter((v) => !v.minor).map((v) => ({ x: v.x, text: String(v.text ?? "") })),
      };
    }
    const root = (el as unknown as { getBoundingClientRect(): { left: number; top: number } }).getBoundingClientRect();
    const bg = (el as unknown as { querySelector(s: string): { getBoundingClientRect(): { left: number; top: number; width: number; height: number } } | null }).querySelector(".legend .bg");
    let legend: DrawnFigure["legend"] = null;
    if (bg) {
      const r = bg.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) legend = { x: r.left - root.left, y: r.top - root.top, w: r.width, h: r.height };
    }
    out.push({ width, height, plot: { ...full._size }, axes, legend });
    P.purge(el);
    el.remove();
  }
  return out;
}

/** A number written as plotly writes tick labels: "0.02", "1,000", "10<sup>−2</sup>", "2·10<sup>5</sup>", "2×10^5", "1k". */
export function parseTickLabel(text: string): number | null {
  const t = text.replace(/<sup>/g, "^").replace(/<\/sup>/g, "").replace(/<[^>]*>/g, "").replace(/\u2212/g, "-").replace(/,/g, "").replace(/\s/g, "");
  let m = /^(-?[\d.]+)?(?:[·×x*])?10\^(-?\d+)$/.exec(t);
  if (m) return Number(((m[1] === undefined ? 1 : Number(m[1])) * 10 ** Number(m[2])).toPrecision(12));
  m = /^(-?[\d.]+)e([+-]?\d+)$/i.exec(t);
  if (m) return Number(m[1]) * 10 ** Number(m[2]);
  m = /^(-?[\d.]+)([kMGTμmnp]?)$/.exec(t);
  if (m) {
    const si: Record<string, number> = { "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, m: 1e-3, μ: 1e-6, n: 1e-9, p: 1e-12 };
    return Number(m[1]) * si[m[2]];
  }
  return null;
}

/** Pixel position of a data value on a drawn axis. */
function toPixel(ax: DrawnFigure["axes"][string], v: number, letter: "x" | "y"): number {
  const l = ax.type === "log" ? Math.log10(v) : v;
  const [r0, r1] = ax.range;
  const f = (l - r0) / (r1 - r0);
  return letter === "x" ? ax.offset + f * ax.length : ax.offset + (1 - f) * ax.length;
}

interface Geometry {
  index: number;
  trace: Trace;
  /** Sample points in pixels. */
  samples: [number, number][];
  /** Line segments in pixels (lines mode). */
  segments: [number, number, number, number][];
  /** Marker centres in pixels (markers mode). */
  markers: [number, number][];
  lineWidth: number;
  markerSize: number;
  hasLine: boolean;
  hasMarkers: boolean;
  axes: string;
}

function geometry(fig: Figure, drawn: DrawnFigure, t: Trace, index: number): Geometry | null {
  if (!isScatter(t) || !visible(t)) return null;
  const xa = drawn.axes[axisKey(axisId(t, "x"))], ya = drawn.axes[axisKey(axisId(t, "y"))];
  if (!xa || !ya) return null;
  const mode = modeOf(t);
  const line = (t.line ?? {}) as Record<string, unknown>;
  const marker = (t.marker ?? {}) as Record<string, unknown>;
  const g: Geometry = {
    index,
    trace: t,
    samples: [],
    segments: [],
    markers: [],
    lineWidth: finite(line.width) ? line.width : 2,
    markerSize: finite(marker.size) ? marker.size : 6,
    hasLine: mode.includes("lines"),
    hasMarkers: mode.includes("markers"),
    axes: `${axisId(t, "x")}/${axisId(t, "y")}`,
  };
  const xs = arr(t.x), ys = arr(t.y);
  let prev: [number, number] | null = null;
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const x = xs[i], y = ys[i];
    const ok = finite(x) && finite(y) && (xa.type !== "log" || x > 0) && (ya.type !== "log" || y > 0);
    if (!ok) {
      prev = null;
      continue;
    }
    const p: [number, number] = [toPixel(xa, x as number, "x"), toPixel(ya, y as number, "y")];
    if (g.hasMarkers) g.markers.push(p);
    if (g.hasLine && prev) {
      g.segments.push([prev[0], prev[1], p[0], p[1]]);
      const n = Math.max(1, Math.ceil(Math.hypot(p[0] - prev[0], p[1] - prev[1]) / 4));
      for (let k = 1; k <= n; k++) g.samples.push([prev[0] + ((p[0] - prev[0]) * k) / n, prev[1] + ((p[1] - prev[1]) * k) / n]);
    } else if (g.hasLine) g.samples.push(p);
    prev = p;
  }
  if (!g.hasLine) g.samples = g.markers.slice();
  // Only what lies inside the plot area counts.
  const inside = ([x, y]: [number, number]) => x >= drawn.plot.l - 1 && x <= drawn.plot.l + drawn.plot.w + 1 && y >= drawn.plot.t - 1 && y <= drawn.plot.t + drawn.plot.h + 1;
  g.samples = g.samples.filter(inside);
  return g;
}

function distToSegment(px: number, py: number, s: [number, number, number, number]): number {
  const [x0, y0, x1, y1] = s;
  const dx = x1 - x0, dy = y1 - y0;
  const l2 = dx * dx + dy * dy;
  const t = l2 > 0 ? Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / l2)) : 0;
  return Math.hypot(px - (x0 + t * dx), py - (y0 + t * dy));
}

/** Distance from a pixel to what a trace draws (its line, else its markers). */
function distanceTo(g: Geometry, px: number, py: number): number {
  let d = Infinity;
  for (const s of g.segments) d = Math.min(d, distToSegment(px, py, s));
  for (const m of g.markers) d = Math.min(d, Math.hypot(px - m[0], py - m[1]));
  return d;
}

function openSymbol(t: Trace): boolean {
  const s = ((t.marker ?? {}) as Record<string, unknown>).symbol;
  return typeof s === "string" && s.includes("open");
}

/** The rules that need the drawn figure (see the module comment). */
export function drawnProblems(fig: Figure, drawn: DrawnFigure, where = fig.id ?? "(figure without id)"): RuleProblem[] {
  const out: RuleProblem[] = [];
  const add = (rule: string, message: string) => out.push({ figure: where, rule, message });
  // log-labels
  for (const [key, ax] of Object.entries(drawn.axes)) {
    if (ax.type !== "log") continue;
    const spec = (fig.layout[key] ?? {}) as Record<string, unknown>;
    if (spec.visible === false || spec.showticklabels === false) continue;
    for (const tick of ax.ticks) {
      if (!tick.text) continue;
      const v = parseTickLabel(tick.text);
      const truth = 10 ** tick.x;
      if (v === null || !(Math.abs(v - truth) <= 0.02 * truth)) {
        add("log-labels", `${key} labels ${truth.toPrecision(3)} as "${tick.text}"`);
      }
    }
  }
  // legend-size and legend-covers
  const P = drawn.plot;
  if (drawn.legend) {
    const L = drawn.legend;
    const cx = L.x + L.w / 2, cy = L.y + L.h / 2;
    const inside = cx > P.l && cx < P.l + P.w && cy > P.t && cy < P.t + P.h;
    if (inside) {
      const share = (L.w * L.h) / (P.w * P.h);
      if (share > 0.25) add("legend-size", `the legend covers ${(100 * share).toFixed(0)} % of the plot (at most 25 %)`);
      const shrink = 2;
      fig.data.forEach((t, i) => {
        const g = geometry(fig, drawn, t, i);
        if (!g) return;
        const hits = g.samples.filter(([x, y]) => x > L.x + shrink && x < L.x + L.w - shrink && y > L.y + shrink && y < L.y + L.h - shrink).length;
        if (hits > 0) add("legend-covers", `the legend covers ${hits} drawn point(s) of ${label(fig, t, i)}`);
      });
    } else if (L.x >= P.l + P.w - 1) {
      const share = L.w / (P.w + L.w);
      if (share > 0.25) add("legend-size", `the legend beside the plot takes ${(100 * share).toFixed(0)} % of the width (at most 25 %)`);
    } else {
      const share = L.h / (P.h + L.h);
      if (share > 0.25) add("legend-size", `the legend ${L.y > P.t ? "below" : "above"} the plot takes ${(100 * share).toFixed(0)} % of the height (at most 25 %)`);
    }
  }
  // cut: bars and markers inside the drawn ranges
  fig.data.forEach((t, i) => {
    if (!visible(t)) return;
    const xa = drawn.axes[axisKey(axisId(t, "x"))], ya = drawn.axes[axisKey(axisId(t, "y"))];
    if (!xa || !ya) return;
    // Inside the range; a bar's sides at least 0.3 % of the axis (about 2 px) away from its ends.
    const inRange = (ax: DrawnFigure["axes"][string], v: number, margin: number) => {
      if (ax.type === "log" && !(v > 0)) return true;
      const l = ax.type === "log" ? Math.log10(v) : v;
      const lo = Math.min(ax.range[0], ax.range[1]), hi = Math.max(ax.range[0], ax.range[1]);
      const m = margin * (hi - lo);
      return l >= lo + m && l <= hi - m;
    };
    const xs = arr(t.x), ys = arr(t.y);
    let cut = 0;
    if (t.type === "bar") {
      const w = typeof t.width === "number" ? t.width : 0;
      xs.forEach((x, j) => {
        if (finite(x) && finite(ys[j]) && (!inRange(xa, x - w / 2, 0.003) || !inRange(xa, x + w / 2, 0.003) || !inRange(ya, ys[j] as number, -0.002))) cut++;
      });
    } else if (isScatter(t) && modeOf(t).includes("markers")) {
      xs.forEach((x, j) => {
        if (finite(x) && finite(ys[j]) && (!inRange(xa, x, -0.002) || !inRange(ya, ys[j] as number, -0.002))) cut++;
      });
    }
    if (cut) add("cut", `${cut} bar(s) or marker(s) of ${label(fig, t, i)} lie outside the drawn axis range or touch its end`);
  });
  // hidden
  const geos = fig.data.map((t, i) => geometry(fig, drawn, t, i)).filter((g): g is Geometry => g !== null && g.samples.length > 0);
  const text = `${fig.caption ?? ""} ${fig.data.map((t) => t.name ?? "").join(" ")}`;
  for (const a of geos) {
    for (const b of geos) {
      if (b.index <= a.index || b.axes !== a.axes) continue;
      const tol = a.hasLine ? 2.5 : Math.max(2, a.markerSize / 2);
      const near = a.samples.filter(([x, y]) => distanceTo(b, x, y) <= tol).length;
      if (near < 0.9 * a.samples.length) continue;
      const lineAndMarkers = (a.hasLine && !a.hasMarkers && b.hasMarkers && !b.hasLine) || (b.hasLine && !b.hasMarkers && a.hasMarkers && !a.hasLine);
      const halo = a.hasLine && b.hasLine && a.lineWidth >= 2.5 * b.lineWidth;
      const nested = a.hasMarkers && b.hasMarkers && !a.hasLine && !b.hasLine && (openSymbol(b.trace) || b.markerSize <= 0.6 * a.markerSize);
      const distinguishable = lineAndMarkers || halo || nested;
      const said = COINCIDE_WORDS.test(text);
      if (!distinguishable || !said) {
        add(
          "hidden",
          `${label(fig, a.trace, a.index)} lies under ${label(fig, b.trace, b.index)} (${Math.round((100 * near) / a.samples.length)} % within ${tol} px)` +
            (distinguishable ? "; the caption does not say that they coincide" : "; draw them distinguishably (markers on a line, a halo, open markers) and say so in the caption"),
        );
      }
    }
  }
  // error-bars
  fig.data.forEach((t, i) => {
    const e = t.error_y as { array?: unknown; visible?: boolean } | undefined;
    if (!e || e.visible === false || !isScatter(t)) return;
    const ya = drawn.axes[axisKey(axisId(t, "y"))];
    const xa = drawn.axes[axisKey(axisId(t, "x"))];
    if (!ya || !xa) return;
    const ys = arr(t.y), es = arr(e.array), xs = arr(t.x);
    const size = finite(((t.marker ?? {}) as Record<string, unknown>).size) ? (((t.marker ?? {}) as Record<string, unknown>).size as number) : 6;
    const half: number[] = [];
    ys.forEach((y, j) => {
      const err = es[j];
      if (!finite(y) || !finite(err) || !finite(xs[j])) return;
      if (ya.type === "log" && !(y - err > 0)) return;
      half.push(Math.abs(toPixel(ya, y + err, "y") - toPixel(ya, y, "y")));
    });
    if (!half.length) return;
    half.sort((p, q) => p - q);
    const median = half[Math.floor(half.length / 2)];
    if (median <= size / 2 + 1) add("error-bars", `the error bars of ${label(fig, t, i)} reach ${median.toFixed(1)} px from their centre (median), inside the ${size}-px markers: not visible at this size`);
  });
  return out;
}
