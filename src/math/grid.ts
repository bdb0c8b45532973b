/**
 * Evenly spaced grids of numbers, for drawing a function as a smooth curve.
 */
import { checkFinite, checkInteger, checkOptions } from "../validate";

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
  const from = checkFinite(fn, "from", options.from);
  const to = checkFinite(fn, "to", options.to);
  if (!(to > from)) throw new RangeError(`${fn}: to must be > from, got from = ${from}, to = ${to}`);
  const count = checkInteger(fn, "count", options.count ?? 200, 2);
  const log = options.log ?? false;
  if (log && !(from > 0)) throw new RangeError(`${fn}: a log grid needs from > 0, got from = ${from}`);
  const out = new Float64Array(count);
  const a = log ? Math.log(from) : from;
  const b = log ? Math.log(to) : to;
  for (let i = 0; i < count; i++) {
    const v = a + ((b - a) * i) / (count - 1);
    out[i] = log ? Math.exp(v) : v;
  }
  out[0] = from;
  out[count - 1] = to;
  return out;
}
