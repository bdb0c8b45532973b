/**
 * Argument checks shared by the combinatorics functions (not exported from the package).
 * Every message names the function, the argument, the value and what was expected.
 */

/** A non-negative integer that is exact in a double (<= 2^53). */
export function checkCount(fn: string, name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 2 ** 53) {
    throw new RangeError(`${fn}: ${name} must be a non-negative integer <= 2^53, got ${String(value)}`);
  }
  return value;
}

/** A positive integer that is exact in a double. */
export function checkPositiveCount(fn: string, name: string, value: unknown): number {
  checkCount(fn, name, value);
  if ((value as number) < 1) throw new RangeError(`${fn}: ${name} must be a positive integer, got ${String(value)}`);
  return value as number;
}

/** A finite non-negative number (possibly non-integer, possibly huge). */
export function checkNonNegative(fn: string, name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${fn}: ${name} must be a finite number >= 0, got ${String(value)}`);
  }
  return value;
}

/** A probability in [0, 1]. */
export function checkProbability(fn: string, name: string, value: unknown): number {
  if (typeof value !== "number" || !(value >= 0 && value <= 1)) {
    throw new RangeError(`${fn}: ${name} must be a probability in [0, 1], got ${String(value)}`);
  }
  return value;
}

/** k <= skills, for counts of tuples without repetition. */
export function checkKAtMostSkills(fn: string, kName: string, k: number, skills: number): void {
  if (k > skills) {
    throw new RangeError(
      `${fn}: ${kName} = ${k} exceeds skills = ${skills}; a tuple of distinct skills needs ${kName} <= skills`,
    );
  }
}
