/**
 * Argument checks for the theory area (internal: not re-exported from the package).
 * Each throws an Error that names the function, the argument, the value and what was expected.
 */

function show(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  return `${typeof value} (${String(value)})`;
}

/** A finite number in the closed interval [lo, hi]. */
export function checkClosed(fn: string, name: string, value: unknown, lo: number, hi: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < lo || value > hi) {
    throw new RangeError(`${fn}: ${name} must be a finite number in [${lo}, ${hi}], got ${show(value)}`);
  }
  return value;
}

/** A finite number in the open interval (lo, hi). */
export function checkOpen(fn: string, name: string, value: unknown, lo: number, hi: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= lo || value >= hi) {
    throw new RangeError(`${fn}: ${name} must be a finite number in (${lo}, ${hi}), got ${show(value)}`);
  }
  return value;
}

/** A finite number > 0. */
export function checkPositiveNumber(fn: string, name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${fn}: ${name} must be a finite number > 0, got ${show(value)}`);
  }
  return value;
}

/** A finite number >= 0. */
export function checkNonNegative(fn: string, name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${fn}: ${name} must be a finite number >= 0, got ${show(value)}`);
  }
  return value;
}

/** An integer >= min (and a safe integer). */
export function checkInteger(fn: string, name: string, value: unknown, min: number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${fn}: ${name} must be an integer >= ${min}, got ${show(value)}`);
  }
  return value;
}

/** An options object (not null, not an array). */
export function checkOptions<T>(fn: string, options: T, expected: string): T {
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(`${fn}: options must be an object ${expected}, got ${show(options)}`);
  }
  return options;
}

/** A non-empty array-like of numbers, each checked by `each`; returned as a plain array. */
export function checkNumberList(
  fn: string,
  name: string,
  value: unknown,
  each: (fn: string, name: string, v: unknown) => number,
): number[] {
  if (!(Array.isArray(value) || ArrayBuffer.isView(value)) || (value as ArrayLike<number>).length === 0) {
    throw new TypeError(`${fn}: ${name} must be a non-empty array (or typed array) of numbers, got ${show(value)}`);
  }
  const list = Array.from(value as ArrayLike<number>);
  list.forEach((v, i) => each(fn, `${name}[${i}]`, v));
  return list;
}
