/**
 * Plotly figure specs built by pure functions. A `Figure` is plain JSON (plotly `data` + `layout`)
 * plus an optional id (for example "F-05-k") and a caption that states the figure's parameters.
 * No I/O here: {@link show} (display.ts) hands a figure to the kernel.
 */

import { describeValue } from "../validate";
import { dataRanges, placeLegend } from "./layout";

/** One plotly trace; kept open because plotly has many trace types. */
export type Trace = Record<string, unknown> & { type?: string; name?: string };

/** A plotly figure spec with the lesson pack's id and caption. */
export interface Figure {
  data: Trace[];
  layout: Record<string, unknown>;
  /** Stable id such as "F-05-k": used for build/figures/<id>.png. */
  id?: string;
  /** One sentence that states the parameters the figure was drawn with. */
  caption?: string;
}

/** The labels every figure builder accepts: a title, a stable id and a caption. */
export interface FigureOptions {
  title?: string;
  /** Stable id, letters/digits/dot/dash/underscore only (it names files), e.g. "F-05-k". */
  id?: string;
  /** One sentence that states the parameters the figure was drawn with. */
  caption?: string;
}

/** An axis: its label with units, and whether it is logarithmic. */
export interface AxisSpec {
  /** Axis label with units, e.g. "compute C (FLOPs)". */
  title: string;
  /** Logarithmic axis (use when the quantity spans decades). */
  log?: boolean;
  /** Visible range in DATA units (for a log axis too: [1e3, 1e9]); converted to plotly's units. */
  range?: [number, number];
  /** A d3 tick format, e.g. ".0%" or "~s". */
  tickformat?: string;
}

/** One line or marker series. */
export interface Series {
  /** Legend entry: name the parameter values, e.g. "k = 4, theta = 0.1". */
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  mode?: "lines" | "markers" | "lines+markers";
  dash?: "solid" | "dash" | "dot" | "dashdot";
  color?: string;
  /** Symmetric error bars (e.g. 2 standard errors), same length as y. */
  errorY?: ArrayLike<number>;
  /** Allow NaN/Infinity in y (drawn as gaps). Default false: a non-finite value throws. */
  allowGaps?: boolean;
  /** Hide from the legend. */
  showLegend?: boolean;
  /** Line width in pixels (plotly's default is 2). */
  width?: number;
  /**
   * Draw the line wide and pale (width 8, opacity 0.35): a band that a curve drawn later on top of
   * it (thin, another colour) stays visible on. For two curves that coincide, by theory or nearly.
   */
  halo?: boolean;
  /** Marker symbol, e.g. "circle-open", "diamond", "square-open". */
  symbol?: string;
  /** Marker size in pixels (plotly's default is 6). */
  markerSize?: number;
  /** Opacity of the whole trace in [0, 1]. */
  opacity?: number;
  /** Traces with the same group show and hide together; only the first one with a legend entry shows it. */
  legendGroup?: string;
}

/** Options of {@link lineFigure}. */
export interface LineFigureOptions {
  title: string;
  x: AxisSpec;
  y: AxisSpec;
  series: Series[];
  /** Stable id, letters/digits/dot/dash/underscore only (it names files), e.g. "F-05-k". */
  id?: string;
  caption?: string;
  /** Pixel size; default 760 x 460. */
  width?: number;
  height?: number;
  /** Extra plotly layout keys merged last (e.g. shapes, annotations). */
  layout?: Record<string, unknown>;
}

/** Default figure size in pixels (fits a notebook column and a PNG for GitHub). */
export const FIGURE_WIDTH = 760;
export const FIGURE_HEIGHT = 460;

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;

/** Throws unless `id` is a usable figure id (it becomes a file name: build/figures/<id>.png). */
export function validateFigureId(fn: string, id: unknown): void {
  if (id === undefined) return;
  if (typeof id !== "string" || !ID_PATTERN.test(id)) {
    throw new TypeError(
      `${fn}: id must be letters, digits, ".", "_" or "-" (1-80 chars, e.g. "F-05-k"), got ${describeValue(id)}`,
    );
  }
}

function checkSize(fn: string, name: string, v: unknown): void {
  if (v === undefined) return;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 100 || v > 4000) {
    throw new RangeError(`${fn}: ${name} must be an integer number of pixels in 100..4000, got ${String(v)}`);
  }
}

/** Plotly axis layout for an {@link AxisSpec}. */
export function axisLayout(spec: AxisSpec, fn = "axisLayout"): Record<string, unknown> {
  if (!spec || typeof spec.title !== "string" || spec.title.trim() === "") {
    throw new TypeError(`${fn}: axis title must be a non-empty string with units, got ${describeValue(spec?.title)}`);
  }
  const a: Record<string, unknown> = {
    title: { text: spec.title },
    type: spec.log ? "log" : "linear",
    automargin: true,
  };
  if (spec.log) a.exponentformat = "power";
  if (spec.tickformat) a.tickformat = spec.tickformat;
  if (spec.range) {
    const [lo, hi] = spec.range;
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo >= hi) {
      throw new RangeError(`${fn}: range must be two finite numbers [lo, hi] with lo < hi, got [${lo}, ${hi}]`);
    }
    if (spec.log) {
      if (lo <= 0) {
        throw new RangeError(`${fn}: range of the log axis "${spec.title}" must be > 0 (data units), got [${lo}, ${hi}]`);
      }
      a.range = [Math.log10(lo), Math.log10(hi)];
    } else {
      a.range = [lo, hi];
    }
  }
  return a;
}

function toFiniteArray(
  fn: string,
  label: string,
  v: ArrayLike<number>,
  opts: { allowGaps: boolean; positive: boolean },
): (number | null)[] {
  if (v === null || v === undefined || typeof (v as ArrayLike<number>).length !== "number") {
    throw new TypeError(`${fn}: ${label} must be an array of numbers, got ${String(v)}`);
  }
  const out: (number | null)[] = new Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (typeof x !== "number" || !Number.isFinite(x)) {
      if (opts.allowGaps && typeof x === "number") {
        out[i] = null; // a gap in plotly
        continue;
      }
      throw new RangeError(`${fn}: ${label}[${i}] = ${String(x)}; expected a finite number (set allowGaps for gaps)`);
    }
    if (opts.positive && x <= 0) {
      throw new RangeError(`${fn}: ${label}[${i}] = ${x} but the axis is logarithmic; expected a value > 0`);
    }
    out[i] = x;
  }
  return out;
}

/**
 * A figure of line/marker series against shared axes. Typed arrays are copied to plain arrays
 * (JSON). Throws when a series has unequal lengths, a non-finite value, or a value <= 0 on a
 * log axis (plotly would silently drop it).
 * @example
 * lineFigure({ id: "mean", title: "t", x: { title: "n" }, y: { title: "y" }, series: [{ name: "a", x: [1, 2], y: [3, 4] }] })
 * // => a Figure with 1 trace
 * @see {@link show}, {@link plotlyFigure}
 */
export function lineFigure(options: LineFigureOptions): Figure {
  const fn = "lineFigure";
  if (!options || typeof options.title !== "string") {
    throw new TypeError(`${fn}: options.title must be a string, got ${String(options?.title)}`);
  }
  validateFigureId(fn, options.id);
  if (options.caption !== undefined && typeof options.caption !== "string") throw new TypeError(`${fn}: caption must be a string, got ${describeValue(options.caption)}`);
  if (options.layout !== undefined && (options.layout === null || typeof options.layout !== "object" || Array.isArray(options.layout))) {
    throw new TypeError(`${fn}: layout must be an object of plotly layout keys, got ${describeValue(options.layout)}`);
  }
  checkSize(fn, "width", options.width);
  checkSize(fn, "height", options.height);
  if (!Array.isArray(options.series) || options.series.length === 0) {
    throw new TypeError(`${fn}: series must be a non-empty array, got ${describeValue(options.series)}`);
  }
  const xaxis = axisLayout(options.x, `${fn} (x axis)`);
  const yaxis = axisLayout(options.y, `${fn} (y axis)`);
  const data: Trace[] = options.series.map((s, k) => {
    if (!s || typeof s.name !== "string") {
      throw new TypeError(`${fn}: series[${k}].name must be a string, got ${describeValue(s?.name)}`);
    }
    if (s.x?.length !== s.y?.length) {
      throw new RangeError(
        `${fn}: series "${s.name}" has x of length ${s.x?.length} but y of length ${s.y?.length}; expected equal lengths`,
      );
    }
    const gaps = s.allowGaps ?? false;
    const t: Trace = {
      type: "scatter",
      name: s.name,
      x: toFiniteArray(fn, `series "${s.name}" x`, s.x, { allowGaps: gaps, positive: !!options.x.log }),
      y: toFiniteArray(fn, `series "${s.name}" y`, s.y, { allowGaps: gaps, positive: !!options.y.log }),
      mode: s.mode ?? "lines",
    };
    const width = s.halo ? 8 : s.width;
    if (s.dash || s.color || width !== undefined) {
      t.line = { ...(s.dash ? { dash: s.dash } : {}), ...(s.color ? { color: s.color } : {}), ...(width !== undefined ? { width } : {}) };
    }
    if ((s.color || s.symbol || s.markerSize) && s.mode && s.mode !== "lines") {
      t.marker = { ...(s.color ? { color: s.color } : {}), ...(s.symbol ? { symbol: s.symbol } : {}), ...(s.markerSize ? { size: s.markerSize } : {}) };
    }
    if (s.halo) t.opacity = 0.35;
    else if (s.opacity !== undefined) t.opacity = s.opacity;
    if (s.legendGroup) t.legendgroup = s.legendGroup;
    if (s.errorY) {
      if (s.errorY.length !== s.y.length) {
        throw new RangeError(
          `${fn}: series "${s.name}" errorY has length ${s.errorY.length} but y has ${s.y.length}; expected equal lengths`,
        );
      }
      t.error_y = {
        type: "data",
        array: toFiniteArray(fn, `series "${s.name}" errorY`, s.errorY, { allowGaps: gaps, positive: false }),
        visible: true,
      };
    }
    if (s.showLegend === false) t.showlegend = false;
    return t;
  });
  checkDistinguishable(fn, data);
  const markers = data.some((t) => String(t.mode).includes("markers") || t.error_y !== undefined);
  const layout: Record<string, unknown> = {
    title: { text: options.title },
    xaxis,
    yaxis,
    margin: { t: 60, r: 20, b: 60, l: 70 },
    width: options.width ?? FIGURE_WIDTH,
    height: options.height ?? FIGURE_HEIGHT,
    ...(options.layout ?? {}),
  };
  return withoutUndefined({ data, layout: placeLegend(data, dataRanges(data, layout, { x: markers ? 0.03 : 0, y: 0.04 })), id: options.id, caption: options.caption });
}

/** Options of {@link plotlyFigure}. */
export interface PlotlyFigureOptions {
  title: string;
  data: Trace[];
  layout?: Record<string, unknown>;
  id?: string;
  caption?: string;
}

/**
 * A figure from raw plotly traces (bar charts, heatmaps, ...): adds the title and the default
 * size unless the layout sets them. Throws on an empty trace list or a bad id.
 */
export function plotlyFigure(options: PlotlyFigureOptions): Figure {
  const fn = "plotlyFigure";
  if (!options || typeof options.title !== "string") {
    throw new TypeError(`${fn}: options.title must be a string, got ${String(options?.title)}`);
  }
  validateFigureId(fn, options.id);
  if (!Array.isArray(options.data) || options.data.length === 0) {
    throw new TypeError(`${fn}: data must be a non-empty array of plotly traces`);
  }
  options.data.forEach((t, i) => {
    if (t === null || typeof t !== "object" || Array.isArray(t)) throw new TypeError(`${fn}: data[${i}] must be a plotly trace (an object), got ${describeValue(t)}`);
  });
  if (options.layout !== undefined && (options.layout === null || typeof options.layout !== "object" || Array.isArray(options.layout))) {
    throw new TypeError(`${fn}: layout must be an object of plotly layout keys, got ${describeValue(options.layout)}`);
  }
  if (options.caption !== undefined && typeof options.caption !== "string") throw new TypeError(`${fn}: caption must be a string, got ${describeValue(options.caption)}`);
  const data = options.data.map((t, i) => {
    try {
      return JSON.parse(JSON.stringify(t, typedArrayReplacer)) as Trace;
    } catch (e) {
      throw new TypeError(`${fn}: data[${i}] must be plain JSON (numbers, strings, arrays, objects): ${(e as Error).message}`);
    }
  });
  const layout: Record<string, unknown> = {
    title: { text: options.title },
    margin: { t: 60, r: 20, b: 60, l: 70 },
    width: FIGURE_WIDTH,
    height: FIGURE_HEIGHT,
    ...(options.layout ?? {}),
  };
  return withoutUndefined({ data, layout: placeLegend(data, dataRanges(data, layout)), id: options.id, caption: options.caption });
}

/** Style of a trace that decides how it looks: mode, colour, dash, width, symbol, opacity. */
function traceStyle(t: Trace): string {
  const line = (t.line ?? {}) as Record<string, unknown>;
  const marker = (t.marker ?? {}) as Record<string, unknown>;
  return JSON.stringify([t.mode, line.color, line.dash, line.width, marker.color, marker.symbol, marker.size, t.opacity, t.error_y !== undefined]);
}

/**
 * Throws when two traces draw the same points in the same style: the later one would hide the
 * earlier one completely, and the legend would name a curve nobody can see. Two curves that coincide
 * must be drawn distinguishably (markers on a line, a halo under a thin line, another colour).
 * Traces without a colour get different colours from plotly and are not compared.
 */
export function checkDistinguishable(fn: string, data: readonly Trace[]): void {
  const seen = new Map<string, string>();
  for (const t of data) {
    const line = (t.line ?? {}) as Record<string, unknown>;
    const marker = (t.marker ?? {}) as Record<string, unknown>;
    if (line.color === undefined && marker.color === undefined) continue;
    const key = traceStyle(t) + JSON.stringify([t.x, t.y, t.xaxis, t.yaxis]);
    const prev = seen.get(key);
    if (prev !== undefined) {
      throw new RangeError(
        `${fn}: series "${t.name}" draws the same points in the same style as "${prev}", which it would hide; ` +
          "draw one of them differently (markers, halo, dash or colour) and say in the caption that they coincide",
      );
    }
    seen.set(key, String(t.name));
  }
}

/** A copy of a figure with a caption (and optionally an id). */
export function withCaption(figure: Figure, caption: string, id?: string): Figure {
  validateFigureId("withCaption", id ?? figure.id);
  return withoutUndefined({ ...figure, caption, id: id ?? figure.id });
}

/** The figure's title text (layout.title may be a string or { text }). */
export function figureTitle(figure: Figure): string {
  const t = figure.layout?.title as unknown;
  if (typeof t === "string") return t;
  if (t && typeof t === "object" && typeof (t as { text?: unknown }).text === "string") {
    return (t as { text: string }).text;
  }
  return "";
}

/**
 * Checks that a value looks like a {@link Figure} before it is displayed or rendered: `data` an
 * array of objects, `layout` an object, a valid id. Throws a message naming `fn`.
 */
export function validateFigure(fn: string, figure: unknown): asserts figure is Figure {
  const f = figure as Figure;
  if (!f || typeof f !== "object" || !Array.isArray(f.data) || f.data.some((t) => !t || typeof t !== "object")) {
    throw new TypeError(`${fn}: expected a Figure { data: Trace[], layout }, got ${describe(figure)}`);
  }
  if (!f.layout || typeof f.layout !== "object") {
    throw new TypeError(`${fn}: figure.layout must be an object, got ${describe(f.layout)}`);
  }
  validateFigureId(fn, f.id);
  if (f.caption !== undefined && typeof f.caption !== "string") {
    throw new TypeError(`${fn}: figure.caption must be a string, got ${describe(f.caption)}`);
  }
  try {
    JSON.stringify(f);
  } catch (e) {
    throw new TypeError(`${fn}: figure must be plain JSON (numbers, strings, arrays, objects): ${(e as Error).message}`);
  }
}

function describe(v: unknown): string {
  if (typeof v === "bigint") return `${v}n`;
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 80 ? s.slice(0, 77) + "..." : s;
  } catch {
    return String(v);
  }
}

function typedArrayReplacer(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
  return value;
}

function withoutUndefined(f: Figure): Figure {
  const out: Figure = { data: f.data, layout: f.layout };
  if (f.id !== undefined) out.id = f.id;
  if (f.caption !== undefined) out.caption = f.caption;
  return out;
}
