/**
 * Argument checks shared by the core areas (internal: not re-exported from the package).
 * Every check throws an Error whose message names the function, the argument, the value received
 * and what was expected, in one shape: `fn: name must be <expected>, got <value>`
 * (e.g. `skillGraph: k must be an integer in [1, 100], got 3.5`). Area-specific checks
 * (`checkScalingParams`, `checkKAtMostSkills`, `checkGraph`, ...) live in their areas, built on these.
 */

/**
 * A value as shown in an error message, short whatever its size: numbers as they print (-0 as -0),
 * strings quoted (cut after 60 characters), bigints with their n, arrays and typed arrays by type and
 * length, other objects as short JSON.
 */
export function describeValue(value: unknown): string {
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? value.slice(0, 57) + "..." : value);
  if (typeof value === "bigint") return `${value}n`;
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (typeof value === "function") return "a function";
  if (ArrayBuffer.isView(value)) return `${value.constructor.name} of length ${(value as unknown as ArrayLike<unknown>).length}`;
  if (Array.isArray(value)) {
    if (value.length <= 4 && value.every((v) => typeof v === "number" || typeof v === "string")) return `[${value.map(describeValue).join(", ")}]`;
    return `an array of length ${value.length}`;
  }
  if (typeof value === "object") {
    try {
      const s = JSON.stringify(value);
      if (s !== undefined) return `object ${s.length > 60 ? s.slice(0, 57) + "..." : s}`;
    } catch {
      // cyclic or with bigints: fall through
    }
    return `object (${Object.prototype.toString.call(value)})`;
  }
  return String(value);
}

/** Throw a RangeError `fn: name must be <expected>, got <value>`. */
export function failArg(fn: string, name: string, value: unknown, expected: string): never {
  throw new RangeError(`${fn}: ${name} must be ${expected}, got ${describeValue(value)}`);
}

/**
 * An integer in [min, max] (Number.isInteger: exact in a double). With `max` given the message says
 * "an integer in [min, max]", without it "an integer >= min" (and max is Number.MAX_SAFE_INTEGER);
 * `expected` replaces the wording when an area states the range in its own words.
 */
export function checkInteger(fn: string, name: string, value: unknown, min: number, max?: number, expected?: string): number {
  const hi = max ?? Number.MAX_SAFE_INTEGER;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > hi) {
    failArg(fn, name, value, expected ?? (max === undefined ? `an integer >= ${min}` : `an integer in [${min}, ${max}]`));
  }
  return value;
}

/** A finite number. */
export function checkFinite(fn: string, name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) failArg(fn, name, value, "a finite number");
  return value;
}

/** A finite number > 0. */
export function checkPositive(fn: string, name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) failArg(fn, name, value, "a finite number > 0");
  return value;
}

/** A finite number >= 0. */
export function checkNonNegative(fn: string, name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) failArg(fn, name, value, "a finite number >= 0");
  return value;
}

/** A finite number in the closed interval [lo, hi]. */
export function checkClosed(fn: string, name: string, value: unknown, lo: number, hi: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < lo || value > hi) {
    failArg(fn, name, value, `a finite number in [${lo}, ${hi}]`);
  }
  return value;
}

/** A finite number in the open interval (lo, hi). */
export function checkOpen(fn: string, name: string, value: unknown, lo: number, hi: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= lo || value >= hi) {
    failArg(fn, name, value, `a finite number in (${lo}, ${hi})`);
  }
  return value;
}

/** A probability: a number in [0, 1] (NaN rejected). */
export function checkProbability(fn: string, name: string, value: unknown): number {
  if (typeof value !== "number" || !(value >= 0 && value <= 1)) failArg(fn, name, value, "a probability in [0, 1]");
  return value;
}

/** A boolean (TypeError otherwise). */
export function checkBoolean(fn: string, name: string, value: unknown): boolean {
  if (typeof value !== "boolean") throw new TypeError(`${fn}: ${name} must be a boolean, got ${describeValue(value)}`);
  return value;
}

/**
 * An options object (not null, not an array); throws a TypeError. With `shape` (e.g. "{ n, p, rng }")
 * the message reads `fn: options must be an object <shape>, got ...`, without it
 * `fn: expected an options object, got ...`.
 */
export function checkOptions<T>(fn: string, options: T | null | undefined, shape?: string): T {
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    const got = describeValue(options);
    throw new TypeError(
      shape === undefined ? `${fn}: expected an options object, got ${got}` : `${fn}: options must be an object ${shape}, got ${got}`,
    );
  }
  return options as T;
}

/** A non-empty array (or typed array) of numbers, each checked by `each`; returned as a plain array. */
export function checkNumberList(
  fn: string,
  name: string,
  value: unknown,
  each: (fn: string, name: string, v: unknown) => number,
): number[] {
  if (!(Array.isArray(value) || ArrayBuffer.isView(value)) || (value as ArrayLike<number>).length === 0) {
    throw new TypeError(`${fn}: ${name} must be a non-empty array (or typed array) of numbers, got ${describeValue(value)}`);
  }
  const list = Array.from(value as ArrayLike<number>);
  list.forEach((v, i) => each(fn, `${name}[${i}]`, v));
  return list;
}

/** A non-empty array, typed array or other array-like (TypeError otherwise); returned as given. */
export function checkNonEmptyList<T>(fn: string, name: string, value: ArrayLike<T> | null | undefined): ArrayLike<T> {
  if (!value || typeof value !== "object" || typeof (value as ArrayLike<T>).length !== "number" || (value as ArrayLike<T>).length === 0) {
    throw new TypeError(`${fn}: ${name} must be a non-empty array, got ${describeValue(value)}`);
  }
  return value;
}

/**
 * A computed number that must be finite: returned as is, otherwise a RangeError
 * `fn: <what> is <value> (outside the double range) for <inputs>` that names the arguments to change.
 * For results a function promises finite when its arguments are valid but extreme (e.g. A = 1e300).
 */
export function checkFiniteResult(fn: string, what: string, value: number, inputs: string): number {
  if (!Number.isFinite(value)) {
    throw new RangeError(`${fn}: ${what} is ${value} (outside the double range) for ${inputs}; use arguments of a more moderate size`);
  }
  return value;
}

/** Short text of a scaling law's parameters for messages: "{E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28}". */
export function describeParams(p: object): string {
  return `{${["E", "A", "B", "alpha", "beta"].map((k) => `${k}: ${describeValue((p as Record<string, unknown>)[k])}`).join(", ")}}`;
}

/** A fraction in the open interval (0, 1) whose reciprocal is finite (1/alpha appears in the bounds). */
export function checkFraction(fn: string, name: string, value: unknown): number {
  if (typeof value !== "number" || !(value > 0 && value < 1) || !Number.isFinite(1 / value)) {
    failArg(fn, name, value, "a number in (0, 1) with a finite reciprocal (>= 5.6e-309)");
  }
  return value;
}
