/**
 * Evenly spaced grids of numbers, for drawing a function as a smooth curve.
 */
import { checkBytes } from "../budget";
import { checkFinite, checkInteger, checkOptions, failArg } from "../validate";

/**
 * The number of points of a curve or grid (internal): an integer >= 2, and `bytesPerPoint` times it
 * within the memory budget (a mistyped 1e9 points fails at once, naming `fn` and `name`).
 */
export function checkPointCount(fn: string, name: string, value: unknown, bytesPerPoint: number): number {
  const count = checkInteger(fn, name, value, 2);
  checkBytes(fn, count * bytesPerPoint, `${count} points`, `use fewer ${name}`);
  return count;
}

/** A range of a curve (internal): finite `from` < `to` (and from > 0 on a log scale). */
export function checkCurveRange(fn: string, from: unknown, to: unknown, log: boolean): [number, number] {
  const a = checkFinite(fn, "from", from);
  const b = checkFinite(fn, "to", to);
  if (log && !(a > 0)) throw new RangeError(`${fn}: a log grid needs from > 0, got from = ${a}`);
  if (!(b > a)) throw new RangeError(`${fn}: to must be > from, got from = ${a}, to = ${b}`);
  return [a, b];
}

/** Options of {@link valueGrid}. */
export interface ValueGridOptions {
  /** First value. */
  from: number;
  /** Last value (> from). */
  to: number;
  /** Number of points (>= 2). Default 200. */
  count?: number;
  /** Logarithmic spacing (needs 0 < from); default false (linear). */
  log?: boolean;
}

/**
 * `count` values from `from` to `to`, evenly spaced (or evenly spaced in log with `log: true`); the
 * ends are exactly `from` and `to`.
 * @example
 * valueGrid({ from: 1, to: 100, count: 3, log: true })
 * // => Float64Array [1, 10…, 100]
 * @see {@link alphaGrid}
 */
export function valueGrid(options: ValueGridOptions): Float64Array {
  const fn = "valueGrid";
  checkOptions(fn, options, "{ from, to, count?, log? }");
  if (options.log !== undefined && typeof options.log !== "boolean") failArg(fn, "log", options.log, "a boolean");
  const log = options.log ?? false;
  const [from, to] = checkCurveRange(fn, options.from, options.to, log);
  const count = checkPointCount(fn, "count", options.count ?? 200, 8);
  const out = new Float64Array(count);
  const a = log ? Math.log(from) : from;
  const b = log ? Math.log(to) : to;
  // (b − a)·i overflows only for spans near Number.MAX_VALUE: then step between halves.
  const wide = !Number.isFinite((b - a) * (count - 1));
  const halfStep = (b / 2 - a / 2) / (count - 1);
  for (let i = 0; i < count; i++) {
    const v = wide ? a + halfStep * i + halfStep * i : a + ((b - a) * i) / (count - 1);
    out[i] = log ? Math.exp(v) : v;
  }
  out[0] = from;
  out[count - 1] = to;
  return out;
}
