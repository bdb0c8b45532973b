/**
 * Shared pieces of the lesson checks: reading an answer and comparing it with a reference value the
 * check computes itself. A check never prints the reference value unless the answer matches it.
 */

import { describeValue } from "../validate";

/** The answer as a finite number, or undefined when it is missing or not a finite number. */
export function answerNumber(answer: unknown): number | undefined {
  return typeof answer === "number" && Number.isFinite(answer) ? answer : undefined;
}

/** |answer - reference| <= relative |reference|. */
export function withinRelative(answer: number, reference: number, relative: number): boolean {
  return Math.abs(answer - reference) <= relative * Math.abs(reference);
}

/** The line a check prints for an answer that is still `undefined` (or not a number). */
export function notAnswered(variable: string, answer: unknown): string {
  if (answer === undefined) return `Not answered yet: set ${variable} above and re-run this cell.`;
  return `${variable} must be a finite number, got ${describeValue(answer)}.`;
}
