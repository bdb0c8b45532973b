/**
 * Argument checks specific to the combinatorics functions (internal: not re-exported), built on the
 * shared checks in ../validate. Counts here may go up to 2^53 (exact in a double), one past the
 * largest safe integer, because tuple counts are compared against 2^53.
 */
import { checkInteger, failArg } from "../validate";

/** A non-negative integer that is exact in a double (<= 2^53). */
export function checkCount(fn: string, name: string, value: unknown): number {
  return checkInteger(fn, name, value, 0, 2 ** 53, "a non-negative integer <= 2^53");
}

/** A positive integer that is exact in a double. */
export function checkPositiveCount(fn: string, name: string, value: unknown): number {
  checkCount(fn, name, value);
  if ((value as number) < 1) failArg(fn, name, value, "a positive integer");
  return value as number;
}

/** k <= skills, for counts of tuples without repetition. */
export function checkKAtMostSkills(fn: string, kName: string, k: number, skills: number): void {
  if (k > skills) {
    throw new RangeError(
      `${fn}: ${kName} = ${k} exceeds skills = ${skills}; a tuple of distinct skills needs ${kName} <= skills`,
    );
  }
}
