/**
 * Plotly figure specs built by pure functions. A `Figure` is plain JSON (data + layout) plus an
 * optional id (for example "F-05-k") and a caption that states the figure's parameters.
 */

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

/** An axis: its label with units, and whether it is logarithmic. */
export interface AxisSpec {
  title: string;
  log?: boolean;
  range?: [number, number];
}

/** One line or marker series. */
export interface Series {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  mode?: "lines" | "markers" | "lines+markers";
  dash?: "solid" | "dash" | "dot" | "dashdot";
  color?: string;
}

/** Options of {@link lineFigure}. */
export interface LineFigureOptions {
  title: string;
  x: AxisSpec;
  y: AxisSpec;
  series: Series[];
  id?: string;
  caption?: string;
}

function axis(spec: AxisSpec): Record<string, unknown> {
  const a: Record<string, unknown> = { title: { text: spec.title }, type: spec.log ? "log" : "linear" };
  if (spec.range) a.range = spec.range;
  return a;
}

/** A figure of line/marker series against shared axes. Typed arrays are copied to plain arrays (JSON). */
export function lineFigure(options: LineFigureOptions): Figure {
  if (!options || typeof options.title !== "string") {
    throw new TypeError(`lineFigure: options.title must be a string, got ${String(options?.title)}`);
  }
  const data: Trace[] = options.series.map((s) => {
    if (s.x.length !== s.y.length) {
      throw new RangeError(
        `lineFigure: series "${s.name}" has x of length ${s.x.length} but y of length ${s.y.length}; expected equal lengths`,
      );
    }
    const t: Trace = {
      type: "scatter",
      name: s.name,
      x: Array.from(s.x),
      y: Array.from(s.y),
      mode: s.mode ?? "lines",
    };
    if (s.dash || s.color) t.line = { ...(s.dash ? { dash: s.dash } : {}), ...(s.color ? { color: s.color } : {}) };
    if (s.color && s.mode !== "lines") t.marker = { color: s.color };
    return t;
  });
  const layout: Record<string, unknown> = {
    title: { text: options.title },
    xaxis: axis(options.x),
    yaxis: axis(options.y),
    legend: { orientation: "v" },
    margin: { t: 60, r: 20, b: 60, l: 70 },
    width: 760,
    height: 460,
  };
  return { data, layout, id: options.id, caption: options.caption };
}
