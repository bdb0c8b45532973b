/**
 * Number formatting for reading: tables, captions and progress lines.
 * Pure functions, no I/O.
 */

/** Options of {@link formatNumber}. */
export interface FormatNumberOptions {
  /** Significant digits (1..15). Default 4. */
  digits?: number;
  /** Magnitudes at or above this are written in scientific notation (5.9e23). Default 1e6. */
  largeAbove?: number;
  /** Non-zero magnitudes below this are written in scientific notation (3.2e-5). Default 1e-3. */
  smallBelow?: number;
}

function validateDigits(fn: string, digits: number): void {
  if (!Number.isInteger(digits) || digits < 1 || digits > 15) {
    throw new RangeError(`${fn}: digits must be an integer in 1..15, got ${String(digits)}`);
  }
}

/** Removes trailing zeros of a fixed mantissa ("5.900" -> "5.9", "3.000" -> "3"). */
function trimMantissa(s: string): string {
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}

/**
 * Formats a number for a human reader with `digits` significant digits:
 * - integers below `largeAbove` in magnitude are written in full (`123456`);
 * - magnitudes at or above `largeAbove` or below `smallBelow` use scientific notation without
 *   a plus sign or padding zeros (`5.9e23`, `3.2e-5`);
 * - other values are rounded to `digits` significant digits, trailing zeros dropped (`0.1235`),
 *   and values with more integer digits than `digits` are rounded to an integer (`12346`);
 * - `NaN` is written `NaN`, infinities `∞` / `-∞`, and `-0` as `0`.
 * @example
 * formatNumber(70e9)
 * // => "7e10"
 * @see {@link showTable}
 */
export function formatNumber(x: number, options: FormatNumberOptions = {}): string {
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(`formatNumber: options must be an object { digits?, largeAbove?, smallBelow? }, got ${options === null ? "null" : Array.isArray(options) ? "an array" : typeof options}`);
  }
  const digits = options.digits ?? 4;
  validateDigits("formatNumber", digits);
  const large = options.largeAbove ?? 1e6;
  const small = options.smallBelow ?? 1e-3;
  if (typeof large !== "number" || typeof small !== "number" || !(large > 0) || !(small >= 0) || small >= large) {
    throw new RangeError(
      `formatNumber: expected 0 <= smallBelow < largeAbove, got smallBelow=${small}, largeAbove=${large}`,
    );
  }
  if (typeof x !== "number") {
    throw new TypeError(`formatNumber: x must be a number, got ${typeof x} (${String(x)})`);
  }
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "∞";
  if (x === -Infinity) return "-∞";
  if (x === 0) return "0";
  const abs = Math.abs(x);
  if (abs >= large || abs < small) return formatScientific(x, digits);
  if (Number.isInteger(x)) return String(x);
  if (abs >= 10 ** digits) {
    const r = Math.round(x);
    return Math.abs(r) >= large ? formatScientific(r, digits) : String(r);
  }
  const p = x.toPrecision(digits);
  // toPrecision switches to exponent form only when the exponent >= digits, excluded above.
  return trimMantissa(p);
}

/** Scientific notation with `digits` significant digits: 5.9e23, -1.25e-7. */
export function formatScientific(x: number, digits = 4): string {
  validateDigits("formatScientific", digits);
  if (!Number.isFinite(x)) return formatNumber(x);
  if (x === 0) return "0";
  const [mantissa, exponent] = x.toExponential(digits - 1).split("e");
  const e = Number(exponent);
  return `${trimMantissa(mantissa)}e${e}`;
}

/** Formats any table cell: numbers with {@link formatNumber}, bigint in full, null/undefined as "". */
export function formatCell(value: unknown, options: FormatNumberOptions = {}): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return formatNumber(value, options);
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return value.toISOString();
  if (ArrayBuffer.isView(value) || Array.isArray(value)) {
    const arr = Array.from(value as ArrayLike<unknown>);
    const shown = arr.slice(0, 6).map((v) => formatCell(v, options));
    return `[${shown.join(", ")}${arr.length > 6 ? `, … (${arr.length})` : ""}]`;
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Formats a duration given in milliseconds: "850 ms", "3.2 s", "2 min 05 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) {
    throw new RangeError(`formatDuration: ms must be a finite number >= 0, got ${String(ms)}`);
  }
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${trimMantissa(s.toFixed(1))} s`;
  const total = Math.round(s);
  const min = Math.floor(total / 60);
  const sec = total - 60 * min;
  return `${min} min ${String(sec).padStart(2, "0")} s`;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
