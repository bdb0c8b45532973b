/**
 * Argument checks shared by the graph generators (internal: not re-exported). Each throws an
 * Error naming the function, the argument, the value received and what was expected.
 */

/** Throw unless `value` is an integer in [min, max]. */
export function checkInt(fn: string, name: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new RangeError(`${fn}: ${name} must be an integer ${range}, got ${String(value)}`);
  }
  return value;
}

/** Throw unless `value` is a probability: a finite number in [0, 1]. */
export function checkProb(fn: string, name: string, value: unknown): number {
  if (typeof value !== "number" || !(value >= 0 && value <= 1)) {
    throw new RangeError(`${fn}: ${name} must be a probability in [0, 1], got ${String(value)}`);
  }
  return value;
}

/** Throw unless `value` is a finite number. */
export function checkFinite(fn: string, name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new RangeError(`${fn}: ${name} must be a finite number, got ${String(value)}`);
  }
  return value;
}

/** Throw unless `options` is an object. */
export function checkOptions<T>(fn: string, options: T | undefined): T {
  if (options === null || typeof options !== "object") {
    throw new TypeError(`${fn}: expected an options object, got ${String(options)}`);
  }
  return options;
}

/** Largest number of entries a Uint32Array-indexed CSR can hold here. */
export const MAX_CSR_ENTRIES = 2 ** 32 - 1;
